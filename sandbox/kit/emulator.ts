/**
 * What every platform emulator offers its callers (tests, benchmarks, the sandbox), besides the
 * platform's own HTTP API. The platform API is served over real HTTP at `baseUrl`; this in-process
 * handle seeds shops and products, acts as buyers, injects faults and reads the emulator's state.
 * The same controls are served over HTTP under `/_emulator/` for a sandbox in another process.
 */
import type { ListingRef, PlatformName, PlatformStock } from '../../src/connectors/contract.ts';
import type { DeliveryRecord } from './webhook-sender.ts';
import type { Faults } from './faults.ts';

export interface EmulatedShopSeed {
  platformShopId: string;
  /** TikTok Shop only: the shop_cipher the API requires. */
  shopCipher?: string;
  name?: string;
  region?: string;
  /** The app this shop authorized: key and secret the emulator checks signatures with. */
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  /** Epoch ms; calls with the token after this fail as the platform fails them. */
  accessTokenExpiresAtMs: number;
  /** Where the emulator delivers this shop's webhooks; null = none. */
  webhookUrl: string | null;
  /** The platform's warehouse / location ids of this shop; first is the default. */
  warehouseIds: string[];
}

export interface EmulatedVariantSeed {
  /** TikTok sku_id; Shopee model_id ('0' for an item without models). */
  variantId: string;
  sellerSku: string;
  /** Shown (buyable) stock per platform warehouse id. */
  stock: Record<string, number>;
}

export interface EmulatedProductSeed {
  /** TikTok product_id; Shopee item_id. */
  itemId: string;
  title: string;
  variants: EmulatedVariantSeed[];
}

export interface BuyerOrderInput {
  platformShopId: string;
  lines: Array<ListingRef & { quantity: number }>;
  /** Pay at once (the order goes straight to the paid status). */
  paid?: boolean;
}

/** A buyer's attempt: the platform refuses an order when it shows too little stock. */
export type BuyerOrderResult =
  { ok: true; orderId: string } | { ok: false; reason: 'OUT_OF_STOCK' };

export interface EmulatorStats {
  /** Requests per API path, every answer counted (throttled ones too). */
  requests: Record<string, number>;
  /** Answers that were the platform's throttle error (HTTP 429 / rate-limit code). */
  throttled: number;
  /** Successful stock writes (per listing updated). */
  stockWrites: number;
  /** Orders cancelled by the seller through the API, with their reason. */
  sellerCancellations: Array<{ orderId: string; reason: string }>;
}

export interface PlatformEmulator {
  readonly platform: PlatformName;
  /** API base URL, e.g. http://127.0.0.1:40123 */
  readonly baseUrl: string;
  /** Token endpoints base URL (the same server for TikTok's auth host). */
  readonly authBaseUrl: string;
  readonly faults: Faults;
  seedShop(seed: EmulatedShopSeed): void;
  seedProducts(platformShopId: string, products: EmulatedProductSeed[]): void;
  /** What buyers see for one listing now. */
  shownStock(platformShopId: string, ref: ListingRef): PlatformStock[];
  /** Changes shown stock behind StockPool's back (drift, a seller editing the back office). */
  setShownStock(
    platformShopId: string,
    ref: ListingRef,
    warehouseId: string,
    quantity: number,
  ): void;
  /** A buyer places an order; it is refused when shown stock is short; a webhook follows. */
  placeOrder(input: BuyerOrderInput): BuyerOrderResult;
  payOrder(platformShopId: string, orderId: string): void;
  cancelOrderAsBuyer(platformShopId: string, orderId: string): void;
  shipOrder(platformShopId: string, orderId: string): void;
  /**
   * The buyer sends a shipped order back and is refunded: the order moves to the platform's
   * after-sale state (Shopee TO_RETURN; TikTok a completed RETURN_AND_REFUND return) and the
   * platform's webhook follows. Shown stock does not change: restocking is the seller's call.
   */
  returnOrder(platformShopId: string, orderId: string): void;
  /** The platform's status word for the order. */
  orderStatus(platformShopId: string, orderId: string): string | null;
  /** Makes the shop's current access token expire now. */
  expireAccessToken(platformShopId: string): void;
  stats(): EmulatorStats;
  webhookDeliveries(): DeliveryRecord[];
  /** Sends the last `count` first-time webhook deliveries again, unchanged; returns how many. */
  redeliverLastWebhooks(count: number): number;
  /** Waits until every webhook delivery (with its retries) has finished. */
  drainWebhooks(): Promise<void>;
  close(): Promise<void>;
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Requests per second per (app, shop, API); the platform's published figure by default. */
  rateLimitPerSecond?: number;
  /** Delays between webhook retries; the platform's real schedule by default. */
  webhookRetryDelaysMs?: number[];
  /** Seed of the fault injector's randomness. */
  seed?: number;
  nowMs?: () => number;
}
