/**
 * Server-side rate limiting as platforms apply it: a token bucket per key (for TikTok Shop the
 * key is app + shop + API path). `take` answers whether this request is within the limit.
 */
export class RateWindow {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number = ratePerSecond,
    private readonly nowMs: () => number = Date.now,
  ) {}

  take(key: string): boolean {
    const now = this.nowMs();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, atMs: now };
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.atMs) / 1000) * this.ratePerSecond,
    );
    bucket.atMs = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
