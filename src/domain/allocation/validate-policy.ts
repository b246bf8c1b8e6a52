/**
 * What is wrong with an allocation policy, as a list the HTTP layer turns into one 400 response
 * (codes map to zh-CN / en messages there). The allocator itself never throws on a bad policy: it
 * reads every setting conservatively (policy.ts), so validation is for the seller, not for safety.
 */
import {
  ALLOCATION_MODES,
  MAX_POLICY_UNITS,
  MAX_ROUND_TRIP_SECONDS,
  MAX_SAFETY_FACTOR,
  MAX_WEIGHT,
  type AllocationPolicy,
  type ShopId,
} from './policy.ts';

/** Stable problem codes; each names one rule a setting breaks. */
export type PolicyProblemCode =
  | 'UNKNOWN_MODE'
  | 'NOT_A_COUNT'
  | 'UNITS_TOO_LARGE'
  | 'WEIGHT_TOO_LARGE'
  | 'PERCENT_OUT_OF_RANGE'
  | 'PERCENT_TOO_PRECISE'
  | 'ADAPTIVE_SETTINGS_MISSING'
  | 'ROUND_TRIP_NOT_POSITIVE'
  | 'ROUND_TRIP_TOO_LONG'
  | 'SAFETY_FACTOR_BELOW_ONE'
  | 'SAFETY_FACTOR_TOO_LARGE'
  | 'MIN_ABOVE_MAX'
  | 'DUPLICATE_PRIORITY'
  | 'EMPTY_SHOP_ID';

/**
 * One broken rule. `field` is the policy property (dotted for adaptive settings); `shopId` is set
 * for per-shop entries, `index` for priority entries, `limit` for range rules.
 */
export interface PolicyProblem {
  code: PolicyProblemCode;
  field: string;
  shopId?: ShopId;
  index?: number;
  limit?: number;
}

const isCount = (value: number) => Number.isSafeInteger(value) && value >= 0;

/** A range rule: the largest value a number may take, and the code naming a larger one. */
interface Bound {
  limit: number;
  code: PolicyProblemCode;
}

const UNITS: Bound = { limit: MAX_POLICY_UNITS, code: 'UNITS_TOO_LARGE' };
const WEIGHT: Bound = { limit: MAX_WEIGHT, code: 'WEIGHT_TOO_LARGE' };

/**
 * Every problem of a policy, in field order; an empty list means the policy may be saved.
 * Rules: mode is known; units, minimums, caps and weights are non-negative integers, units at
 * most MAX_POLICY_UNITS (no stock is larger) and weights at most MAX_WEIGHT; bufferPercent is
 * 0–100 with at most two decimals; adaptive needs settings with 0 < roundTripSeconds ≤
 * MAX_ROUND_TRIP_SECONDS and 1 ≤ safetyFactor ≤ MAX_SAFETY_FACTOR (below 1 it would stay shared
 * while the pool is expected to sell out within one round-trip, the very window adaptive exists
 * to close); a shop's own minimum is not above its own cap; priority lists each non-empty shop
 * id once.
 */
export function validatePolicy(policy: AllocationPolicy): PolicyProblem[] {
  return [
    ...checkMode(policy),
    ...checkBuffer(policy),
    ...checkPerShop('weights', policy.weights, WEIGHT),
    ...checkPerShop('minPerShop', policy.minPerShop, UNITS),
    ...checkCount('defaultMinPerShop', policy.defaultMinPerShop, UNITS),
    ...checkPerShop('maxPerShop', policy.maxPerShop, UNITS),
    ...checkMinAboveMax(policy),
    ...checkPriority(policy.priority),
    ...checkAdaptive(policy),
  ];
}

function checkMode(policy: AllocationPolicy): PolicyProblem[] {
  const known: readonly string[] = ALLOCATION_MODES;
  return known.includes(policy.mode) ? [] : [{ code: 'UNKNOWN_MODE', field: 'mode' }];
}

/** The problem of one count (with the shop it belongs to, if any), or none. */
function countProblem(
  field: string,
  value: number,
  bound: Bound,
  shopId?: ShopId,
): PolicyProblem | null {
  const at = shopId === undefined ? { field } : { field, shopId };
  // Checked high first, so 1e300 or Infinity is "too large" rather than "not a count".
  if (value > bound.limit) return { code: bound.code, ...at, limit: bound.limit };
  return isCount(value) ? null : { code: 'NOT_A_COUNT', ...at };
}

function checkCount(field: string, value: number | undefined, bound: Bound): PolicyProblem[] {
  const problem = value === undefined ? null : countProblem(field, value, bound);
  return problem ? [problem] : [];
}

function checkBuffer(policy: AllocationPolicy): PolicyProblem[] {
  const problems = checkCount('bufferUnits', policy.bufferUnits, UNITS);
  const percent = policy.bufferPercent;
  if (percent === undefined) return problems;
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    problems.push({ code: 'PERCENT_OUT_OF_RANGE', field: 'bufferPercent', limit: 100 });
  } else if (Math.abs(percent * 100 - Math.round(percent * 100)) > 1e-6) {
    // The buffer is computed exactly in hundredths of a percent (buffer.ts).
    problems.push({ code: 'PERCENT_TOO_PRECISE', field: 'bufferPercent' });
  }
  return problems;
}

function checkPerShop(
  field: string,
  record: Readonly<Record<ShopId, number>> | undefined,
  bound: Bound,
): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const [shopId, value] of Object.entries(record ?? {})) {
    if (shopId === '') problems.push({ code: 'EMPTY_SHOP_ID', field, shopId });
    const problem = countProblem(field, value, bound, shopId);
    if (problem) problems.push(problem);
  }
  return problems;
}

function checkMinAboveMax(policy: AllocationPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const caps = policy.maxPerShop ?? {};
  for (const [shopId, minimum] of Object.entries(policy.minPerShop ?? {})) {
    const cap = Object.hasOwn(caps, shopId) ? caps[shopId] : undefined;
    if (cap !== undefined && isCount(cap) && isCount(minimum) && minimum > cap)
      problems.push({ code: 'MIN_ABOVE_MAX', field: 'minPerShop', shopId, limit: cap });
  }
  return problems;
}

function checkPriority(priority: readonly ShopId[] | undefined): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const seen = new Set<ShopId>();
  (priority ?? []).forEach((shopId, index) => {
    if (shopId === '') problems.push({ code: 'EMPTY_SHOP_ID', field: 'priority', index });
    else if (seen.has(shopId))
      problems.push({ code: 'DUPLICATE_PRIORITY', field: 'priority', shopId, index });
    seen.add(shopId);
  });
  return problems;
}

function checkAdaptive(policy: AllocationPolicy): PolicyProblem[] {
  const settings = policy.adaptive;
  if (settings === undefined) {
    return policy.mode === 'adaptive'
      ? [{ code: 'ADAPTIVE_SETTINGS_MISSING', field: 'adaptive' }]
      : [];
  }
  const problems: PolicyProblem[] = [];
  const { roundTripSeconds, safetyFactor } = settings;
  const roundTrip = 'adaptive.roundTripSeconds';
  // Checked high first: +Infinity is too long; NaN and -Infinity are not positive.
  if (roundTripSeconds > MAX_ROUND_TRIP_SECONDS)
    problems.push({ code: 'ROUND_TRIP_TOO_LONG', field: roundTrip, limit: MAX_ROUND_TRIP_SECONDS });
  else if (!(Number.isFinite(roundTripSeconds) && roundTripSeconds > 0))
    problems.push({ code: 'ROUND_TRIP_NOT_POSITIVE', field: roundTrip });
  const factor = 'adaptive.safetyFactor';
  if (safetyFactor !== undefined && safetyFactor > MAX_SAFETY_FACTOR)
    problems.push({ code: 'SAFETY_FACTOR_TOO_LARGE', field: factor, limit: MAX_SAFETY_FACTOR });
  else if (safetyFactor !== undefined && !(Number.isFinite(safetyFactor) && safetyFactor >= 1))
    problems.push({ code: 'SAFETY_FACTOR_BELOW_ONE', field: factor, limit: 1 });
  return problems;
}

/**
 * The details of an INVALID_POLICY outcome: `problems`, every problem as `field: CODE` (stable
 * text scripts may match), and `issues`, the problems themselves, from which the edges write the
 * message in the caller's language (src/i18n/policy-problems.ts).
 */
export function invalidPolicyDetails(problems: readonly PolicyProblem[]): {
  problems: string;
  issues: PolicyProblem[];
} {
  return {
    problems: problems.map((p) => `${p.field}: ${p.code}`).join(', '),
    issues: [...problems],
  };
}
