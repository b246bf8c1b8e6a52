/**
 * Amazon Selling Partner API for StockPool: the platform module the composition root registers.
 * Platform facts: /work/shared/platforms/amazon.md (sections cited as §n in these files).
 */
import type { PlatformModule } from '../contract.ts';
import { AmazonConnector } from './connector.ts';
import { AMAZON_PUSH_RATE_PER_SECOND } from './options.ts';
import { parseAmazonNotification, verifyAmazonWebhook } from './webhook.ts';

/**
 * The Amazon platform module. Connectors send the LWA access token on every call (no signing,
 * §4.1), pace themselves per operation's usage plan (§4.2), refresh the token as needed, and read
 * ORDER_CHANGE notifications from the seller's SQS queue (`eventQueue`, §4.5): there is no HTTP
 * webhook, so verifyWebhook refuses every request and parseWebhook reads SQS message bodies.
 */
export const amazon: PlatformModule = {
  platform: 'amazon',
  createConnector: (options) => new AmazonConnector(options),
  verifyWebhook: verifyAmazonWebhook,
  parseWebhook: parseAmazonNotification,
  pushRatePerSecond: AMAZON_PUSH_RATE_PER_SECOND,
};

export { AmazonConnector } from './connector.ts';
export { AmazonEventQueue } from './event-queue.ts';
export { parseAmazonNotification, verifyAmazonWebhook } from './webhook.ts';
export { AMAZON_EXTRA_KEYS, AMAZON_MARKETPLACES, marketplaceOf } from './options.ts';
