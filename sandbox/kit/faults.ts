/**
 * Faults an emulator can be told to inject, so tests and benchmarks see what real platforms do:
 * latency, server errors, timeouts after applying, and outages. Set through each emulator's
 * control API (`POST /_emulator/faults`). Randomness is seeded so a failing run replays.
 */
export interface FaultSettings {
  /** Added to every API answer. */
  latencyMs: number;
  /** Extra latency drawn uniformly from [0, jitterMs]. */
  jitterMs: number;
  /** Share of requests answered 500 without being applied. */
  errorRate: number;
  /** Share of requests applied and then never answered (the client times out). */
  timeoutAfterApplyRate: number;
  /**
   * The next this many requests are applied and never answered, whatever the rates say (counted
   * down as they come): a deterministic slow write for tests.
   */
  hangNextRequests: number;
  /** Share of requests refused with 429 and a Retry-After of `retryAfterSeconds`, not applied. */
  throttleRate: number;
  retryAfterSeconds: number;
  /**
   * When > 0, latency is drawn from a log-normal distribution with this median and
   * `latencyP99Ms` as its 99th percentile, capped at `latencyMaxMs` (instead of latencyMs +
   * jitter).
   */
  latencyMedianMs: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** While now < this, every request gets 503 and nothing is applied. */
  outageUntilMs: number;
  /**
   * While now < this, the seller's webhook receiver is unreachable: every delivery attempt fails
   * without reaching it, so retries run out as they would against a receiver that is down.
   */
  webhookOutageUntilMs: number;
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  timeoutAfterApplyRate: 0,
  hangNextRequests: 0,
  throttleRate: 0,
  retryAfterSeconds: 1,
  latencyMedianMs: 0,
  latencyP99Ms: 0,
  latencyMaxMs: 0,
  outageUntilMs: 0,
  webhookOutageUntilMs: 0,
};

/** A small seeded PRNG (mulberry32): deterministic fault patterns per seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultDecision = 'outage' | 'error' | 'timeout-after-apply' | 'throttle' | 'ok';

export class Faults {
  settings: FaultSettings = { ...NO_FAULTS };
  private readonly random: () => number;

  constructor(
    seed = 1,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.random = seededRandom(seed);
  }

  update(patch: Partial<FaultSettings>): FaultSettings {
    this.settings = { ...this.settings, ...patch };
    return this.settings;
  }

  /** Decides the fate of one request before it is applied. */
  decide(): FaultDecision {
    if (this.nowMs() < this.settings.outageUntilMs) return 'outage';
    if (this.settings.hangNextRequests > 0) {
      this.settings = { ...this.settings, hangNextRequests: this.settings.hangNextRequests - 1 };
      return 'timeout-after-apply';
    }
    const roll = this.random();
    const { errorRate, timeoutAfterApplyRate, throttleRate } = this.settings;
    if (roll < errorRate) return 'error';
    if (roll < errorRate + timeoutAfterApplyRate) return 'timeout-after-apply';
    if (roll < errorRate + timeoutAfterApplyRate + throttleRate) return 'throttle';
    return 'ok';
  }

  /** True while the injected webhook-receiver outage lasts. */
  isWebhookTargetDown(): boolean {
    return this.nowMs() < this.settings.webhookOutageUntilMs;
  }

  /** How long to wait before answering. */
  delayMs(): number {
    const { latencyMs, jitterMs, latencyMedianMs } = this.settings;
    if (latencyMedianMs > 0) return this.logNormalDelayMs();
    return latencyMs + (jitterMs > 0 ? Math.floor(this.random() * jitterMs) : 0);
  }

  /** ln(latency) ~ N(ln median, σ) with σ from the p99 (z = 2.326); Box–Muller on the seeded PRNG. */
  private logNormalDelayMs(): number {
    const { latencyMedianMs, latencyP99Ms, latencyMaxMs } = this.settings;
    const sigma = Math.log(Math.max(latencyP99Ms, latencyMedianMs) / latencyMedianMs) / 2.326;
    const u = 1 - this.random();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.random());
    const drawn = Math.round(latencyMedianMs * Math.exp(sigma * z));
    return latencyMaxMs > 0 ? Math.min(drawn, latencyMaxMs) : drawn;
  }
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
