/**
 * What is wrong with an allocation policy, as a list the HTTP layer turns into one 400 response
 * (codes map to zh-CN / en messages there). The allocator itself never throws on a bad policy: it
 * reads every setting conservatively (policy.ts), so validation is for the seller, not for safety.
 */
import { ALLOCATION_MODES, MAX_WEIGHT, type AllocationPolicy, type ShopId } from './policy.ts';

/** Stable problem codes; each names one rule a setting breaks. */
export type PolicyProblemCode =
  | 'UNKNOWN_MODE'
  | 'NOT_A_COUNT'
  | 'WEIGHT_TOO_LARGE'
  | 'PERCENT_OUT_OF_RANGE'
  | 'PERCENT_TOO_PRECISE'
  | 'ADAPTIVE_SETTINGS_MISSING'
  | 'ROUND_TRIP_NOT_POSITIVE'
  | 'SAFETY_FACTOR_BELOW_ONE'
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

/**
 * Every problem of a policy, in field order; an empty list means the policy may be saved.
 * Rules: mode is known; units, minimums, caps and weights are non-negative integers (weights at
 * most MAX_WEIGHT); bufferPercent is 0–100 with at most two decimals; adaptive needs settings
 * with roundTripSeconds > 0 and safetyFactor ≥ 1 (below 1 it would stay shared while the pool
 * is expected to sell out within one round-trip, the very window adaptive exists to close);
 * a shop's own minimum is not above its own cap; priority lists each non-empty shop id once.
 */
export function validatePolicy(policy: AllocationPolicy): PolicyProblem[] {
  return [
    ...checkMode(policy),
    ...checkBuffer(policy),
    ...checkPerShop('weights', policy.weights, MAX_WEIGHT),
    ...checkPerShop('minPerShop', policy.minPerShop),
    ...checkCount('defaultMinPerShop', policy.defaultMinPerShop),
    ...checkPerShop('maxPerShop', policy.maxPerShop),
    ...checkMinAboveMax(policy),
    ...checkPriority(policy.priority),
    ...checkAdaptive(policy),
  ];
}

function checkMode(policy: AllocationPolicy): PolicyProblem[] {
  const known: readonly string[] = ALLOCATION_MODES;
  return known.includes(policy.mode) ? [] : [{ code: 'UNKNOWN_MODE', field: 'mode' }];
}

function checkCount(field: string, value: number | undefined): PolicyProblem[] {
  return value === undefined || isCount(value) ? [] : [{ code: 'NOT_A_COUNT', field }];
}

function checkBuffer(policy: AllocationPolicy): PolicyProblem[] {
  const problems = checkCount('bufferUnits', policy.bufferUnits);
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
  limit?: number,
): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const [shopId, value] of Object.entries(record ?? {})) {
    if (shopId === '') problems.push({ code: 'EMPTY_SHOP_ID', field, shopId });
    if (!isCount(value)) problems.push({ code: 'NOT_A_COUNT', field, shopId });
    else if (limit !== undefined && value > limit)
      problems.push({ code: 'WEIGHT_TOO_LARGE', field, shopId, limit });
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
  if (!Number.isFinite(roundTripSeconds) || roundTripSeconds <= 0)
    problems.push({ code: 'ROUND_TRIP_NOT_POSITIVE', field: 'adaptive.roundTripSeconds' });
  if (safetyFactor !== undefined && !(Number.isFinite(safetyFactor) && safetyFactor >= 1))
    problems.push({ code: 'SAFETY_FACTOR_BELOW_ONE', field: 'adaptive.safetyFactor', limit: 1 });
  return problems;
}
