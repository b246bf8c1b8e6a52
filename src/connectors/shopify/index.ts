/**
 * Shopify (Admin GraphQL API) for StockPool: the platform module the composition root registers.
 * Platform facts: /work/shared/platforms/shopify.md (sections cited as §5.n in these files).
 */
import type { PlatformModule } from '../contract.ts';
import { ShopifyConnector } from './connector.ts';
import { SHOPIFY_PUSH_RATE_PER_SECOND } from './options.ts';
import { parseShopifyWebhook, verifyShopifyWebhook } from './webhook.ts';

/**
 * The Shopify platform module. Connectors send the shop's offline token (never refreshed, §5.1),
 * pace themselves by the shop's cost bucket (§5.5) and set `available` with compare-and-set
 * (§5.3); webhooks are verified on the raw body with the app's client secret (§5.4) and read
 * with their headers (topic, shop domain, webhook id).
 */
export const shopify: PlatformModule = {
  platform: 'shopify',
  createConnector: (options) => new ShopifyConnector(options),
  verifyWebhook: verifyShopifyWebhook,
  parseWebhook: parseShopifyWebhook,
  pushRatePerSecond: SHOPIFY_PUSH_RATE_PER_SECOND,
};

export { ShopifyConnector } from './connector.ts';
export { shopifyWebhookHmac } from './signing.ts';
export { parseShopifyWebhook, verifyShopifyWebhook } from './webhook.ts';
