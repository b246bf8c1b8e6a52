/**
 * Everything the emulator's routes and buyer actions share: state, clock, faults, the host's rate
 * window, counters and the webhook deliveries.
 */
import type { EmulatorOptions, EmulatorStats } from '../kit/emulator.ts';
import { Faults } from '../kit/faults.ts';
import { RateWindow } from '../kit/rate-window.ts';
import { WooState } from './state.ts';
import { WebhookDeliveries } from './webhooks.ts';

/**
 * WooCommerce core sets no rate limit (woocommerce.md §6.2); hosts and security plugins do. The
 * emulator plays a host allowing 50 requests per second per site, twice the connector's pace.
 */
export const DEFAULT_RATE_PER_SECOND = 50;

/** woocommerce_hold_stock_minutes defaults to 60: pending orders are cancelled after it (§6.3). */
export const DEFAULT_HOLD_STOCK_MINUTES = 60;

export interface WooContext {
  readonly state: WooState;
  readonly nowMs: () => number;
  readonly faults: Faults;
  readonly rateWindow: RateWindow;
  readonly stats: EmulatorStats;
  readonly webhooks: WebhookDeliveries;
  holdStockMinutes: number;
}

export function createContext(options: EmulatorOptions): WooContext {
  const nowMs = options.nowMs ?? Date.now;
  const rate = options.rateLimitPerSecond ?? DEFAULT_RATE_PER_SECOND;
  const faults = new Faults(options.seed ?? 1, nowMs);
  return {
    state: new WooState(nowMs),
    nowMs,
    faults,
    rateWindow: new RateWindow(rate, rate, nowMs),
    stats: { requests: {}, throttled: 0, stockWrites: 0, sellerCancellations: [] },
    webhooks: new WebhookDeliveries({
      // WooCommerce core does not retry a failed delivery (§6.4); tests may ask for retries.
      retryDelaysMs: options.webhookRetryDelaysMs ?? [],
      isTargetDown: () => faults.isWebhookTargetDown(),
    }),
    holdStockMinutes: DEFAULT_HOLD_STOCK_MINUTES,
  };
}
