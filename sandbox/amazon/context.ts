/**
 * Everything the Amazon emulator's routes and buyer actions share: state, clock, faults, the
 * usage-plan buckets per operation, counters and ids.
 */
import type { EmulatorOptions, EmulatorStats } from '../kit/emulator.ts';
import { Faults } from '../kit/faults.ts';
import { RateWindow } from '../kit/rate-window.ts';
import { SQS_DEFAULT_VISIBILITY_TIMEOUT_MS } from './sqs-queue.ts';
import { AmazonState } from './state.ts';

/** Default usage plans, requests per second and burst (amazon.md §4.2 table). */
export const USAGE_PLANS = {
  getListingsItem: { rate: 5, burst: 10 },
  patchListingsItem: { rate: 5, burst: 5 },
  searchListingsItems: { rate: 5, burst: 5 },
  getOrders: { rate: 0.0167, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  getOrderItems: { rate: 0.5, burst: 30 },
  cancelOrder: { rate: 1, burst: 5 },
} as const;
export type Operation = keyof typeof USAGE_PLANS;

/** Options of the Amazon emulator beyond every emulator's. */
export interface AmazonEmulatorOptions extends EmulatorOptions {
  /** The notification queues' visibility timeout; SQS's 30 s by default. */
  visibilityTimeoutMs?: number;
}

export interface AmazonContext {
  readonly state: AmazonState;
  readonly nowMs: () => number;
  readonly faults: Faults;
  readonly stats: EmulatorStats;
  /** The rate a usage plan answers with in x-amzn-RateLimit-Limit. */
  rateOf(operation: Operation): number;
  /** One request of the operation within its plan for this (app, seller)? */
  take(operation: Operation, key: string): boolean;
  nextOrderId(): string;
  nextId(prefix: string): string;
  /** Set once the server listens: queue URLs are on its address. */
  baseUrl: string;
  closed: boolean;
}

/**
 * With `rateLimitPerSecond` every operation's bucket refills at that rate (tests and benchmarks
 * that cannot wait out getOrders' one call a minute); bursts stay the plans' own.
 */
export function createContext(options: AmazonEmulatorOptions): AmazonContext {
  const nowMs = options.nowMs ?? Date.now;
  const windows = new Map<Operation, RateWindow>();
  const rateOf = (op: Operation) => options.rateLimitPerSecond ?? USAGE_PLANS[op].rate;
  for (const op of Object.keys(USAGE_PLANS) as Operation[])
    windows.set(op, new RateWindow(rateOf(op), USAGE_PLANS[op].burst, nowMs));
  let orders = 0;
  let ids = 0;
  const context: AmazonContext = {
    state: new AmazonState(
      nowMs,
      (name) => `${context.baseUrl}/000000000000/${name}`,
      options.visibilityTimeoutMs ?? SQS_DEFAULT_VISIBILITY_TIMEOUT_MS,
    ),
    nowMs,
    faults: new Faults(options.seed ?? 1, nowMs),
    stats: { requests: {}, throttled: 0, stockWrites: 0, sellerCancellations: [] },
    rateOf,
    take: (op, key) => windows.get(op)!.take(key),
    nextOrderId: () => {
      orders += 1;
      const n = String(orders).padStart(7, '0');
      return `113-${n}-${String((orders * 7919) % 10_000_000).padStart(7, '0')}`;
    },
    nextId: (prefix) => `${prefix}${String(++ids).padStart(8, '0')}`,
    baseUrl: '',
    closed: false,
  };
  return context;
}
