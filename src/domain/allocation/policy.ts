/**
 * Allocation policies: how one SKU's available quantity in one warehouse is turned into what each
 * shop's listing shows. A policy is set per SKU or per shop group (the tenant default otherwise)
 * and stored as JSON; `validatePolicy` (validate-policy.ts) says what is wrong with one before it
 * is saved, and the readers below say how the allocator reads each setting for a shop.
 */
import { MAX_LINE_QUANTITY } from '../movements.ts';

/** A shop's id, as the store keeps it. */
export type ShopId = string;

/** The modes a seller may choose. */
export const ALLOCATION_MODES = ['shared', 'partitioned', 'adaptive'] as const;

/**
 * - shared: every eligible shop shows the whole pool (less the buffer, capped per shop).
 * - partitioned: the pool is split by weights; the shares never sum above the pool.
 * - adaptive: shared while the pool comfortably covers the sales expected during one sync
 *   round-trip, partitioned when it does not.
 */
export type AllocationMode = (typeof ALLOCATION_MODES)[number];

/** The mode an allocation actually ran in: adaptive always resolves to one of these. */
export type AppliedMode = 'shared' | 'partitioned';

/** When adaptive switches from shared to partitioned. */
export interface AdaptiveSettings {
  /**
   * Seconds from a sale on one platform to every other platform showing it (the sync lag):
   * more than 0, at most MAX_ROUND_TRIP_SECONDS.
   */
  roundTripSeconds: number;
  /** Shared while pool ≥ safetyFactor × sales expected in one round-trip; 1 to MAX_SAFETY_FACTOR. */
  safetyFactor?: number;
}

/**
 * One allocation policy. Units are units of the SKU (not listings); shop ids are store ids.
 * Records are read by own property only, so a shop id such as "constructor" is safe.
 */
export interface AllocationPolicy {
  mode: AllocationMode;
  /** Units held back from every channel (a non-negative integer). */
  bufferUnits?: number;
  /**
   * Percent (0–100, at most two decimals) of available held back from every channel, rounded up
   * to whole units so the buffer is never under-held. With bufferUnits too, the larger is held.
   */
  bufferPercent?: number;
  /** Partitioned weights per shop (non-negative integers, e.g. 50/25/25). A missing shop: 1. */
  weights?: Readonly<Record<ShopId, number>>;
  /** Partitioned: units each shop shows at least, stock allowing. Overrides defaultMinPerShop. */
  minPerShop?: Readonly<Record<ShopId, number>>;
  /** Partitioned: the minimum of a shop missing from minPerShop (default 0). */
  defaultMinPerShop?: number;
  /** Every mode: the most a shop is shown (a non-negative integer). A missing shop: no cap. */
  maxPerShop?: Readonly<Record<ShopId, number>>;
  /**
   * Who is served first when stock is short: minimums are met in this order, and rounding ties
   * go to the earlier shop. Shops not listed come after, in shop-id order.
   */
  priority?: readonly ShopId[];
  /** Required when mode is adaptive. */
  adaptive?: AdaptiveSettings;
}

/** Adaptive's safety factor when the policy sets none. */
export const DEFAULT_SAFETY_FACTOR = 2;

/** The weight of a shop missing from `weights`: an unlisted shop takes an equal part, not none. */
export const DEFAULT_WEIGHT = 1;

/** The largest weight a policy may give a shop (weights are relative; percent or per-mille fit). */
export const MAX_WEIGHT = 1_000_000;

/**
 * The most units a policy may name (buffer, minimums, caps): the largest quantity StockPool
 * accepts anywhere (MAX_LINE_QUANTITY), so a setting can never be larger than any stock there is.
 */
export const MAX_POLICY_UNITS = MAX_LINE_QUANTITY;

/**
 * The longest sync round-trip adaptive may assume, in seconds. An hour is far beyond any real
 * propagation delay (seconds); a longer one would only mean "always partitioned".
 */
export const MAX_ROUND_TRIP_SECONDS = 3_600;

/** The largest adaptive safety factor: 100 × the sales of one round-trip is already very cautious. */
export const MAX_SAFETY_FACTOR = 100;

/** The value a record holds for a shop as its own property, or undefined. */
export function ownValue<T>(
  record: Readonly<Record<ShopId, T>> | undefined,
  shopId: ShopId,
): T | undefined {
  return record !== undefined && Object.hasOwn(record, shopId) ? record[shopId] : undefined;
}

/**
 * A count as the allocator reads it: a finite number floored and kept within
 * 0..Number.MAX_SAFE_INTEGER (the largest count a number holds exactly, so sums of shares stay
 * exact); anything else is 0.
 */
export function toUnitCount(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return 0;
  return Math.min(Number.MAX_SAFE_INTEGER, Math.max(0, Math.floor(value)));
}

/** A shop's weight: its own entry (floored, ≥ 0; not a finite number → 0), else DEFAULT_WEIGHT. */
export function weightOf(policy: AllocationPolicy, shopId: ShopId): number {
  const weight = ownValue(policy.weights, shopId);
  return weight === undefined ? DEFAULT_WEIGHT : toUnitCount(weight);
}

/** A shop's cap in units: its own entry (floored, ≥ 0), or Infinity when it has none. */
export function capOf(policy: AllocationPolicy, shopId: ShopId): number {
  const cap = ownValue(policy.maxPerShop, shopId);
  if (cap === undefined || cap === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  return toUnitCount(cap);
}

/** A shop's minimum in units, never above its cap: a shop is never shown more than its cap. */
export function minimumOf(policy: AllocationPolicy, shopId: ShopId): number {
  const own = ownValue(policy.minPerShop, shopId);
  const minimum = toUnitCount(own ?? policy.defaultMinPerShop);
  return Math.min(minimum, capOf(policy, shopId));
}
