/**
 * Amazon SP-API facts the connector is built on (amazon.md), in one place, and the connector
 * options resolved to their defaults.
 */
import type { ConnectorOptions, RefreshedTokens, SharedTokens, ShopAuth } from '../contract.ts';
import { DEFAULT_TIMEOUT_MS } from '../http/send-request.ts';

/** Regional SP-API hosts (§4.1). */
export const AMAZON_API_HOSTS = {
  na: 'https://sellingpartnerapi-na.amazon.com',
  eu: 'https://sellingpartnerapi-eu.amazon.com',
  fe: 'https://sellingpartnerapi-fe.amazon.com',
} as const;

/** Login with Amazon, where refresh tokens are exchanged (§4.1). */
export const AMAZON_AUTH_BASE_URL = 'https://api.amazon.com';

/**
 * Marketplace ids and the SP-API region serving them, by the shop's region code. Only
 * ATVPDKIKX0DER (US) is in the fact sheet; the others are Amazon's published marketplace ids.
 */
export const AMAZON_MARKETPLACES: Readonly<
  Record<string, { id: string; host: keyof typeof AMAZON_API_HOSTS }>
> = {
  US: { id: 'ATVPDKIKX0DER', host: 'na' },
  CA: { id: 'A2EUQ1WTGCTBG2', host: 'na' },
  MX: { id: 'A1AM78C64UM0Y8', host: 'na' },
  BR: { id: 'A2Q3Y263D00KWC', host: 'na' },
  UK: { id: 'A1F83G8C2ARO7P', host: 'eu' },
  GB: { id: 'A1F83G8C2ARO7P', host: 'eu' },
  DE: { id: 'A1PA6795UKMFR9', host: 'eu' },
  FR: { id: 'A13V1IB3VIYZZH', host: 'eu' },
  IT: { id: 'APJ6JRA9NG5V4', host: 'eu' },
  ES: { id: 'A1RKKUPIHCS9HS', host: 'eu' },
  NL: { id: 'A1805IZSGTT6HS', host: 'eu' },
  SE: { id: 'A2NODRKZP88ZB9', host: 'eu' },
  PL: { id: 'A1C3SOZRARQ6R3', host: 'eu' },
  BE: { id: 'AMEN7PMS3EDWL', host: 'eu' },
  IE: { id: 'A28R8C7NBKEWEA', host: 'eu' },
  TR: { id: 'A33AVAJ2PDY3EV', host: 'eu' },
  AE: { id: 'A2VIGQ35RCS4UG', host: 'eu' },
  SA: { id: 'A17E79C6D8DWNP', host: 'eu' },
  EG: { id: 'ARBP9OOSHTCHU', host: 'eu' },
  IN: { id: 'A21TJRUUN4KGV', host: 'eu' },
  JP: { id: 'A1VC38T7YXB528', host: 'fe' },
  AU: { id: 'A39IBJ37TRP1C6', host: 'fe' },
  SG: { id: 'A19VAU5U5O7RUS', host: 'fe' },
};

/** A shop without a region sells on amazon.com (the fact sheet's examples, §4.3). */
export const AMAZON_DEFAULT_REGION = 'US';

/** The merchant-fulfilled channel: the only one whose quantity the seller sets (§4.3). */
export const AMAZON_MFN_CHANNEL = 'DEFAULT';

/**
 * API paths (§4.3, §4.4). The cancellation path is not in the models snapshot (§4.4 [L], README
 * §8.6): it follows the current docs' `cancelOrder` on the Orders 2026-01-01 resource.
 */
export const AMAZON_PATHS = {
  listingsItem: (sellerId: string, sku: string): string =>
    `/listings/2021-08-01/items/${encodeURIComponent(sellerId)}/${encodeURIComponent(sku)}`,
  listingsSearch: (sellerId: string): string =>
    `/listings/2021-08-01/items/${encodeURIComponent(sellerId)}`,
  orders: '/orders/v0/orders',
  order: (orderId: string): string => `/orders/v0/orders/${encodeURIComponent(orderId)}`,
  orderItems: (orderId: string): string =>
    `/orders/v0/orders/${encodeURIComponent(orderId)}/orderItems`,
  cancelOrder: (orderId: string): string =>
    `/orders/2026-01-01/orders/${encodeURIComponent(orderId)}/cancellation`,
  lwaToken: '/auth/o2/token',
} as const;

/** Default usage plans per operation, requests per second and burst (§4.2 table). */
export const AMAZON_USAGE_PLANS = {
  getListingsItem: { ratePerSecond: 5, burst: 10 },
  patchListingsItem: { ratePerSecond: 5, burst: 5 },
  searchListingsItems: { ratePerSecond: 5, burst: 5 },
  getOrders: { ratePerSecond: 0.0167, burst: 20 },
  getOrder: { ratePerSecond: 0.5, burst: 30 },
  getOrderItems: { ratePerSecond: 0.5, burst: 30 },
  cancelOrder: { ratePerSecond: 1, burst: 5 },
} as const;
export type AmazonOperation = keyof typeof AMAZON_USAGE_PLANS;

/**
 * Requests the client lets out at once, below the platform's burst: network jitter can bunch
 * requests at Amazon closer than the client spaced them, and its bucket then throttles a client
 * that never went past the plan by its own clock.
 */
export const AMAZON_CLIENT_BURST_MARGIN = 3;

/** Stock writes per second per seller: patchListingsItem's plan (§4.2). */
export const AMAZON_PUSH_RATE_PER_SECOND = AMAZON_USAGE_PLANS.patchListingsItem.ratePerSecond;

/** searchListingsItems' largest pageSize (listingsItems_2021-08-01 model: 1–20). */
export const AMAZON_CATALOG_PAGE_SIZE = 20;

/** getOrders' MaxResultsPerPage upper bound (§4.4). */
export const AMAZON_ORDERS_PAGE_SIZE = 100;

/**
 * getOrders' LastUpdatedBefore must be at least 2 minutes before Amazon's now (ordersV0 model);
 * 10 s more for clocks that differ.
 */
export const AMAZON_LAST_UPDATED_BEFORE_LAG_MS = 130_000;

/** The Orders API shows orders up to two years old (ordersV0 model). */
export const AMAZON_ORDER_MAX_AGE_MS = 2 * 366 * 86_400_000;

/** getOrders takes at most 50 AmazonOrderIds (ordersV0 model). */
export const AMAZON_ORDER_IDS_PER_CALL = 50;

/**
 * Up to this many ids are read one getOrder each (0.5/s, burst 30) rather than with getOrders
 * (one call per minute sustained, §4.2): single order reads after events would drain getOrders.
 */
export const AMAZON_SINGLE_READ_MAX_IDS = 3;

/** getOrderItems calls in flight at once while reading a page of orders; the limiter paces them. */
export const AMAZON_ORDER_ITEMS_CONCURRENCY = 4;

/**
 * Listings per setStock call the sync engine should give: one PATCH per listing, so 20 take
 * about 4 s at patchListingsItem's 5 per second; a longer batch would hold the shop's next push
 * round back for as long.
 */
export const AMAZON_MAX_PUSH_BATCH = 20;

/** Listing writes of one setStock in flight at once; the rate limiter still paces them. */
export const AMAZON_PUSH_CONCURRENCY = 4;

/** Refresh the access token when it has less than this left. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/** The quantity Amazon takes for one listing, as far as StockPool sends it. */
export const AMAZON_MAX_QUANTITY = 1_000_000_000;

/** The shop's `auth.extra` keys this connector reads (docs/connectors/amazon.md). */
export const AMAZON_EXTRA_KEYS = {
  /** The SQS queue the seller's ORDER_CHANGE subscription delivers to (§4.5). */
  sqsQueueUrl: 'sqsQueueUrl',
  /** SQS endpoint override (an emulator, a VPC endpoint); the SDK's regional one by default. */
  sqsEndpoint: 'sqsEndpoint',
  awsAccessKeyId: 'awsAccessKeyId',
  awsSecretAccessKey: 'awsSecretAccessKey',
  /** The queue's AWS region; read from the queue URL when absent. */
  awsRegion: 'awsRegion',
  /** ReceiveMessage WaitTimeSeconds (0–20); 1 by default. */
  sqsWaitTimeSeconds: 'sqsWaitTimeSeconds',
} as const;

/** ConnectorOptions with every default filled in. */
export interface ResolvedAmazonOptions {
  auth: ShopAuth;
  baseUrl: string;
  authBaseUrl: string;
  marketplaceId: string;
  timeoutMs: number;
  nowMs: () => number;
  /** A single client rate for every operation when the caller set one; else each plan's own. */
  rateLimitPerSecond: number | null;
  onTokensRefreshed: (tokens: RefreshedTokens) => Promise<void>;
  sharedTokens?: SharedTokens;
}

/** Fills in Amazon's defaults; the auth object is copied so token updates stay inside. */
export function resolveAmazonOptions(options: ConnectorOptions): ResolvedAmazonOptions {
  const market = marketplaceOf(options.auth.region);
  return {
    auth: { ...options.auth },
    baseUrl: stripSlash(options.baseUrl || AMAZON_API_HOSTS[market.host]),
    authBaseUrl: stripSlash(options.authBaseUrl || AMAZON_AUTH_BASE_URL),
    marketplaceId: market.id,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    nowMs: options.nowMs ?? Date.now,
    rateLimitPerSecond: options.rateLimitPerSecond ?? null,
    onTokensRefreshed: options.onTokensRefreshed ?? (async () => {}),
    sharedTokens: options.sharedTokens,
  };
}

/**
 * The marketplace of a region code ('us', 'GB', …); a raw marketplace id is taken as given (on
 * the NA host unless it is a known one). Unknown codes fall back to the US marketplace.
 */
export function marketplaceOf(region: string | undefined): {
  id: string;
  host: keyof typeof AMAZON_API_HOSTS;
} {
  const code = (region ?? AMAZON_DEFAULT_REGION).trim().toUpperCase();
  const known = AMAZON_MARKETPLACES[code];
  if (known) return known;
  const byId = Object.values(AMAZON_MARKETPLACES).find((m) => m.id === region?.trim());
  return byId ?? (AMAZON_MARKETPLACES[AMAZON_DEFAULT_REGION] as { id: string; host: 'na' });
}

function stripSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
