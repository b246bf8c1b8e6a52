/**
 * The client's picture of Shopify's cost bucket for one shop (§5.5): each answer's throttleStatus
 * says how many points are left and how fast they come back; in between, the budget restores
 * them itself. A request waits until its requested cost fits, then takes it from the picture
 * (the platform refunds the difference to the actual cost, which the next answer reports).
 * It starts from a full bucket of the assumed size: the first answer corrects it.
 */
import type { RawThrottleStatus } from './raw-types.ts';

export interface CostBudgetOptions {
  bucketSize: number;
  restoreRatePerSecond: number;
  nowMs: () => number;
}

/** How often a waiting request looks again at the bucket. */
const POLL_MS = 50;

export class CostBudget {
  private available: number;
  private maximum: number;
  private restoreRate: number;
  private atMs: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: CostBudgetOptions) {
    this.maximum = options.bucketSize;
    this.available = options.bucketSize;
    this.restoreRate = options.restoreRatePerSecond;
    this.atMs = options.nowMs();
  }

  /** Resolves when `cost` points are (believed) free, and takes them. Callers go in turn. */
  take(cost: number): Promise<void> {
    const turn = this.queue.then(() => this.waitFor(cost));
    this.queue = turn;
    return turn;
  }

  /** Adopts what the platform said is left. */
  observe(status: RawThrottleStatus): void {
    this.maximum = status.maximumAvailable;
    this.restoreRate = Math.max(1, status.restoreRate);
    this.available = status.currentlyAvailable;
    this.atMs = this.options.nowMs();
  }

  /**
   * Gives back a charge the platform never reported on (a 5xx, a timeout): the answer that did
   * not come cannot say what it cost, and the next answer's status corrects the picture anyway.
   */
  giveBack(cost: number): void {
    this.available = Math.min(this.maximum, this.available + cost);
  }

  /** How long until `cost` points are free, from a throttle answer's status (ms, ≥ 0). */
  static waitMsFor(cost: number, status: RawThrottleStatus): number {
    const missing = cost - status.currentlyAvailable;
    return missing <= 0 ? 0 : Math.ceil((missing / Math.max(1, status.restoreRate)) * 1000);
  }

  private async waitFor(cost: number): Promise<void> {
    // A request larger than the bucket can never fit; it goes out and Shopify refuses it.
    const needed = Math.min(cost, this.maximum);
    for (;;) {
      this.restore();
      if (this.available >= needed) {
        this.available -= cost;
        return;
      }
      // In short steps: an answer meanwhile may report the refund of a cheaper actual cost.
      const waitMs = Math.ceil(((needed - this.available) / this.restoreRate) * 1000);
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(1, waitMs))));
    }
  }

  private restore(): void {
    const now = this.options.nowMs();
    const elapsedS = Math.max(0, now - this.atMs) / 1000;
    this.available = Math.min(this.maximum, this.available + elapsedS * this.restoreRate);
    this.atMs = now;
  }
}
