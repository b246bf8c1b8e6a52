/**
 * Command-line options of the propagation benchmark. `--quick` is a smoke run: a 2 s burst on one
 * SKU. The full run is a 10 s burst, once with 1 SKU and once with 3 (calls per sale depend on how
 * many SKUs one push round carries).
 */
import type { Engine } from '../support/channel-rig.ts';
import { listOf, numberOf, valueOf } from '../flash-sale/options.ts';

export interface PropagationOptions {
  quick: boolean;
  engines: Engine[];
  /** One scenario per entry: the number of SKUs the orders are spread over. */
  skuCounts: number[];
  ordersPerSecond: number;
  burstMs: number;
  /** Emulated API latency on both platforms (faults.latencyMs). */
  latencyMs: number;
  /** How often the benchmark reads what every shop shows. */
  pollMs: number;
  /** Opening stock of each SKU: plenty, and within TikTok's 99,999 per listing. */
  openingStock: number;
  /** Floor samples: one API round trip and one webhook delivery every this many ms… */
  floorEveryMs: number;
  /** …this many times before the burst (the floor proper), then on through the burst. */
  quietFloorRounds: number;
  /** Longest wait after the burst for the last orders to be confirmed everywhere. */
  tailTimeoutMs: number;
  label: string | null;
}

export function parsePropagationOptions(args: readonly string[]): PropagationOptions {
  const quick = args.includes('--quick');
  const skus = valueOf(args, '--skus') ?? (quick ? '1' : '1,3');
  return {
    quick,
    engines: listOf(valueOf(args, '--engine') ?? 'sqlite', ['sqlite', 'postgres'] as const),
    skuCounts: skus.split(',').map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 1 || n > 10) throw new Error('--skus wants counts 1..10');
      return n;
    }),
    ordersPerSecond: numberOf(args, '--rate') ?? 200,
    burstMs: numberOf(args, '--duration-ms') ?? (quick ? 2_000 : 10_000),
    latencyMs: numberOf(args, '--latency-ms') ?? 100,
    pollMs: numberOf(args, '--poll-ms') ?? 5,
    openingStock: 50_000,
    floorEveryMs: 100,
    quietFloorRounds: quick ? 10 : 30,
    tailTimeoutMs: 60_000,
    label: valueOf(args, '--label') ?? null,
  };
}
