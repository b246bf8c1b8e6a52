// Proves the Shopify connector meets the shared connector contract against the Shopify emulator
// over real HTTP: paging, batching, tokens, throttling, faults, webhooks and stock.
import { startShopifyEmulator } from '../../../sandbox/shopify/server.ts';
import { runConnectorSuite } from '../connector-suite.ts';
import { shopify } from './index.ts';
import { SHOPIFY_CATALOG_PAGE_SIZE, SHOPIFY_ORDER_PAGE_SIZE } from './options.ts';

const APP = { appKey: 'c0ffee5a1e5d0c5b', appSecret: 'shpss_suite_client_secret_7e21' };
const LOCATION_ID = '61512351844';

runConnectorSuite({
  name: 'Shopify',
  module: shopify,
  startEmulator: startShopifyEmulator,
  warehouseId: LOCATION_ID,
  limits: {
    catalogPageSize: SHOPIFY_CATALOG_PAGE_SIZE,
    orderPageSize: SHOPIFY_ORDER_PAGE_SIZE,
    orderDetailMaxIds: SHOPIFY_ORDER_PAGE_SIZE,
  },
  capabilities: { tokenRefresh: false, requestTimestamps: false },
  seedShop(emulator, input) {
    const platformShopId = `suite-${input.key}.myshopify.com`;
    const accessToken = `shpat_suite_${String(input.key).padStart(6, '0')}`;
    emulator.seedShop({
      platformShopId,
      ...APP,
      accessToken,
      refreshToken: '',
      accessTokenExpiresAtMs: input.accessTokenExpiresAtMs,
      webhookUrl: input.webhookUrl,
      warehouseIds: [LOCATION_ID],
    });
    emulator.seedProducts(platformShopId, input.products);
    return {
      auth: {
        ...APP,
        accessToken,
        refreshToken: '',
        accessTokenExpiresAtMs: input.accessTokenExpiresAtMs,
        refreshTokenExpiresAtMs: null,
        platformShopId,
      },
      secrets: APP,
    };
  },
});
