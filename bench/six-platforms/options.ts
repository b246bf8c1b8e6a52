/**
 * Command-line options of the six-platform propagation benchmark. Two scenarios by default: one
 * with every platform kept within its published limits (Amazon at 0.4 orders/s, under the
 * 0.5/s its getOrder and getOrderItems allow), and one with Amazon above them (2 orders/s), whose
 * read backlog is itself the finding. `--quick` is a smoke run of 10 s each.
 */
import { listOf, valueOf } from '../flash-sale/options.ts';
import { SANDBOX_PLATFORMS, type SandboxPlatform } from '../../sandbox/platform-profiles.ts';

export type Engine = 'sqlite' | 'postgres';

export interface ScenarioSpec {
  name: 'within-limits' | 'amazon-above-limits';
  /** One-unit orders per second placed on each platform's shop. */
  ratesPerSecond: Record<SandboxPlatform, number>;
  durationMs: number;
  /** Longest wait after the last order for every order to show everywhere. */
  tailTimeoutMs: number;
}

export interface SixPlatformOptions {
  quick: boolean;
  engines: Engine[];
  scenarios: ScenarioSpec[];
  /** How often the benchmark reads what every shop shows (in-process, no HTTP). */
  pollMs: number;
  /** Opening stock of the one SKU: plenty for the run, within TikTok's 99,999 per listing. */
  openingStock: number;
  /** Floor samples per platform and kind (webhook re-delivery, order read, stock write). */
  floorSamples: number;
  /** Seed of the order arrivals (each platform's stream: seed + its index). */
  seed: number;
  label: string | null;
}

const WEBHOOK_RATE = 1;
/** Below getOrder's and getOrderItems' 0.5/s: each Amazon order read costs one of each. */
const AMAZON_WITHIN = 0.4;
const AMAZON_ABOVE = 2;

export function parseSixPlatformOptions(args: readonly string[]): SixPlatformOptions {
  const quick = args.includes('--quick');
  const durationMs = rateOf(args, '--duration-s', quick ? 10 : 60) * 1000;
  const aboveMs = rateOf(args, '--above-duration-s', quick ? 10 : 30) * 1000;
  const webhookRate = rateOf(args, '--rate', WEBHOOK_RATE);
  const ratesWith = (amazon: number) =>
    Object.fromEntries(
      SANDBOX_PLATFORMS.map((p) => [p, p === 'amazon' ? amazon : webhookRate]),
    ) as Record<SandboxPlatform, number>;
  const all: ScenarioSpec[] = [
    {
      name: 'within-limits',
      ratesPerSecond: ratesWith(rateOf(args, '--amazon-rate', AMAZON_WITHIN)),
      durationMs,
      tailTimeoutMs: 60_000,
    },
    {
      name: 'amazon-above-limits',
      ratesPerSecond: ratesWith(rateOf(args, '--amazon-above-rate', AMAZON_ABOVE)),
      durationMs: aboveMs,
      // A read backlog at 0.5 orders/s needs time to drain: 2 min covers 60 orders behind.
      tailTimeoutMs: 180_000,
    },
  ];
  const picked = listOf(valueOf(args, '--scenario') ?? all.map((s) => s.name).join(','), [
    'within-limits',
    'amazon-above-limits',
  ] as const);
  return {
    quick,
    engines: listOf(valueOf(args, '--engine') ?? 'sqlite', ['sqlite', 'postgres'] as const),
    scenarios: all.filter((s) => picked.includes(s.name)),
    pollMs: rateOf(args, '--poll-ms', 10),
    openingStock: 10_000,
    floorSamples: quick ? 5 : 10,
    seed: rateOf(args, '--seed', 1),
    label: valueOf(args, '--label') ?? null,
  };
}

/** A positive number (fractions allowed: Amazon's rates are below one a second). */
function rateOf(args: readonly string[], flag: string, fallback: number): number {
  const text = valueOf(args, flag);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} wants a positive number`);
  return value;
}
