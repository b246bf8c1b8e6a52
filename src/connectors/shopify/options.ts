/**
 * Shopify facts the connector is built on (shopify.md, cited §5.n), in one place, and the
 * connector options resolved to their defaults.
 */
import type { ConnectorOptions, RefreshedTokens, SharedTokens, ShopAuth } from '../contract.ts';
import { DEFAULT_TIMEOUT_MS } from '../http/send-request.ts';

/**
 * Admin API version. 2026-04: `changeFromQuantity` replaces `compareQuantity` (from 2026-01) and
 * `@idempotent(key:)` is required on inventorySetQuantities (§5.3).
 */
export const SHOPIFY_API_VERSION = '2026-04';

/** The one GraphQL endpoint (§5.1). */
export const SHOPIFY_GRAPHQL_PATH = `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;

/**
 * Production base URL: every shop has its own host (`{shop}.myshopify.com`, §5.1). `{shop}` in a
 * configured base URL is replaced by the shop domain (ShopAuth.platformShopId).
 */
export const SHOPIFY_BASE_URL_TEMPLATE = 'https://{shop}';

/**
 * Cost-based leaky bucket per (app, store) (§5.5): Standard plans restore 100 points/s. The
 * bucket size is not in the fact sheet; 20 s of restore (the historic 1000 at 50/s) is assumed
 * and corrected from every answer's throttleStatus.
 */
export const SHOPIFY_RESTORE_RATE_PER_SECOND = 100;
export const SHOPIFY_BUCKET_SIZE = 2_000;

/** A single query may not request more than this (Shopify's single-query limit). */
export const SHOPIFY_MAX_QUERY_COST = 1_000;

/** Mutations cost a flat 10 points. */
export const SHOPIFY_MUTATION_COST = 10;

/** Connection arguments and input arrays take at most 250 (Shopify API limits). */
export const SHOPIFY_MAX_PAGE = 250;

/** Inventory levels read per item: one per location; a shop with more is read in part (see docs). */
export const SHOPIFY_LEVELS_PER_ITEM = 5;

/** Line items read with an order; further lines are paged in (orders.ts). */
export const SHOPIFY_LINES_PER_ORDER = 10;

/** Transactions read with an order, for the payment time. */
export const SHOPIFY_TRANSACTIONS_PER_ORDER = 5;

/**
 * Requested cost of one inventory item's levels: a connection (2) plus per level the level, its
 * location and its quantities (1 each).
 */
const LEVELS_COST = 2 + SHOPIFY_LEVELS_PER_ITEM * 3;

/** One variant with its product, inventory item and levels (catalogue and stock reads). */
export const VARIANT_NODE_COST = 3 + LEVELS_COST;

/** One order with its line items (line, variant, product) and transactions. */
export const ORDER_NODE_COST =
  1 + (2 + SHOPIFY_LINES_PER_ORDER * 3) + (2 + SHOPIFY_TRANSACTIONS_PER_ORDER);

/** The largest page whose requested cost stays within the single-query limit. */
function pageWithin(nodeCost: number): number {
  return Math.min(SHOPIFY_MAX_PAGE, Math.floor((SHOPIFY_MAX_QUERY_COST - 2) / nodeCost));
}

/** Variants per catalogue page: as many as the single-query cost limit allows. */
export const SHOPIFY_CATALOG_PAGE_SIZE = pageWithin(VARIANT_NODE_COST);

/** Orders per list page, and order ids per `nodes(ids:)` read. */
export const SHOPIFY_ORDER_PAGE_SIZE = pageWithin(ORDER_NODE_COST);

/** Listings per setStock: their stock read is one `nodes(ids:)` query within the cost limit. */
export const SHOPIFY_MAX_PUSH_BATCH = Math.floor(SHOPIFY_MAX_QUERY_COST / VARIANT_NODE_COST);

/**
 * setStock calls per second per shop: one is a stock read (~20 points a listing) and a mutation
 * (10), so a Standard shop's 100 points/s carry about three single-listing pushes a second.
 */
export const SHOPIFY_PUSH_RATE_PER_SECOND = 2;

/** ConnectorOptions with every default filled in. */
export interface ResolvedShopifyOptions {
  auth: ShopAuth;
  /** The shop's API origin, `{shop}` replaced. */
  baseUrl: string;
  timeoutMs: number;
  nowMs: () => number;
  /** A request-count limit on top of the cost budget, only when the caller set one. */
  rateLimitPerSecond: number | null;
  onTokensRefreshed: (tokens: RefreshedTokens) => Promise<void>;
  sharedTokens?: SharedTokens;
}

/** Fills in Shopify's defaults; the auth object is copied so token updates stay inside. */
export function resolveShopifyOptions(options: ConnectorOptions): ResolvedShopifyOptions {
  const template = options.baseUrl || SHOPIFY_BASE_URL_TEMPLATE;
  const baseUrl = template.replace('{shop}', options.auth.platformShopId);
  return {
    auth: { ...options.auth },
    baseUrl: baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    nowMs: options.nowMs ?? Date.now,
    rateLimitPerSecond: options.rateLimitPerSecond ?? null,
    onTokensRefreshed: options.onTokensRefreshed ?? (async () => {}),
    sharedTokens: options.sharedTokens,
  };
}
