/**
 * WooCommerce request authentication (woocommerce.md §6.1): one-legged OAuth 1.0a with
 * HMAC-SHA256 for plain-http stores, and the HTTP Basic header for https stores.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** RFC 3986 percent-encoding, as PHP's rawurlencode: only A-Z a-z 0-9 - . _ ~ stay as they are. */
export function rfc3986Encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export interface OAuthBaseInput {
  method: string;
  /** scheme://host/path, without the query string. */
  url: string;
  /** Every query parameter and oauth_* parameter, decoded, without oauth_signature. */
  params: Record<string, string>;
}

/**
 * The string WooCommerce signs (§6.1): METHOD & enc(url) & enc(sorted k=v joined by &), keys and
 * values RFC 3986 encoded first and the pairs sorted by encoded key (strcmp), then by value.
 * The JSON body is never part of it.
 */
export function wooOAuthBaseString(input: OAuthBaseInput): string {
  const pairs = Object.entries(input.params)
    .filter(([key]) => key !== 'oauth_signature')
    .map(([key, value]) => [rfc3986Encode(key), rfc3986Encode(value)] as const)
    .sort(([ka, va], [kb, vb]) => compareBytes(ka, kb) || compareBytes(va, vb))
    .map(([key, value]) => `${key}=${value}`);
  return [
    input.method.toUpperCase(),
    rfc3986Encode(input.url),
    rfc3986Encode(pairs.join('&')),
  ].join('&');
}

/** base64 HMAC-SHA256 of the base string, keyed by consumer_secret + '&' (no token secret). */
export function signWooOAuth(input: OAuthBaseInput, consumerSecret: string): string {
  return createHmac('sha256', `${consumerSecret}&`)
    .update(wooOAuthBaseString(input))
    .digest('base64');
}

export interface OAuthQueryInput {
  method: string;
  url: string;
  query: Record<string, string>;
  consumerKey: string;
  consumerSecret: string;
  nowMs: number;
  /** A fresh random nonce by default; fixed in tests. */
  nonce?: string;
}

/**
 * The request's query with the OAuth parameters and signature added (§6.1: params in the query
 * string; `oauth_version=1.0` as the WC-JS client sends it, and signed with the rest).
 */
export function oauthQuery(input: OAuthQueryInput): Record<string, string> {
  const params: Record<string, string> = {
    ...input.query,
    oauth_consumer_key: input.consumerKey,
    oauth_nonce: input.nonce ?? randomBytes(16).toString('hex'),
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(Math.floor(input.nowMs / 1000)),
    oauth_version: '1.0',
  };
  const signature = signWooOAuth(
    { method: input.method, url: input.url, params },
    input.consumerSecret,
  );
  return { ...params, oauth_signature: signature };
}

/** `Authorization: Basic base64(ck:cs)` for https stores (§6.1). */
export function basicAuthorization(consumerKey: string, consumerSecret: string): string {
  return `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`, 'utf8').toString('base64')}`;
}

/** PHP strcmp order: byte-wise (the encoded strings are ASCII). */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
