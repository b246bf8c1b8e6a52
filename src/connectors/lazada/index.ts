/**
 * Lazada Open Platform for StockPool: the platform module the composition root registers.
 * Platform facts: /work/shared/platforms/lazada.md (sections cited as §3.n in these files).
 */
import type { PlatformModule } from '../contract.ts';
import { LazadaConnector } from './connector.ts';
import { LAZADA_RATE_PER_SECOND } from './options.ts';
import { parseLazadaPush, verifyLazadaPush } from './webhook.ts';

/**
 * The Lazada platform module. Connectors sign every request (§3.3), pace themselves at 50
 * requests per second per API (§3.6), push absolute sellable quantities (stock-payload.ts) and
 * refresh the seller's tokens as needed; pushes are verified on the raw body with the app's key
 * and secret (§3.9).
 */
export const lazada: PlatformModule = {
  platform: 'lazada',
  createConnector: (options) => new LazadaConnector(options),
  verifyWebhook: verifyLazadaPush,
  parseWebhook: parseLazadaPush,
  pushRatePerSecond: LAZADA_RATE_PER_SECOND,
};

export { LazadaConnector } from './connector.ts';
export { LAZADA_API_BASE_URLS, LAZADA_AUTH_BASE_URL, EXTRA_MULTI_WAREHOUSE } from './options.ts';
export { signLazadaRequest } from './signing.ts';
export { lazadaPushSignature, parseLazadaPush, verifyLazadaPush } from './webhook.ts';
