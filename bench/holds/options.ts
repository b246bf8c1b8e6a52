/** Command-line options of the holds benchmark; `--quick` is a smoke run of well under 30 s. */
import { SHAPES, type Shape } from './shapes.ts';

export type Engine = 'sqlite' | 'postgres';

export interface HoldsOptions {
  quick: boolean;
  engines: Engine[];
  shapes: Shape[];
  rounds: number;
  warmupMs: number;
  durationMs: number;
  /** Holds in flight at once through InventoryService (both engines). */
  inFlight: number;
  /** PostgreSQL: connections in StockPool's pool, and clients of the raw loop. */
  pgConnections: number;
  /** Free text stored with the results, e.g. which code was measured. */
  label: string | null;
}

const FULL = { rounds: 3, warmupMs: 1_000, durationMs: 5_000 };
const QUICK = { rounds: 1, warmupMs: 400, durationMs: 1_800 };

export function parseHoldsOptions(args: readonly string[]): HoldsOptions {
  const quick = args.includes('--quick');
  const base = quick ? QUICK : FULL;
  return {
    quick,
    engines: listOf(valueOf(args, '--engine'), ['sqlite', 'postgres'] as const),
    shapes: listOf(valueOf(args, '--shape'), SHAPES),
    rounds: numberOf(args, '--rounds') ?? base.rounds,
    warmupMs: numberOf(args, '--warmup-ms') ?? base.warmupMs,
    durationMs: numberOf(args, '--duration-ms') ?? base.durationMs,
    inFlight: numberOf(args, '--in-flight') ?? 64,
    pgConnections: numberOf(args, '--pg-connections') ?? 8,
    label: valueOf(args, '--label') ?? null,
  };
}

function valueOf(args: readonly string[], flag: string): string | undefined {
  const inline = args.find((a) => a.startsWith(`${flag}=`));
  if (inline) return inline.slice(flag.length + 1);
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
}

function numberOf(args: readonly string[], flag: string): number | undefined {
  const text = valueOf(args, flag);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} wants a positive integer`);
  return value;
}

function listOf<T extends string>(text: string | undefined, allowed: readonly T[]): T[] {
  if (text === undefined) return [...allowed];
  const picked = text.split(',');
  const unknown = picked.filter((p) => !allowed.includes(p as T));
  if (unknown.length > 0)
    throw new Error(`unknown value ${unknown.join(', ')}; use ${allowed.join(', ')}`);
  return picked as T[];
}
