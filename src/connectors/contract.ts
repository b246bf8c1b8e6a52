/**
 * The connector contract: what the sync engine asks of every platform, in normalized types.
 * A connector translates these calls into the platform's own requests (signing, paging, batching
 * limits, envelopes) and the platform's answers back into these types. It never touches the
 * database and never imports another platform.
 *
 * Errors: expected per-listing failures come back as values (`StockPushResult.ok === false`);
 * anything that failed the whole call throws a `ConnectorError` (see errors.ts) whose `retryable`
 * and `retryAfterMs` tell the caller what to do.
 */

/** Platforms StockPool speaks to. */
export const PLATFORMS = [
  'tiktok-shop',
  'shopee',
  'lazada',
  'amazon',
  'shopify',
  'woocommerce',
] as const;
export type PlatformName = (typeof PLATFORMS)[number];

/** The platforms that deliver order events as webhooks (Amazon sends them to an SQS queue). */
export const WEBHOOK_PLATFORMS = [
  'tiktok-shop',
  'shopee',
  'lazada',
  'shopify',
  'woocommerce',
] as const satisfies readonly PlatformName[];

/**
 * Normalized order states, in lifecycle order. Every platform status maps to exactly one, or to
 * `null` when the status says nothing about stock (for example Shopee's IN_CANCEL).
 * - placed: ordered, not paid → hold stock
 * - paid: payment confirmed → confirm the hold (it no longer expires)
 * - shipped: left the warehouse (or any later fulfilment state) → deduct on-hand
 * - cancelled: → release whatever is still held
 * - returned: returned or refunded after shipping → return to stock (or quarantine)
 */
export type { OrderState } from '../domain/sync/order-state.ts';
import type { OrderState } from '../domain/sync/order-state.ts';

/** The secrets and ids a connector needs to act for one shop. Decrypted only in memory. */
export interface ShopAuth {
  /** TikTok Shop app_key; Shopee partner_id (as a decimal string). */
  appKey: string;
  /** TikTok Shop app_secret; Shopee partner_key. Used only as an HMAC key. */
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  /** Epoch ms after which the access token is refused. */
  accessTokenExpiresAtMs: number;
  /** Epoch ms after which the refresh token is refused; null when the platform does not say. */
  refreshTokenExpiresAtMs: number | null;
  /** The platform's own shop id (TikTok shop id, Shopee shop_id). Webhooks name the shop by it. */
  platformShopId: string;
  /** TikTok Shop's shop_cipher; unused elsewhere. */
  shopCipher?: string;
  /** The shop's market as the seller entered it (e.g. 'US', 'SG'): Amazon's marketplace. */
  region?: string;
  /**
   * Platform-specific settings that are not secrets' core four, sealed with them (e.g. Amazon's
   * SQS queue URL and AWS keys, a WooCommerce webhook secret). Keys are named by the connector.
   */
  extra?: Record<string, string>;
}

/** A token refresh's result: the new tokens to store (Shopee's refresh token is single-use). */
export interface RefreshedTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAtMs: number;
  refreshTokenExpiresAtMs: number | null;
}

/** A listing as the platform names it. `variantId` is '' when the item has no variants. */
export interface ListingRef {
  /** TikTok product_id; Shopee item_id. */
  itemId: string;
  /** TikTok sku_id; Shopee model_id ('0' or '' for an item without models, as the platform uses). */
  variantId: string;
}

/** Stock the platform shows at one of its warehouses / locations; warehouseId null = the only one. */
export interface PlatformStock {
  warehouseId: string | null;
  /** Units buyers can order now (TikTok available_quantity; Shopee seller stock). */
  available: number;
  /** Units the platform itself holds for orders not yet shipped, when it reports them. */
  committed?: number;
  /**
   * A warehouse the platform runs itself (Amazon FBA, other platform-fulfilled stock): read for
   * the seller's on-hand, never pushed.
   */
  platformRun?: boolean;
}

/** One listing from the platform's catalogue, with its shown stock. */
export interface PlatformListing extends ListingRef {
  /** The seller's own SKU code on the platform (TikTok seller_sku; Shopee model_sku/item_sku). */
  sellerSku: string;
  title: string;
  stock: PlatformStock[];
}

/** One page of a paged read; `nextPageToken` null on the last page. */
export interface Page<T> {
  items: T[];
  nextPageToken: string | null;
}

/** An absolute stock figure to set for one listing, per platform warehouse. Never a delta. */
export interface StockPushItem {
  listing: ListingRef;
  stock: Array<{ warehouseId: string | null; quantity: number }>;
}

/** How one setStock reports as it goes. */
export interface SetStockOptions {
  /**
   * Called with the results of each platform call as soon as the platform answers it, while the
   * setStock's other calls may still run: a write the platform never answers holds the whole
   * setStock for its timeout, and the listings already set need not wait for it. The final
   * answer repeats these results. A connector that makes one call per setStock need not call it.
   */
  onCallAnswered?: (results: StockPushResult[]) => void;
}

export type StockPushResult =
  | { listing: ListingRef; ok: true }
  | {
      listing: ListingRef;
      ok: false;
      /** The platform's own error code, as a string. */
      platformCode: string;
      message: string;
      /** True when the same push may succeed later (throttled, busy); false when it never will. */
      retryable: boolean;
      /** The platform's Retry-After for this listing's call, when it gave one. */
      retryAfterMs?: number | null;
      /**
       * Not called at all: an earlier call of the same setStock failed while others went through
       * (connectors/stock-calls.ts). Nothing was tried; the caller pushes it again.
       */
      notSent?: boolean;
    };

/** One order line as the platform lists it, with its quantity (always 1 for a TikTok line item). */
export interface PlatformOrderLine extends ListingRef {
  /** The platform's line id (TikTok line item id; Shopee order_item_id + model_id). Stable. */
  lineId: string;
  sellerSku: string;
  quantity: number;
  /** The platform's warehouse or location the line ships from, when it says. */
  warehouseId: string | null;
  /**
   * The platform ships this line from stock it runs itself (Amazon FBA): the line takes nothing
   * from the pool (the platform's stock report keeps a platform-run warehouse right).
   */
  fulfilledByPlatform?: boolean;
}

export interface PlatformOrder {
  /** TikTok order id; Shopee order_sn. */
  orderId: string;
  /** The platform's status word, kept for the record. */
  rawStatus: string;
  /** The normalized state, or null when the status changes nothing for stock. */
  state: OrderState | null;
  createdAtMs: number;
  /** The platform's update_time: orders are applied only forward in this time. */
  updatedAtMs: number;
  /** When payment was confirmed; null while unpaid. Earlier payment wins the last unit. */
  paidAtMs: number | null;
  lines: PlatformOrderLine[];
}

/** The window of an incremental order pull, in epoch ms (the connector converts units). */
export interface OrderQuery {
  updatedFromMs: number;
  updatedToMs: number;
  pageToken?: string | null;
}

export interface CancelOrderInput {
  orderId: string;
  /** The order's current normalized state: platforms use different reasons before and after payment. */
  state: OrderState;
  /** Lines to cancel; all of the order when absent or when the platform cannot cancel lines. */
  lines?: PlatformOrderLine[];
}

export interface CancelOrderResult {
  /** The platform's cancellation id or update marker, for the record. */
  reference: string;
}

/** A verified inbound event, normalized. */
export type WebhookEvent =
  | {
      kind: 'order';
      /** De-duplication key: TikTok tts_notification_id; Shopee has none, so a hash of the body. */
      eventId: string;
      platformShopId: string;
      orderId: string;
      /** Status as sent; the order detail read afterwards is what gets applied. */
      rawStatus: string;
      updatedAtMs: number;
      /**
       * The whole order, when the event carries it (Shopify and WooCommerce send the order
       * itself): it may be applied without reading the order again.
       */
      order?: PlatformOrder;
    }
  | { kind: 'other'; eventId: string; platformShopId: string | null; type: string };

/** The raw HTTP request of a webhook, exactly as received. */
export interface WebhookRequest {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** The full URL the platform called (Shopee signs it). */
  url: string;
}

/** App-level secrets for verifying webhooks (one app per platform per StockPool install). */
export interface AppSecrets {
  appKey: string;
  appSecret: string;
}

/** Everything the sync engine does through a platform, for one shop. */
export interface ChannelConnector {
  readonly platform: PlatformName;
  /** Largest number of listings one `setStock` call should be given (the connector splits further by item). */
  readonly maxPushBatch: number;
  /** Sets absolute stock; results are per listing, in the order given. */
  setStock(items: StockPushItem[], options?: SetStockOptions): Promise<StockPushResult[]>;
  /** The shop's catalogue with shown stock, one page at a time (for matching and reconciliation). */
  listCatalog(pageToken: string | null): Promise<Page<PlatformListing>>;
  /** Orders updated within the window, full detail, one page at a time. */
  listOrders(query: OrderQuery): Promise<Page<PlatformOrder>>;
  /** Full detail of the given orders (the connector batches to the platform's limit). */
  getOrders(orderIds: string[]): Promise<PlatformOrder[]>;
  /** Cancels as the seller with the platform's out-of-stock reason. */
  cancelOrder(input: CancelOrderInput): Promise<CancelOrderResult>;
  /**
   * Exchanges the refresh token for new tokens; with `sharedTokens`, takes instead the tokens
   * another connector of the shop stored meanwhile, if any.
   */
  refreshTokens(): Promise<RefreshedTokens>;
  /**
   * The app's queue of webhooks the platform failed to deliver, where the platform keeps one
   * (Shopee's lost pushes). It is per app, not per shop: every shop of the app shares it.
   */
  readonly lostPushes?: LostPushSource;
  /**
   * The queue the platform sends its events to instead of calling a webhook (Amazon SP-API's
   * notifications through SQS). Per app, like `lostPushes`.
   */
  readonly eventQueue?: EventQueueSource;
}

/** One message taken from a platform's event queue; its body reads with parseWebhook. */
export interface QueuedEvent {
  /** The queue's own message id. */
  messageId: string;
  /** What deletes this receipt of the message. */
  receiptHandle: string;
  rawBody: Buffer;
}

/**
 * A platform's event queue for one app (Amazon: an SQS queue). Messages taken stay hidden for the
 * queue's visibility timeout and come back unless deleted, so they are deleted only once stored.
 * Failures throw ConnectorError.
 */
export interface EventQueueSource {
  /** The queue (app and queue URL): shops with the same id share one queue. */
  readonly sourceId: string;
  /** Up to the queue's batch size of messages; an empty array when none are waiting. */
  receive(): Promise<QueuedEvent[]>;
  /** Deletes messages that are stored (by their receipt handles). */
  delete(receiptHandles: string[]): Promise<void>;
}

/** One webhook the platform failed to deliver, as its lost-push API returns it. */
export interface LostPush {
  /** The body the platform would have sent, to be read with the platform's parseWebhook. */
  rawBody: Buffer;
}

/** The oldest undelivered webhooks; the rest follow once these are confirmed. */
export interface LostPushPage {
  pushes: LostPush[];
  hasNextPage: boolean;
  /** The marker to confirm this page with; null when the page is empty. */
  lastMessageId: string | null;
}

/** A platform's queue of undelivered webhooks for one app. Failures throw ConnectorError. */
export interface LostPushSource {
  /** The app (and platform host) the queue belongs to: shops with the same id share one queue. */
  readonly sourceId: string;
  fetch(): Promise<LostPushPage>;
  /** Removes every message up to and including `lastMessageId` from the queue. */
  confirm(lastMessageId: string): Promise<void>;
}

/** How a connector is built: the shop's auth (kept current by the caller) and where the platform is. */
export interface ConnectorOptions {
  auth: ShopAuth;
  /** API base URL; the emulator's in tests and the sandbox. */
  baseUrl: string;
  /** Token endpoint base URL where it differs (TikTok's auth host). */
  authBaseUrl?: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** The clock, for signing timestamps and token expiry. */
  nowMs?: () => number;
  /** Client-side limit per platform API, requests per second; the platform's published limit by default. */
  rateLimitPerSecond?: number;
  /**
   * Called after the connector refreshed the shop's tokens (proactively, within 5 minutes of
   * expiry, or after the platform said the token expired). Without `sharedTokens` the caller must
   * store them: Shopee's refresh token is single-use. The connector uses the new tokens from then on.
   */
  onTokensRefreshed?: (tokens: RefreshedTokens) => Promise<void>;
  /**
   * The shop's tokens as other connectors of the same shop (other worker processes) see them.
   * Given, every refresh goes through it, and a call the platform refuses for its access token
   * first takes the tokens another connector stored since.
   */
  sharedTokens?: SharedTokens;
}

/**
 * Where one shop's tokens are kept for every connector of the shop, so that only one of them
 * refreshes at a time: Shopee's refresh token is single-use, and two refreshes at once leave one
 * connector with a spent token. Failures throw (ConnectorError, or the store's own errors).
 */
export interface SharedTokens {
  /**
   * New tokens for the connector: the ones another connector stored since this one last took
   * tokens from here; or else the result of `exchange` (one platform refresh with the connector's
   * current refresh token), run while no other connector of the shop refreshes, and stored before
   * it is returned. The connector must use whatever this returns.
   * @throws ConnectorError UNAVAILABLE (retryable) when another connector's refresh takes too long.
   */
  refresh(exchange: () => Promise<RefreshedTokens>): Promise<RefreshedTokens>;
  /** The tokens another connector stored since this one last took tokens from here; else null. */
  reload(): Promise<RefreshedTokens | null>;
}

/** The per-platform module: building connectors and verifying and reading webhooks. */
export interface PlatformModule {
  readonly platform: PlatformName;
  createConnector(options: ConnectorOptions): ChannelConnector;
  /** Constant-time check of the webhook's signature on the raw body. */
  verifyWebhook(request: WebhookRequest, secrets: AppSecrets): boolean;
  /**
   * Reads a verified body; throws ConnectorError(code 'BAD_PAYLOAD') when it does not conform.
   * `headers` (optional, the request's as received) name what some platforms keep out of the body:
   * Shopify's topic, shop domain and webhook id.
   */
  parseWebhook(rawBody: Buffer, headers?: WebhookRequest['headers']): WebhookEvent;
  /**
   * The secrets a shop's webhooks are signed with, where they are not the app's own (WooCommerce:
   * a per-webhook secret the seller may set apart). Absent: the shop's app key and secret.
   */
  webhookSecrets?(auth: Pick<ShopAuth, 'appKey' | 'appSecret' | 'extra'>): AppSecrets;
  /** The platform's requests per second for stock writes, per shop (its published limit). */
  readonly pushRatePerSecond: number;
}
