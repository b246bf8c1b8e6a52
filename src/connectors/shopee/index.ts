/**
 * The Shopee Open Platform v2 platform module: builds connectors for shops and verifies and
 * reads pushes. See docs in shopee.md (fact sheet) and the files beside this one.
 */
import type { PlatformModule } from '../contract.ts';
import { ShopeeConnector } from './client.ts';
import { SHOPEE_DEFAULT_RATE_PER_SECOND } from './options.ts';
import { parseShopeePush, verifyShopeePush } from './webhook.ts';

/**
 * Shopee for the sync engine. `pushRatePerSecond` is our conservative 10 requests/s per shop:
 * Shopee publishes no per-API limit (§2.6).
 */
export const shopee: PlatformModule = {
  platform: 'shopee',
  createConnector: (options) => new ShopeeConnector(options),
  verifyWebhook: verifyShopeePush,
  parseWebhook: parseShopeePush,
  pushRatePerSecond: SHOPEE_DEFAULT_RATE_PER_SECOND,
};

export { ShopeeConnector } from './client.ts';
export { parseShopeePush, shopeePushSignature, verifyShopeePush } from './webhook.ts';
export { signShopeeRequest } from './signing.ts';
