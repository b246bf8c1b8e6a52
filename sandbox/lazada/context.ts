/**
 * Everything the emulator's routes and buyer actions share: state, clock, faults, the
 * server-side rate window, counters, the push sender and answers held back by faults.
 */
import type { ServerResponse } from 'node:http';
import type { EmulatorOptions, EmulatorStats } from '../kit/emulator.ts';
import { Faults } from '../kit/faults.ts';
import { RateWindow } from '../kit/rate-window.ts';
import { WebhookSender } from '../kit/webhook-sender.ts';
import { LAZADA_RATE_PER_SECOND } from '../../src/connectors/lazada/options.ts';
import { EmulatorState } from './state.ts';

/** A failed push is retried every 30 minutes, up to 12 times (lazada.md §3.9). */
export const LAZADA_PUSH_RETRY_DELAYS_MS: number[] = Array.from({ length: 12 }, () => 30 * 60_000);

/** Lazada wants HTTP 200 within 500 ms (§3.9); anything else is a failed attempt. */
const PUSH_TIMEOUT_MS = 500;

export interface EmulatorContext {
  readonly state: EmulatorState;
  readonly nowMs: () => number;
  readonly faults: Faults;
  readonly rateWindow: RateWindow;
  readonly stats: EmulatorStats;
  readonly sender: WebhookSender;
  /** Answers a timeout-after-apply fault never sent; destroyed when the emulator closes. */
  readonly hung: Set<ServerResponse>;
  /** Request ids, like Lazada's 0ba2887315178178017221014. */
  requestId(): string;
}

export function createContext(options: EmulatorOptions): EmulatorContext {
  const nowMs = options.nowMs ?? Date.now;
  const rate = options.rateLimitPerSecond ?? LAZADA_RATE_PER_SECOND;
  const faults = new Faults(options.seed ?? 1, nowMs);
  let requests = 0;
  return {
    state: new EmulatorState(nowMs),
    nowMs,
    faults,
    // Real time on purpose: a test's skewed clock must not change how fast requests may come.
    rateWindow: new RateWindow(rate, rate),
    stats: { requests: {}, throttled: 0, stockWrites: 0, sellerCancellations: [] },
    sender: new WebhookSender({
      retryDelaysMs: options.webhookRetryDelaysMs ?? LAZADA_PUSH_RETRY_DELAYS_MS,
      timeoutMs: PUSH_TIMEOUT_MS,
      isAccepted: (status) => status === 200,
      isTargetDown: () => faults.isWebhookTargetDown(),
    }),
    hung: new Set(),
    requestId: () => `0ba2887315178178${String(++requests).padStart(9, '0')}`,
  };
}
