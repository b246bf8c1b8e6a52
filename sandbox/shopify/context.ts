/**
 * Everything the emulator's routes, mutations and buyer actions share: the stores, the clock,
 * faults, cost buckets, counters and the webhook sender.
 */
import type { EmulatorOptions, EmulatorStats } from '../kit/emulator.ts';
import { Faults } from '../kit/faults.ts';
import { WebhookSender } from '../kit/webhook-sender.ts';
import { CostBuckets } from './cost-buckets.ts';
import { ShopifyState } from './state.ts';

/**
 * Failed deliveries are retried 8 times over 4 hours with exponential backoff (shopify.md §5.4,
 * changelog 2024-09-10); the exact steps are not published: doubling from one minute, the last
 * one filling the 4 hours.
 */
export const SHOPIFY_WEBHOOK_RETRY_DELAYS_MS = [60, 120, 240, 480, 960, 1920, 3840, 6780].map(
  (s) => s * 1000,
);

/** Shopify waits 5 s in all for a 2xx answer (§5.4). */
const WEBHOOK_TIMEOUT_MS = 5_000;

/** Standard plan: 100 points/s (§5.5); bucket 2,000 (assumed, 20 s of restore). */
export const DEFAULT_RESTORE_RATE = 100;
export const DEFAULT_BUCKET_SIZE = 2_000;

/** A generic requests-per-second figure is read as that many mutations' worth of points. */
const POINTS_PER_REQUEST = 10;

export interface ShopifyEmulatorOptions extends EmulatorOptions {
  /** Points restored per second per (app, shop); overrides rateLimitPerSecond. */
  restoreRatePerSecond?: number;
  bucketSize?: number;
}

export interface EmulatorContext {
  readonly state: ShopifyState;
  readonly nowMs: () => number;
  readonly faults: Faults;
  readonly buckets: CostBuckets;
  readonly stats: EmulatorStats;
  readonly sender: WebhookSender;
}

export function createContext(options: ShopifyEmulatorOptions): EmulatorContext {
  const nowMs = options.nowMs ?? Date.now;
  const faults = new Faults(options.seed ?? 1, nowMs);
  const restore =
    options.restoreRatePerSecond ??
    (options.rateLimitPerSecond
      ? options.rateLimitPerSecond * POINTS_PER_REQUEST
      : DEFAULT_RESTORE_RATE);
  const bucket =
    options.bucketSize ??
    (options.rateLimitPerSecond || options.restoreRatePerSecond ? restore : DEFAULT_BUCKET_SIZE);
  return {
    state: new ShopifyState(nowMs),
    nowMs,
    faults,
    buckets: new CostBuckets({ restoreRatePerSecond: restore, bucketSize: bucket, nowMs }),
    stats: { requests: {}, throttled: 0, stockWrites: 0, sellerCancellations: [] },
    sender: new WebhookSender({
      retryDelaysMs: options.webhookRetryDelaysMs ?? SHOPIFY_WEBHOOK_RETRY_DELAYS_MS,
      timeoutMs: WEBHOOK_TIMEOUT_MS,
      isAccepted: (status) => status >= 200 && status < 300,
      isTargetDown: () => faults.isWebhookTargetDown(),
    }),
  };
}
