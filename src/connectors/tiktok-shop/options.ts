/**
 * TikTok Shop facts the connector is built on (tiktok-shop.md), in one place, and the connector
 * options resolved to their defaults.
 */
import type { ConnectorOptions, RefreshedTokens, SharedTokens, ShopAuth } from '../contract.ts';
import { DEFAULT_TIMEOUT_MS } from '../http/send-request.ts';

/** Production API host (§1.1). */
export const TIKTOK_API_BASE_URL = 'https://open-api.tiktokglobalshop.com';

/** Token host (§1.1, §1.4). */
export const TIKTOK_AUTH_BASE_URL = 'https://auth.tiktok-shops.com';

/**
 * API paths (§1.7, §1.4). The inventory update path carries the product id; its rate-limit key is
 * the template, because TikTok counts calls per API, not per URL (§1.6).
 */
export const TIKTOK_PATHS = {
  inventoryUpdateTemplate: '/product/202309/products/{product_id}/inventory/update',
  inventoryUpdate: (productId: string): string =>
    `/product/202309/products/${encodeURIComponent(productId)}/inventory/update`,
  productsSearch: '/product/202309/products/search',
  inventorySearch: '/product/202309/inventory/search',
  ordersSearch: '/order/202309/orders/search',
  orderDetail: '/order/202309/orders',
  cancellations: '/return_refund/202309/cancellations',
  returnsSearch: '/return_refund/202309/returns/search',
  tokenRefresh: '/api/v2/token/refresh',
} as const;

/** Published limit: 50 requests per second per API, per (app, shop) (§1.6). */
export const TIKTOK_RATE_PER_SECOND = 50;

/** Largest page_size of products search and order search (§1.7). */
export const TIKTOK_PAGE_SIZE = 100;

/** Get Order Detail takes at most 50 ids (§1.7). */
export const TIKTOK_ORDER_DETAIL_MAX_IDS = 50;

/** Inventory search takes at most 100 product ids (§1.7). */
export const TIKTOK_INVENTORY_SEARCH_MAX_PRODUCTS = 100;

/** Upper bound of `quantity` in inventory update (§1.7). */
export const TIKTOK_MAX_QUANTITY = 99_999;

/** Refresh the access token when it has less than this left. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/** Listings per setStock call the sync engine should give (split further by product). */
export const TIKTOK_MAX_PUSH_BATCH = 100;

/** Product calls of one setStock in flight at once; the rate limiter still paces them. */
export const TIKTOK_PUSH_CONCURRENCY = 4;

/**
 * Requests the client limiter lets out at once. Smaller than a second's worth on purpose: network
 * jitter can bunch requests at the platform closer than the client spaced them, and the platform's
 * own window then throttles a client that never exceeded 50/s by its own clock.
 */
export const TIKTOK_CLIENT_BURST = 5;

/** ConnectorOptions with every default filled in. */
export interface ResolvedTikTokOptions {
  auth: ShopAuth;
  baseUrl: string;
  authBaseUrl: string;
  timeoutMs: number;
  nowMs: () => number;
  rateLimitPerSecond: number;
  onTokensRefreshed: (tokens: RefreshedTokens) => Promise<void>;
  sharedTokens?: SharedTokens;
}

/** Fills in TikTok's defaults; the auth object is copied so token updates stay inside. */
export function resolveTikTokOptions(options: ConnectorOptions): ResolvedTikTokOptions {
  return {
    auth: { ...options.auth },
    baseUrl: stripSlash(options.baseUrl || TIKTOK_API_BASE_URL),
    authBaseUrl: stripSlash(options.authBaseUrl ?? TIKTOK_AUTH_BASE_URL),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    nowMs: options.nowMs ?? Date.now,
    rateLimitPerSecond: options.rateLimitPerSecond ?? TIKTOK_RATE_PER_SECOND,
    onTokensRefreshed: options.onTokensRefreshed ?? (async () => {}),
    sharedTokens: options.sharedTokens,
  };
}

function stripSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
