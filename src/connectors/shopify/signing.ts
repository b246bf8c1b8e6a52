/**
 * Shopify's HMACs (§5.1, §5.4): webhooks carry base64 HMAC-SHA256(app client secret, raw body) in
 * `X-Shopify-Hmac-Sha256` (vector `shopify-webhook-hmac`). The Admin API itself is not signed:
 * requests carry the access token in `X-Shopify-Access-Token`.
 */
import { createHmac } from 'node:crypto';

/** The X-Shopify-Hmac-Sha256 value of a body. */
export function shopifyWebhookHmac(clientSecret: string, rawBody: Buffer | string): string {
  return createHmac('sha256', clientSecret).update(rawBody).digest('base64');
}
