/**
 * WooCommerce (REST API v3) for StockPool: the platform module the composition root registers.
 * Platform facts: /work/shared/platforms/woocommerce.md (sections cited as §6.n in these files).
 */
import type { PlatformModule } from '../contract.ts';
import { WooCommerceConnector } from './connector.ts';
import { WOO_RATE_PER_SECOND } from './options.ts';
import { parseWooCommerceWebhook, verifyWooCommerceWebhook, wooWebhookSecrets } from './webhook.ts';

/**
 * The WooCommerce platform module. Connectors talk to each store at its own URL (the shop's API
 * base URL, else its platformShopId), authenticate with the store's consumer key and secret (Basic
 * over https, OAuth 1.0a over http, §6.1), and pace themselves at 25 requests per second per store
 * (core has no limit; hosts do). Webhooks verify with the webhook secret (`wooWebhookSecrets`).
 */
export const woocommerce: PlatformModule = {
  platform: 'woocommerce',
  createConnector: (options) => new WooCommerceConnector(options),
  verifyWebhook: verifyWooCommerceWebhook,
  parseWebhook: parseWooCommerceWebhook,
  webhookSecrets: wooWebhookSecrets,
  pushRatePerSecond: WOO_RATE_PER_SECOND,
};

export { WooCommerceConnector } from './connector.ts';
export { basicAuthorization, oauthQuery, signWooOAuth } from './signing.ts';
export {
  normalizeWooStoreUrl,
  parseWooCommerceWebhook,
  verifyWooCommerceWebhook,
  wooWebhookSecrets,
} from './webhook.ts';
