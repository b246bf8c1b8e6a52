/**
 * WooCommerce REST API v3 facts the connector is built on (woocommerce.md, cited §6.n), in one
 * place, and the connector options resolved to their defaults.
 */
import type { ConnectorOptions, ShopAuth } from '../contract.ts';
import { DEFAULT_TIMEOUT_MS } from '../http/send-request.ts';

/** Every v3 route lives under this prefix of the store's own URL (§6.2). */
export const WOO_API_PREFIX = '/wp-json/wc/v3';

/** API paths below the prefix (§6.2). */
export const WOO_PATHS = {
  products: '/products',
  productsBatch: '/products/batch',
  variations: (productId: string): string =>
    `/products/${encodeURIComponent(productId)}/variations`,
  variationsBatch: (productId: string): string =>
    `/products/${encodeURIComponent(productId)}/variations/batch`,
  orders: '/orders',
  order: (orderId: string): string => `/orders/${encodeURIComponent(orderId)}`,
  orderNotes: (orderId: string): string => `/orders/${encodeURIComponent(orderId)}/notes`,
} as const;

/** `per_page` tops out at 100 for every collection (§6.2 pagination). */
export const WOO_PAGE_SIZE = 100;

/** A batch call takes at most 100 objects (§6.2 batch). */
export const WOO_BATCH_MAX = 100;

/** `include=` is a collection filter, so one order read takes at most a page: 100 ids. */
export const WOO_ORDER_DETAIL_MAX_IDS = 100;

/**
 * WooCommerce core has no rate limit; the host decides (§6.2 "Rate limits: none by default").
 * StockPool paces itself at 25 requests per second per store: shared WordPress hosts are the slow
 * part, and security plugins and CDNs in front of them throttle bursts above a few dozen per second.
 */
export const WOO_RATE_PER_SECOND = 25;

/** Requests the client limiter lets out at once (smooths bursts reaching a small host). */
export const WOO_CLIENT_BURST = 5;

/** Listings per setStock call the sync engine should give (split further into batch calls). */
export const WOO_MAX_PUSH_BATCH = 100;

/** Batch calls of one setStock in flight at once; the rate limiter still paces them. */
export const WOO_PUSH_CONCURRENCY = 2;

/** Variation reads of one catalogue page in flight at once. */
export const WOO_VARIATION_READ_CONCURRENCY = 4;

/** The order note StockPool leaves when it cancels for want of stock (§6.2 cancel; no reason codes). */
export const WOO_OUT_OF_STOCK_NOTE =
  'Cancelled by the seller: the item is out of stock. / 商品缺货，卖家已取消订单。';

/** How requests are authenticated (§6.1). */
export type WooAuthMode = 'basic' | 'query' | 'oauth1';

/** ConnectorOptions with every default filled in. */
export interface ResolvedWooOptions {
  auth: ShopAuth;
  /** The store's URL (no trailing slash); the API is at `${storeUrl}/wp-json/wc/v3`. */
  storeUrl: string;
  authMode: WooAuthMode;
  timeoutMs: number;
  nowMs: () => number;
  rateLimitPerSecond: number;
}

/**
 * Fills in WooCommerce's defaults. The base URL is the store's own (each store is its own host):
 * the shop's API base URL, or else its platformShopId, which is the store URL. Auth is HTTP Basic
 * over https and one-legged OAuth 1.0a over plain http (§6.1); `auth.extra.authMode = 'query'`
 * sends the keys as query parameters for servers that drop the Authorization header.
 */
export function resolveWooOptions(options: ConnectorOptions): ResolvedWooOptions {
  const storeUrl = stripSlash(options.baseUrl || options.auth.platformShopId);
  return {
    auth: { ...options.auth },
    storeUrl,
    authMode: authModeFor(storeUrl, options.auth.extra?.authMode),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    nowMs: options.nowMs ?? Date.now,
    rateLimitPerSecond: options.rateLimitPerSecond ?? WOO_RATE_PER_SECOND,
  };
}

function authModeFor(storeUrl: string, wanted: string | undefined): WooAuthMode {
  if (wanted === 'basic' || wanted === 'query' || wanted === 'oauth1') return wanted;
  return storeUrl.startsWith('https:') ? 'basic' : 'oauth1';
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
