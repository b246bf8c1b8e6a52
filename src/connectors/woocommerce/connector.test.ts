// Proves the WooCommerce connector meets the shared connector contract against the WooCommerce
// emulator over real HTTP (OAuth 1.0a over plain http): paging, batching, keys, throttling,
// faults, webhooks and stock. Keys never expire and there is no refresh (capabilities).
import { startWooCommerceEmulator } from '../../../sandbox/woocommerce/server.ts';
import { runConnectorSuite } from '../connector-suite.ts';
import { woocommerce } from './index.ts';
import { WOO_ORDER_DETAIL_MAX_IDS, WOO_PAGE_SIZE } from './options.ts';

/** A single stock location: the suite's warehouse id only labels the seeded figures. */
const WAREHOUSE_ID = 'default';
/** Keys do not expire: the auth carries a far expiry and empty tokens. */
const NEVER_MS = Number.MAX_SAFE_INTEGER;

runConnectorSuite({
  name: 'WooCommerce',
  module: woocommerce,
  startEmulator: startWooCommerceEmulator,
  warehouseId: WAREHOUSE_ID,
  limits: {
    catalogPageSize: WOO_PAGE_SIZE,
    orderPageSize: WOO_PAGE_SIZE,
    orderDetailMaxIds: WOO_ORDER_DETAIL_MAX_IDS,
  },
  capabilities: { tokenRefresh: false },
  // OAuth timestamps are accepted within ±15 minutes (woocommerce.md §6.1).
  timestampToleranceMs: 15 * 60_000,
  seedShop(emulator, input) {
    const platformShopId = `https://suite-store-${input.key}.example`;
    const keys = {
      appKey: `ck_suite${String(input.key).padStart(4, '0')}0123456789abcdef01234567`,
      appSecret: `cs_suite${String(input.key).padStart(4, '0')}0123456789abcdef01234567`,
    };
    emulator.seedShop({
      platformShopId,
      ...keys,
      accessToken: '',
      refreshToken: '',
      accessTokenExpiresAtMs: NEVER_MS,
      webhookUrl: input.webhookUrl,
      warehouseIds: [WAREHOUSE_ID],
    });
    emulator.seedProducts(platformShopId, input.products);
    return {
      auth: {
        ...keys,
        accessToken: '',
        refreshToken: '',
        accessTokenExpiresAtMs: NEVER_MS,
        refreshTokenExpiresAtMs: null,
        platformShopId,
      },
      // The webhook secret is the consumer secret (docs/connectors/woocommerce.md).
      secrets: keys,
    };
  },
});
