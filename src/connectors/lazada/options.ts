/**
 * Lazada connector limits, paths and defaults in one place. Figures marked "sheet" come from the
 * fact sheet (/work/shared/platforms/lazada.md, sections §3.n); the others are our choices where
 * Lazada publishes nothing.
 */
import type { ConnectorOptions, RefreshedTokens, SharedTokens, ShopAuth } from '../contract.ts';
import { DEFAULT_TIMEOUT_MS } from '../http/send-request.ts';

/**
 * Default API gateway (sheet §3.1). Every market has its own host (api.lazada.co.th, .com.my,
 * .vn, .com.ph, .co.id); without a `baseUrl` the shop's region picks it, else this one.
 */
export const LAZADA_API_BASE_URL = 'https://api.lazada.sg/rest';

/** Regional gateways by the shop's market code (sheet §3.1), for whoever builds connectors. */
export const LAZADA_API_BASE_URLS: Readonly<Record<string, string>> = {
  SG: 'https://api.lazada.sg/rest',
  TH: 'https://api.lazada.co.th/rest',
  MY: 'https://api.lazada.com.my/rest',
  VN: 'https://api.lazada.vn/rest',
  PH: 'https://api.lazada.com.ph/rest',
  ID: 'https://api.lazada.co.id/rest',
};

/** Token host, the same for every market (sheet §3.1, §3.4). */
export const LAZADA_AUTH_BASE_URL = 'https://auth.lazada.com/rest';

/** API paths, without the gateway's `/rest` (they are what the signature covers, §3.3). */
export const LAZADA_PATHS = {
  sellableUpdate: '/product/stock/sellable/update',
  productsGet: '/products/get',
  ordersGet: '/orders/get',
  multipleOrderItems: '/orders/items/get',
  cancelValidate: '/order/reverse/cancel/validate',
  cancelCreate: '/order/reverse/cancel/create',
  tokenRefresh: '/auth/token/refresh',
} as const;

/** Inventory APIs: 50 calls per second per seller (sheet §3.6). Used for every API. */
export const LAZADA_RATE_PER_SECOND = 50;

/**
 * Requests the client limiter lets out at once: fewer than a second's worth, because network
 * jitter bunches requests at the platform and its own window would throttle a client that kept
 * to 50/s by its own clock (same reasoning as TikTok's and Shopee's connectors).
 */
export const LAZADA_CLIENT_BURST = 5;

/** products/get `limit` upper bound (sheet §3.7). */
export const PRODUCTS_PAGE_SIZE = 50;

/** products/get `offset` is capped at 10,000 (sheet §3.7, §3.10). */
export const PRODUCTS_MAX_OFFSET = 10_000;

/** orders/get `limit` upper bound (sheet §3.7). */
export const ORDERS_PAGE_SIZE = 100;

/**
 * Order ids per GetMultipleOrderItems call. The doc names a limit (error E038 "Too many orders
 * were requested") without the figure; 50 is our choice [L].
 */
export const ORDER_ITEMS_MAX_IDS = 50;

/** At most 50 SKUs per stock request, 20 recommended (sheet §3.6): we send 20. */
export const SKUS_PER_STOCK_CALL = 20;

/** Listings per setStock the sync engine should give (split into calls of 20 SKUs). */
export const LAZADA_MAX_PUSH_BATCH = 100;

/** Stock calls of one setStock in flight at once; the rate limiter still paces them. */
export const LAZADA_PUSH_CONCURRENCY = 4;

/** Refresh the access token when it expires within this margin (contract: 5 minutes). */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * `ShopAuth.extra` key: 'true' when the seller uses Lazada's multi-warehouse inventory. Lazada
 * refuses the MultiWarehouseInventories form from single-warehouse sellers (sheet §3.7), and
 * nothing in an answer says which kind a seller is, so the seller's setting tells.
 */
export const EXTRA_MULTI_WAREHOUSE = 'multiWarehouse';

/** ConnectorOptions with every default filled in. */
export interface ResolvedLazadaOptions {
  auth: ShopAuth;
  baseUrl: string;
  authBaseUrl: string;
  timeoutMs: number;
  nowMs: () => number;
  rateLimitPerSecond: number;
  onTokensRefreshed: (tokens: RefreshedTokens) => Promise<void>;
  sharedTokens?: SharedTokens;
}

/** Fills in Lazada's defaults; the auth object is copied so token updates stay inside. */
export function resolveLazadaOptions(options: ConnectorOptions): ResolvedLazadaOptions {
  return {
    auth: { ...options.auth },
    baseUrl: stripSlash(
      options.baseUrl ||
        LAZADA_API_BASE_URLS[(options.auth.region ?? '').toUpperCase()] ||
        LAZADA_API_BASE_URL,
    ),
    authBaseUrl: stripSlash(options.authBaseUrl || LAZADA_AUTH_BASE_URL),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    nowMs: options.nowMs ?? Date.now,
    rateLimitPerSecond: options.rateLimitPerSecond ?? LAZADA_RATE_PER_SECOND,
    onTokensRefreshed: options.onTokensRefreshed ?? (async () => {}),
    sharedTokens: options.sharedTokens,
  };
}

function stripSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
