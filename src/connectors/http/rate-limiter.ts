/**
 * A token bucket that makes callers wait their turn instead of failing: a connector holds one per
 * platform API it calls, sized to the platform's published per-shop limit, so bursts from the sync
 * engine are smoothed before they reach the platform (no 429 at the platform's real limits).
 */
export interface RateLimiterOptions {
  /** Sustained requests per second. */
  ratePerSecond: number;
  /** Requests allowed at once after a quiet spell; defaults to one second's worth. */
  burst?: number;
  nowMs?: () => number;
}

/** The longest one throttle answer holds a limiter back. */
export const MAX_PAUSE_MS = 60_000;

export class RateLimiter {
  private tokens: number;
  private lastRefillMs: number;
  private readonly burst: number;
  private readonly nowMs: () => number;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: RateLimiterOptions) {
    if (!(options.ratePerSecond > 0)) throw new Error('ratePerSecond must be positive');
    this.burst = Math.max(1, options.burst ?? Math.floor(options.ratePerSecond));
    this.tokens = this.burst;
    this.nowMs = options.nowMs ?? Date.now;
    this.lastRefillMs = this.nowMs();
  }

  /** Resolves when one request may be sent. Callers are served in arrival order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForToken());
    this.queue = turn;
    return turn;
  }

  /** After a 429 with Retry-After: no request goes out before the platform said. */
  pauseFor(ms: number): void {
    // A pause that is not a finite, sane figure (a malformed or far-future Retry-After) would
    // leave the bucket NaN or -Infinity, and every later call of the platform waiting forever.
    if (!Number.isFinite(ms) || ms <= 0) return;
    ms = Math.min(ms, MAX_PAUSE_MS);
    this.refill();
    // Several 429s answered at once ask for the same pause: they must not add up.
    this.tokens = Math.min(this.tokens, -(ms / 1000) * this.options.ratePerSecond);
  }

  private async waitForToken(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      const waitMs = Math.ceil(((1 - this.tokens) / this.options.ratePerSecond) * 1000);
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, waitMs)));
    }
  }

  private refill(): void {
    const now = this.nowMs();
    const elapsed = Math.max(0, now - this.lastRefillMs) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.options.ratePerSecond);
    this.lastRefillMs = now;
  }
}
