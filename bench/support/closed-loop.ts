/**
 * A closed-loop load generator: `slots` callers each run one operation at a time, back to back.
 * After a warm-up, completions are counted for a fixed window; the rate is completions divided
 * by the window as measured (timers fire late on a busy event loop, so the window is timed, not
 * assumed).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ClosedLoopOptions {
  slots: number;
  warmupMs: number;
  durationMs: number;
  /** One operation; `slot` is the caller's index, `n` a sequence number unique in this loop. */
  op: (slot: number, n: number) => Promise<void>;
}

export interface LoopResult {
  completed: number;
  elapsedMs: number;
  perSecond: number;
  /** Latency of each operation completed in the window, in ms, sorted. */
  latenciesMs: Float64Array;
}

export async function runClosedLoop(options: ClosedLoopOptions): Promise<LoopResult> {
  let measuring = false;
  let stopped = false;
  let next = 0;
  const latencies: number[] = [];
  const loop = async (slot: number): Promise<void> => {
    while (!stopped) {
      const startedAt = performance.now();
      await options.op(slot, next++);
      if (measuring) latencies.push(performance.now() - startedAt);
    }
  };
  const loops = Array.from({ length: options.slots }, (_, slot) => loop(slot));
  // If an operation throws, stop the others and surface the error rather than waiting it out.
  const failed = Promise.race(loops).then(() => undefined);
  let completed = 0;
  let elapsedMs = 0;
  try {
    await Promise.race([sleep(options.warmupMs), failed]);
    measuring = true;
    const startedAt = performance.now();
    await Promise.race([sleep(options.durationMs), failed]);
    measuring = false;
    elapsedMs = performance.now() - startedAt;
    completed = latencies.length;
  } finally {
    stopped = true;
    await Promise.allSettled(loops);
  }
  await failed;
  return {
    completed,
    elapsedMs,
    perSecond: (completed * 1000) / elapsedMs,
    latenciesMs: Float64Array.from(latencies).sort(),
  };
}

/** The q-quantile (0..1) of sorted values, or 0 when there are none. */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return 0;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
