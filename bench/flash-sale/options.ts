/**
 * Command-line options of the flash-sale benchmark. `--quick` is a smoke run of a few seconds per
 * scenario (a fifth of the units and buyers at the same rate); the full run is the sale.
 */
import type { Engine } from '../support/channel-rig.ts';

export const POLICIES = ['shared', 'partitioned', 'adaptive'] as const;
export type PolicyName = (typeof POLICIES)[number];

export interface FlashSaleOptions {
  quick: boolean;
  engines: Engine[];
  policies: PolicyName[];
  /** Units of the one SKU at the start. */
  units: number;
  buyers: number;
  /** Buyers arrive in waves of this many, one wave every waveMs (as fast as the machine allows). */
  waveSize: number;
  waveMs: number;
  /** Share of accepted orders whose buyer pays, after a delay drawn from payDelayMs. */
  payShare: number;
  payDelayMs: [number, number];
  /** Seeds the buyer stream: every scenario of a run sees the same buyers in the same order. */
  seed: number;
  /** Baseline: seller seconds per second of the run (60: one run second is one seller minute). */
  timeScale: number;
  /** Baseline: the seller reconciles by hand every this many seller seconds… */
  pollEverySellerSeconds: number;
  /** …and types each shop's new figure this many seller seconds after the previous one. */
  typingSellerSeconds: number;
  /** Longest wait for StockPool to settle after the last buyer. */
  settleTimeoutMs: number;
  label: string | null;
}

const FULL = { units: 1_000, buyers: 10_000 };
const QUICK = { units: 200, buyers: 2_000 };

export function parseFlashSaleOptions(args: readonly string[]): FlashSaleOptions {
  const quick = args.includes('--quick');
  const base = quick ? QUICK : FULL;
  return {
    quick,
    engines: listOf(valueOf(args, '--engine') ?? 'sqlite', ['sqlite', 'postgres'] as const),
    policies: listOf(valueOf(args, '--policy') ?? 'shared,partitioned', POLICIES),
    units: numberOf(args, '--units') ?? base.units,
    buyers: numberOf(args, '--buyers') ?? base.buyers,
    waveSize: numberOf(args, '--wave-size') ?? 20,
    waveMs: numberOf(args, '--wave-ms') ?? 10,
    payShare: 0.9,
    payDelayMs: [50, 500],
    seed: numberOf(args, '--seed') ?? 20_261_111,
    timeScale: numberOf(args, '--time-scale') ?? 60,
    pollEverySellerSeconds: numberOf(args, '--poll-seconds') ?? 30,
    typingSellerSeconds: numberOf(args, '--typing-seconds') ?? 5,
    settleTimeoutMs: numberOf(args, '--settle-timeout-ms') ?? (quick ? 120_000 : 600_000),
    label: valueOf(args, '--label') ?? null,
  };
}

export function valueOf(args: readonly string[], flag: string): string | undefined {
  const inline = args.find((a) => a.startsWith(`${flag}=`));
  if (inline) return inline.slice(flag.length + 1);
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
}

export function numberOf(args: readonly string[], flag: string): number | undefined {
  const text = valueOf(args, flag);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} wants a positive integer`);
  return value;
}

export function listOf<T extends string>(text: string, allowed: readonly T[]): T[] {
  const picked = text.split(',');
  const unknown = picked.filter((p) => !allowed.includes(p as T));
  if (unknown.length > 0)
    throw new Error(`unknown value ${unknown.join(', ')}; use ${allowed.join(', ')}`);
  return picked as T[];
}
