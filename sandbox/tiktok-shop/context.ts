/**
 * Everything the emulator's routes and buyer actions share: state, ids, clock, faults, the
 * server-side rate window, counters and the webhook sender.
 */
import type { EmulatorOptions, EmulatorStats } from '../kit/emulator.ts';
import { Faults } from '../kit/faults.ts';
import { RateWindow } from '../kit/rate-window.ts';
import { WebhookSender } from '../kit/webhook-sender.ts';
import { IdMint } from './ids.ts';
import { EmulatorState } from './state.ts';

/** TikTok's published limit: 50 requests per second per API, per (app, shop) (tiktok-shop.md §1.6). */
export const DEFAULT_RATE_PER_SECOND = 50;

/** Retries after a failed delivery: +2 min, +30 min, +3 h, +12 h (§1.9). */
export const TIKTOK_WEBHOOK_RETRY_DELAYS_MS = [
  2 * 60_000,
  30 * 60_000,
  3 * 3600_000,
  12 * 3600_000,
];

/** TikTok waits 3 s for the answer and counts 200, and a 401 with empty body, as received (§1.9). */
const WEBHOOK_TIMEOUT_MS = 3_000;

export interface EmulatorContext {
  readonly state: EmulatorState;
  readonly ids: IdMint;
  readonly nowMs: () => number;
  readonly faults: Faults;
  readonly rateWindow: RateWindow;
  readonly stats: EmulatorStats;
  readonly sender: WebhookSender;
}

export function createContext(options: EmulatorOptions): EmulatorContext {
  const nowMs = options.nowMs ?? Date.now;
  const rate = options.rateLimitPerSecond ?? DEFAULT_RATE_PER_SECOND;
  const faults = new Faults(options.seed ?? 1, nowMs);
  return {
    state: new EmulatorState(nowMs),
    ids: new IdMint(),
    nowMs,
    faults,
    rateWindow: new RateWindow(rate, rate, nowMs),
    stats: { requests: {}, throttled: 0, stockWrites: 0, sellerCancellations: [] },
    sender: new WebhookSender({
      retryDelaysMs: options.webhookRetryDelaysMs ?? TIKTOK_WEBHOOK_RETRY_DELAYS_MS,
      timeoutMs: WEBHOOK_TIMEOUT_MS,
      isAccepted: (status) => status === 200 || status === 401,
      isTargetDown: () => faults.isWebhookTargetDown(),
    }),
  };
}

/** The emulator's clock in unix seconds, as TikTok puts times on the wire. */
export function nowSeconds(context: EmulatorContext): number {
  return Math.floor(context.nowMs() / 1000);
}
