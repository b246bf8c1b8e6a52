/** Counters behind the Shopee emulator's stats(): requests per path, throttles, writes, cancels. */
import type { EmulatorStats } from '../kit/emulator.ts';

export class StatsRecorder {
  private readonly requests = new Map<string, number>();
  private throttled = 0;
  private stockWrites = 0;
  private readonly sellerCancellations: Array<{ orderId: string; reason: string }> = [];

  countRequest(path: string): void {
    this.requests.set(path, (this.requests.get(path) ?? 0) + 1);
  }

  countThrottled(): void {
    this.throttled += 1;
  }

  /** One model whose seller stock update_stock applied. */
  countStockWrite(): void {
    this.stockWrites += 1;
  }

  countSellerCancellation(orderId: string, reason: string): void {
    this.sellerCancellations.push({ orderId, reason });
  }

  /** A copy, safe to keep while the emulator goes on. */
  snapshot(): EmulatorStats {
    return {
      requests: Object.fromEntries(this.requests),
      throttled: this.throttled,
      stockWrites: this.stockWrites,
      sellerCancellations: this.sellerCancellations.map((c) => ({ ...c })),
    };
  }
}
