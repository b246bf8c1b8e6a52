// Proves the Shopee connector meets the shared connector contract against the Shopee emulator over
// real HTTP: paging, batching, tokens, throttling, faults, webhooks and stock.
import { startShopeeEmulator } from '../../../sandbox/shopee/index.ts';
import { runConnectorSuite } from '../connector-suite.ts';
import { shopee } from './index.ts';
import { DETAIL_BATCH_SIZE, ITEM_LIST_PAGE_SIZE, ORDER_LIST_PAGE_SIZE } from './options.ts';

const APP = { appKey: '2001887', appSecret: 'suite-partner-key-5c1e0a9b' };
const LOCATION_ID = 'SGZ';

runConnectorSuite({
  name: 'Shopee',
  module: shopee,
  startEmulator: startShopeeEmulator,
  warehouseId: LOCATION_ID,
  limits: {
    catalogPageSize: ITEM_LIST_PAGE_SIZE,
    orderPageSize: ORDER_LIST_PAGE_SIZE,
    orderDetailMaxIds: DETAIL_BATCH_SIZE,
  },
  seedShop(emulator, input) {
    const platformShopId = String(14_701_711 + input.key);
    const tokens = {
      accessToken: `5977717463656273726661554670${String(input.key).padStart(4, '0')}`,
      refreshToken: `4a6b4d6e4f50515253545556575859${String(input.key).padStart(2, '0')}`,
    };
    emulator.seedShop({
      platformShopId,
      ...APP,
      ...tokens,
      accessTokenExpiresAtMs: input.accessTokenExpiresAtMs,
      webhookUrl: input.webhookUrl,
      warehouseIds: [LOCATION_ID],
    });
    emulator.seedProducts(platformShopId, input.products);
    return {
      auth: {
        ...APP,
        ...tokens,
        accessTokenExpiresAtMs: input.accessTokenExpiresAtMs,
        refreshTokenExpiresAtMs: null,
        platformShopId,
      },
      secrets: APP,
    };
  },
});
