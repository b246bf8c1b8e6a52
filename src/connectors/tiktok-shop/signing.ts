/**
 * TikTok Shop request signing, exactly as tiktok-shop.md §1.3 gives it (official Node SDK
 * `generate-sign.ts`, EcomPHP `prepareSignature`):
 *   sign = lowercase hex HMAC-SHA256(app_secret, app_secret + path + sorted{key}{value} + body + app_secret)
 */
import { hmacSha256Hex } from '../http/hmac.ts';

/** What the signature covers. */
export interface TikTokSignInput {
  appSecret: string;
  /** URL path only, no host and no query, e.g. `/order/202309/orders`. */
  path: string;
  /** Query parameters as sent; array values must already be joined with ',' (§1.3 step 3). */
  query: Record<string, string>;
  /** The exact body bytes sent, or undefined when there is none. */
  body?: string;
  /** The request's content type; a multipart body is never signed (§1.3 step 5). */
  contentType?: string;
}

/** Query keys that never enter the signature (§1.3 step 1). */
const UNSIGNED_KEYS = new Set(['sign', 'access_token', 'x-tts-access-token']);

/** The string before it is wrapped in the secret: path + sorted {key}{value} + body. */
export function tiktokStringToSign(input: TikTokSignInput): string {
  // Byte-wise ascending order (§1.3 step 2): keys are ASCII, where JS's default sort is byte order.
  const keys = Object.keys(input.query)
    .filter((key) => !UNSIGNED_KEYS.has(key))
    .sort();
  const params = keys.map((key) => `${key}${input.query[key] ?? ''}`).join('');
  const isMultipart = (input.contentType ?? '').toLowerCase().startsWith('multipart/form-data');
  const body = !isMultipart && input.body ? input.body : '';
  return `${input.path}${params}${body}`;
}

/**
 * The `sign` query parameter for a request: lowercase hex. Pure; the caller adds `sign` to the
 * query after computing it.
 */
export function signTikTokShopRequest(input: TikTokSignInput): string {
  const wrapped = `${input.appSecret}${tiktokStringToSign(input)}${input.appSecret}`;
  return hmacSha256Hex(input.appSecret, wrapped);
}
