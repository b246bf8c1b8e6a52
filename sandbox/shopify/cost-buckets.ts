/**
 * Shopify's GraphQL leaky bucket per (app, shop) (shopify.md §5.5): a request needs room for its
 * requested cost before it runs, is charged that, and is refunded the difference to its actual
 * cost afterwards. Every answer reports the bucket as `throttleStatus`.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class CostBuckets {
  private readonly buckets = new Map<string, { available: number; atMs: number }>();

  constructor(
    private readonly options: {
      restoreRatePerSecond: number;
      bucketSize: number;
      nowMs: () => number;
    },
  ) {}

  /** Charges `cost` when it fits; false (nothing charged) when the request must be throttled. */
  charge(key: string, cost: number): boolean {
    const bucket = this.refilled(key);
    if (cost > bucket.available) return false;
    bucket.available -= cost;
    return true;
  }

  refund(key: string, points: number): void {
    const bucket = this.refilled(key);
    bucket.available = Math.min(this.options.bucketSize, bucket.available + Math.max(0, points));
  }

  status(key: string): ThrottleStatus {
    return {
      maximumAvailable: this.options.bucketSize,
      currentlyAvailable: Math.floor(this.refilled(key).available),
      restoreRate: this.options.restoreRatePerSecond,
    };
  }

  private refilled(key: string): { available: number; atMs: number } {
    const now = this.options.nowMs();
    const bucket = this.buckets.get(key) ?? { available: this.options.bucketSize, atMs: now };
    const elapsedS = Math.max(0, now - bucket.atMs) / 1000;
    bucket.available = Math.min(
      this.options.bucketSize,
      bucket.available + elapsedS * this.options.restoreRatePerSecond,
    );
    bucket.atMs = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}
