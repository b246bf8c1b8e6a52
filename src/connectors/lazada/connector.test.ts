// Proves the Lazada connector meets the shared connector contract against the Lazada emulator
// over real HTTP: paging, batching, tokens, throttling, faults, pushes and stock. Lazada differs
// from the suite's defaults in three documented ways, declared below: timestamps are accepted
// within ±7200 s, unpaid orders are released after 30 minutes, and sellers cancel only paid orders
// while the out-of-stock reason zeroes the SKU's stock (lazada.md §3.2, §3.7, §3.8).
import { startLazadaEmulator } from '../../../sandbox/lazada/server.ts';
import { runConnectorSuite } from '../connector-suite.ts';
import { lazada } from './index.ts';
import { ORDER_ITEMS_MAX_IDS, ORDERS_PAGE_SIZE, PRODUCTS_PAGE_SIZE } from './options.ts';

const APP = { appKey: '100132', appSecret: 'suite-lazada-app-secret-7d1c' };
const WAREHOUSE_CODE = 'dropshipping';

runConnectorSuite({
  name: 'Lazada',
  module: lazada,
  startEmulator: startLazadaEmulator,
  warehouseId: WAREHOUSE_CODE,
  limits: {
    catalogPageSize: PRODUCTS_PAGE_SIZE,
    orderPageSize: ORDERS_PAGE_SIZE,
    orderDetailMaxIds: ORDER_ITEMS_MAX_IDS,
  },
  timestampToleranceMs: 7_200_000,
  unpaidOrdersExpireAfterMs: 30 * 60_000,
  sellerCancellation: { refusesUnpaid: true, outOfStockZeroesStock: true },
  seedShop(emulator, input) {
    // The seller_id names the shop in pushes (§3.9).
    const platformShopId = String(100_200_300 + input.key);
    const tokens = {
      accessToken: `50000601a${String(input.key).padStart(6, '0')}suiteAccess`,
      refreshToken: `50001601b${String(input.key).padStart(6, '0')}suiteRefresh`,
    };
    emulator.seedShop({
      platformShopId,
      region: 'SG',
      ...APP,
      ...tokens,
      accessTokenExpiresAtMs: input.accessTokenExpiresAtMs,
      webhookUrl: input.webhookUrl,
      warehouseIds: [WAREHOUSE_CODE],
    });
    emulator.seedProducts(platformShopId, input.products);
    return {
      auth: {
        ...APP,
        ...tokens,
        accessTokenExpiresAtMs: input.accessTokenExpiresAtMs,
        refreshTokenExpiresAtMs: null,
        platformShopId,
        region: 'SG',
      },
      secrets: APP,
    };
  },
});
