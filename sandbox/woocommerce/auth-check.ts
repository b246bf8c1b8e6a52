/**
 * How the emulated site authenticates a REST call over plain http (woocommerce.md §6.1), in
 * WooCommerce's order: the OAuth parameters present, the consumer key known, the signature over
 * the URL as requested, then the timestamp window (±15 min) and the nonce unused for 15 minutes;
 * then the key's permissions for the method. HTTP Basic and keys in the query are accepted only
 * over https, which the emulator does not serve, so they count as no credentials at all.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { signWooOAuth } from '../../src/connectors/woocommerce/signing.ts';
import { authError, WooApiError } from './errors.ts';
import type { StoreRecord, WooState } from './state.ts';

const WINDOW_MS = 15 * 60_000;
const REQUIRED = [
  'oauth_consumer_key',
  'oauth_timestamp',
  'oauth_nonce',
  'oauth_signature',
  'oauth_signature_method',
] as const;

/** The store whose key signed the request; throws the site's refusal otherwise. */
export function authenticate(state: WooState, request: FastifyRequest, nowMs: number): StoreRecord {
  const params = oauthParams(request);
  if (params === null) throw notLoggedIn(request.method);
  for (const name of REQUIRED)
    if (!params.get(name))
      throw new WooApiError(
        'woocommerce_rest_authentication_missing_parameter',
        `Missing OAuth parameter ${name}`,
        401,
      );
  const store = state.storeByKey.get(params.get('oauth_consumer_key') ?? '');
  if (!store || store.revoked) throw authError('Consumer key is invalid.');
  checkSignature(request, params, store.seed.appSecret);
  checkTimestampAndNonce(store, params, nowMs);
  if (store.permissions === 'read' && request.method !== 'GET' && request.method !== 'HEAD')
    throw authError('The API key provided does not have write permissions.');
  if (store.permissions === 'write' && (request.method === 'GET' || request.method === 'HEAD'))
    throw authError('The API key provided does not have read permissions.');
  return store;
}

/** Query parameters, or an `Authorization: OAuth k="v", …` header; null when no oauth_* at all. */
function oauthParams(request: FastifyRequest): URLSearchParams | null {
  const at = request.url.indexOf('?');
  const query = new URLSearchParams(at === -1 ? '' : request.url.slice(at + 1));
  const header = request.headers.authorization ?? '';
  if (header.startsWith('OAuth ')) {
    for (const match of header.slice(6).matchAll(/([\w.-]+)="([^"]*)"/g))
      query.set(decodeURIComponent(match[1]!), decodeURIComponent(match[2]!));
  }
  return [...query.keys()].some((key) => key.startsWith('oauth_')) ? query : null;
}

/** The base string is rebuilt from the URL the client called and every parameter but the signature. */
function checkSignature(request: FastifyRequest, params: URLSearchParams, secret: string): void {
  const method = params.get('oauth_signature_method');
  if (method !== 'HMAC-SHA256' && method !== 'HMAC-SHA1')
    throw authError('Invalid signature - signature method is invalid.');
  const at = request.url.indexOf('?');
  const path = at === -1 ? request.url : request.url.slice(0, at);
  const signed: Record<string, string> = {};
  for (const [key, value] of params) if (key !== 'oauth_signature') signed[key] = value;
  // The emulator signs only with SHA-256, which is what StockPool and WC-JS send.
  const expected =
    method === 'HMAC-SHA256'
      ? signWooOAuth(
          { method: request.method, url: `http://${request.headers.host}${path}`, params: signed },
          secret,
        )
      : '';
  // A '+' in the signature arrives as a space when the client did not encode it; PHP puts it back.
  const received = (params.get('oauth_signature') ?? '').replace(/ /g, '+');
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    throw authError('Invalid signature - provided signature does not match.');
}

function checkTimestampAndNonce(store: StoreRecord, params: URLSearchParams, nowMs: number): void {
  const timestampMs = Number(params.get('oauth_timestamp')) * 1000;
  if (!Number.isFinite(timestampMs) || Math.abs(timestampMs - nowMs) > WINDOW_MS)
    throw authError('Invalid timestamp.');
  for (const [nonce, usedAtMs] of store.nonces)
    if (usedAtMs < nowMs - WINDOW_MS) store.nonces.delete(nonce);
  const nonce = params.get('oauth_nonce') ?? '';
  if (store.nonces.has(nonce)) throw authError('Invalid nonce - nonce has already been used.');
  store.nonces.set(nonce, nowMs);
}

/** No credentials: the endpoint's own permission check refuses the anonymous user. */
function notLoggedIn(method: string): WooApiError {
  return method === 'GET'
    ? new WooApiError('woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.', 401)
    : new WooApiError(
        'woocommerce_rest_cannot_edit',
        'Sorry, you are not allowed to edit this resource.',
        401,
      );
}
