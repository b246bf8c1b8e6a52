/**
 * Hamilton's largest-remainder method: split a whole number of units in proportion to weights so
 * that every part is its exact quota rounded down or up, and the parts add up to the total.
 * Computed over bigint so quotas are exact for any counts and weights (no floating-point error
 * can make two runs, or two engines, disagree by a unit).
 */

/**
 * Splits `total` units by `weights` (both non-negative integers): each part is floor(quota) or
 * floor(quota) + 1, where quota = total × weight / Σ weights; the units left after flooring go one
 * each to the largest remainders, ties to the earlier entry. Σ parts = total, unless every weight
 * is 0, when every part is 0. Throws a RangeError for a non-integer (a caller's bug).
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  return largestRemainderExact(
    BigInt(total),
    weights.map((w) => BigInt(w)),
  ).map(Number);
}

/** largestRemainder over bigints; a total ≤ 0 gives all zeros. */
export function largestRemainderExact(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((acc, w) => acc + w, 0n);
  if (sum <= 0n || total <= 0n) return weights.map(() => 0n);
  const parts = weights.map((weight, index) => ({
    index,
    share: (total * weight) / sum,
    remainder: (total * weight) % sum,
  }));
  let left = total - parts.reduce((acc, p) => acc + p.share, 0n);
  const byRemainder = [...parts].sort(
    (a, b) => compareBigints(b.remainder, a.remainder) || a.index - b.index,
  );
  // left < number of non-zero remainders, so only parts below their ceiling get a unit.
  for (const part of byRemainder) {
    if (left === 0n) break;
    part.share += 1n;
    left -= 1n;
  }
  return parts.map((p) => p.share);
}

function compareBigints(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
