/**
 * Shopee connector limits and defaults, in one place. Figures marked "sheet" come from the fact
 * sheet (shopee.md); the others are our choices where Shopee publishes nothing.
 */

/**
 * Requests per second per shop per API path, client side. Shopee publishes no per-API figures
 * (shopee.md §2.6: the schemas show `rate_limit: [0,0,0]`), so this is a conservative choice of
 * ours; `ConnectorOptions.rateLimitPerSecond` overrides it.
 */
export const SHOPEE_DEFAULT_RATE_PER_SECOND = 10;

/**
 * Requests the client limiter lets out at once: half a second's worth. Network jitter can bunch
 * requests at the platform closer than the client spaced them (the first one also pays for the
 * connection), and a platform bucket of the same rate would then throttle a client that never
 * went over the rate by its own clock.
 */
export const SHOPEE_CLIENT_BURST = 5;

/**
 * update_stock calls (one item each) of one setStock in flight at once; the client limiter still
 * paces them to the shop's rate. Our choice, as TikTok Shop's.
 */
export const SHOPEE_PUSH_CONCURRENCY = 4;

/** get_item_list page_size upper bound (sheet §2.7). */
export const ITEM_LIST_PAGE_SIZE = 100;

/** get_item_base_info item_id_list and get_order_detail order_sn_list upper bound (sheet §2.10). */
export const DETAIL_BATCH_SIZE = 50;

/** update_stock stock_list upper bound: 1–50 models of one item per call (sheet §2.7). */
export const STOCK_LIST_MAX = 50;

/** get_order_list page_size upper bound (sheet §2.7). */
export const ORDER_LIST_PAGE_SIZE = 100;

/** get_order_list refuses windows longer than 15 days (sheet §2.7: order.order_list_invalid_time). */
export const ORDER_WINDOW_MAX_SECONDS = 15 * 24 * 3600;

/** Refresh the access token when it expires within this margin (contract: 5 minutes). */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** Refresh tokens live 30 days and are single-use (sheet §2.4); Shopee does not return the figure. */
export const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 3600 * 1000;

/** Fields get_order_detail returns only when asked (sheet §2.7 "Order detail"). */
export const ORDER_DETAIL_OPTIONAL_FIELDS: readonly string[] = [
  'item_list',
  'pay_time',
  'cancel_by',
  'cancel_reason',
];

/** Shopee's day (and its daily quota, `error_limit`) turns at 00:00 UTC+8 (sheet §2.5). */
export const SHOPEE_DAY_OFFSET_MS = 8 * 3600 * 1000;
