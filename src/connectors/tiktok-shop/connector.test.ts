// Proves the TikTok Shop connector meets the shared connector contract against the TikTok Shop
// emulator over real HTTP: paging, batching, tokens, throttling, faults, webhooks and stock.
import { startTikTokShopEmulator } from '../../../sandbox/tiktok-shop/server.ts';
import { runConnectorSuite } from '../connector-suite.ts';
import { tiktokShop } from './index.ts';
import { TIKTOK_ORDER_DETAIL_MAX_IDS, TIKTOK_PAGE_SIZE } from './options.ts';

const APP = { appKey: '6a1b2c3d4e5f7', appSecret: 'suite-app-secret-0f9e8d7c' };
const WAREHOUSE_ID = '7068517275539719942';

runConnectorSuite({
  name: 'TikTok Shop',
  module: tiktokShop,
  startEmulator: startTikTokShopEmulator,
  warehouseId: WAREHOUSE_ID,
  limits: {
    catalogPageSize: TIKTOK_PAGE_SIZE,
    orderPageSize: TIKTOK_PAGE_SIZE,
    orderDetailMaxIds: TIKTOK_ORDER_DETAIL_MAX_IDS,
  },
  seedShop(emulator, input) {
    const platformShopId = String(7494049642642441621n + BigInt(input.key));
    const tokens = {
      accessToken: `TTP_access_${input.key}`,
      refreshToken: `TTP_refresh_${input.key}`,
    };
    const shopCipher = `ROW_suite_${input.key}`;
    emulator.seedShop({
      platformShopId,
      shopCipher,
      ...APP,
      ...tokens,
      accessTokenExpiresAtMs: input.accessTokenExpiresAtMs,
      webhookUrl: input.webhookUrl,
      warehouseIds: [WAREHOUSE_ID],
    });
    emulator.seedProducts(platformShopId, input.products);
    return {
      auth: {
        ...APP,
        ...tokens,
        accessTokenExpiresAtMs: input.accessTokenExpiresAtMs,
        refreshTokenExpiresAtMs: null,
        platformShopId,
        shopCipher,
      },
      secrets: APP,
    };
  },
});
