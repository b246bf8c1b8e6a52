/**
 * Partitioning a pool among shops with a minimum and a cap each: proportional to weight, raised
 * to the minimum, held down to the cap, then rounded by largest remainder. When the minimums
 * alone use up the pool, shops are served their minimums in order instead.
 */
import { largestRemainderExact } from './largest-remainder.ts';
import { toUnitCount } from './policy.ts';

/**
 * One shop's terms, in serving order (earlier entries win shortages and rounding ties).
 * Weight and min must be finite integers (a RangeError otherwise: a caller's bug).
 */
export interface BoundedEntry {
  /** Relative weight, a non-negative integer. */
  weight: number;
  /** Units the entry should get at least, stock allowing (an integer ≥ 0). */
  min: number;
  /** Units the entry may get at most (an integer ≥ 0, or Infinity). A min above it is lowered. */
  max: number;
}

interface Bounds {
  weight: bigint;
  lower: bigint;
  upper: bigint;
}

/**
 * Splits `total` units (an integer; below 0 counts as 0) among entries; returns one integer per
 * entry, in entry order. Invariants: Σ parts ≤ total; 0 ≤ part ≤ max; part ≥ min whenever
 * Σ min(min, max) ≤ total. Otherwise (shortage) each entry in turn gets its minimum until the
 * total runs out and nothing more. Else every part is clamp(λ × weight, min, max) for one λ,
 * rounded by largest remainder (ties to the earlier entry), and all of total is given out unless
 * every entry with a weight is at its cap (a zero-weight entry gets exactly its minimum).
 */
export function splitWithBounds(total: number, entries: readonly BoundedEntry[]): number[] {
  const pool = toUnitCount(total);
  const bounds = entries.map((e) => toBounds(e, pool));
  const minimums = bounds.reduce((acc, b) => acc + b.lower, 0n);
  const parts =
    minimums >= BigInt(pool)
      ? serveMinimumsInOrder(BigInt(pool), bounds)
      : fillByWeight(BigInt(pool), bounds);
  return parts.map(Number);
}

/** A cap above the pool never binds, so it is lowered to the pool to stay finite. */
function toBounds(entry: BoundedEntry, pool: number): Bounds {
  const cap = Math.max(0, entry.max);
  const upper = Math.min(cap, pool);
  const lower = Math.min(Math.max(0, entry.min), cap);
  return { weight: BigInt(entry.weight), lower: BigInt(lower), upper: BigInt(upper) };
}

function serveMinimumsInOrder(pool: bigint, bounds: readonly Bounds[]): bigint[] {
  let left = pool;
  return bounds.map((b) => {
    const part = b.lower < left ? b.lower : left;
    left -= part;
    return part;
  });
}

/**
 * Water-filling: find λ with Σ clamp(λ × weight, lower, upper) = pool. At λ = rest / Σ weight of
 * the unsettled entries, if raising the entries below their minimum would add more than holding
 * down those above their cap would take away, the true λ is smaller, so every entry below its
 * minimum stays there: settle them at it. Otherwise λ is larger and the capped ones settle.
 * Each round settles at least one entry; the unsettled rest is split by largest remainder.
 */
function fillByWeight(pool: bigint, bounds: readonly Bounds[]): bigint[] {
  // Fields copied by name: V8 spreads objects holding bigints some 20 times slower.
  const slots: Slot[] = bounds.map(({ weight, lower, upper }) => ({
    weight,
    lower,
    upper,
    part: null,
  }));
  let open = slots;
  let rest = pool;
  for (;;) {
    const weight = open.reduce((acc, s) => acc + s.weight, 0n);
    if (weight === 0n) {
      for (const s of open) s.part = s.lower;
      break;
    }
    const { low, high, deficit, surplus } = findViolations(open, rest, weight);
    if (low.length === 0 && high.length === 0) {
      const parts = largestRemainderExact(
        rest,
        open.map((s) => s.weight),
      );
      open.forEach((s, i) => (s.part = parts[i] ?? 0n));
      break;
    }
    if (deficit >= surplus) rest -= settle(low, (s) => s.lower);
    if (surplus >= deficit) rest -= settle(high, (s) => s.upper);
    open = open.filter((s) => s.part === null);
  }
  return slots.map((s) => s.part ?? 0n);
}

/** An entry during water-filling: its part once settled, null while it still follows λ. */
interface Slot extends Bounds {
  part: bigint | null;
}

/** Settles each slot at the bound given; returns the units they took. */
function settle(slots: readonly Slot[], boundOf: (s: Slot) => bigint): bigint {
  let taken = 0n;
  for (const s of slots) {
    s.part = boundOf(s);
    taken += s.part;
  }
  return taken;
}

/**
 * Entries whose proportional share (rest × weight / Σ weight) is below their minimum or above
 * their cap, and how far in total, all scaled by Σ weight so the comparison stays exact.
 */
function findViolations(open: readonly Slot[], rest: bigint, weight: bigint) {
  const low: Slot[] = [];
  const high: Slot[] = [];
  let deficit = 0n;
  let surplus = 0n;
  for (const s of open) {
    const scaled = rest * s.weight;
    if (scaled < s.lower * weight) {
      low.push(s);
      deficit += s.lower * weight - scaled;
    } else if (scaled > s.upper * weight) {
      high.push(s);
      surplus += scaled - s.upper * weight;
    }
  }
  return { low, high, deficit, surplus };
}
