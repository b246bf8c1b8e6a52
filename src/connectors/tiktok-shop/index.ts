/**
 * TikTok Shop (Open API 202309) for StockPool: the platform module the composition root registers.
 * Platform facts: /work/shared/platforms/tiktok-shop.md (sections cited as §n in these files).
 */
import type { PlatformModule } from '../contract.ts';
import { TikTokShopConnector } from './connector.ts';
import { TIKTOK_RATE_PER_SECOND } from './options.ts';
import { parseTikTokShopWebhook, verifyTikTokShopWebhook } from './webhook.ts';

/**
 * The TikTok Shop platform module. Connectors sign every request (§1.3), pace themselves at 50
 * requests per second per API (§1.6) and refresh the shop's tokens as needed; webhooks are verified
 * on the raw body with the app's key and secret (§1.9).
 */
export const tiktokShop: PlatformModule = {
  platform: 'tiktok-shop',
  createConnector: (options) => new TikTokShopConnector(options),
  verifyWebhook: verifyTikTokShopWebhook,
  parseWebhook: parseTikTokShopWebhook,
  pushRatePerSecond: TIKTOK_RATE_PER_SECOND,
};

export { TikTokShopConnector } from './connector.ts';
export { signTikTokShopRequest } from './signing.ts';
export { parseTikTokShopWebhook, verifyTikTokShopWebhook } from './webhook.ts';
