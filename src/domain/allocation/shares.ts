/**
 * How much of one SKU's available quantity in one warehouse each shop that may ship from that
 * warehouse is given (its share), under an allocation policy. Invariant I8: in partitioned mode
 * the shares never sum above available, and in every mode no shop is given more than available.
 */
import { decideAdaptiveMode, type AdaptiveDecision } from './adaptive.ts';
import { splitWithBounds } from './bounded-split.ts';
import { bufferUnitsHeld } from './buffer.ts';
import {
  capOf,
  minimumOf,
  toUnitCount,
  weightOf,
  type AllocationMode,
  type AllocationPolicy,
  type AppliedMode,
  type ShopId,
} from './policy.ts';

/** One SKU in one warehouse, the shops eligible to ship from it, and the policy that applies. */
export interface AllocateWarehouseInput {
  /** Available units (on hand − reserved): floored; below 0 (back-ordered) counts as 0. */
  available: number;
  /** Ids of the shops that may ship from this warehouse; order and repeats do not matter. */
  shops: readonly ShopId[];
  policy: AllocationPolicy;
  /**
   * Adaptive only: expected sales of the SKU summed over the eligible shops, units per second.
   * Omitted (unknown) under adaptive means partitioned, the mode that cannot oversell.
   */
  expectedSalesPerSecond?: number;
}

/** The allocation of one SKU in one warehouse, with what a seller needs to understand it. */
export interface AllocationResult {
  /** The mode the policy asks for. */
  policyMode: AllocationMode;
  /** The mode applied (adaptive resolves to shared or partitioned). */
  modeUsed: AppliedMode;
  /** Available units as read (policy.ts toUnitCount): an integer in 0..MAX_SAFE_INTEGER. */
  availableUnits: number;
  /** Units held back from every channel. */
  bufferUnits: number;
  /** availableUnits − bufferUnits: what the shops share. */
  poolUnits: number;
  /** Adaptive's threshold in units (see adaptive.ts); null in other modes or if unknown. */
  adaptiveThresholdUnits: number | null;
  /**
   * Units per shop (integers ≥ 0, each ≤ poolUnits and ≤ the shop's cap), one entry per distinct
   * eligible shop, in serving order: the policy's priority list, then the others by shop id.
   * Partitioned: Σ shares ≤ poolUnits.
   */
  shares: ReadonlyMap<ShopId, number>;
}

/**
 * Allocates one SKU's available units in one warehouse to its eligible shops. The buffer is held
 * back first; shared gives every shop the whole pool (up to its cap); partitioned splits the pool
 * by weight with minimums, caps and largest-remainder rounding (bounded-split.ts); adaptive picks
 * one of the two (adaptive.ts). Deterministic: the same input, in any shop order, gives the same
 * shares. Never throws for a policy validatePolicy accepts; other settings are read conservatively.
 */
export function allocateWarehouse(input: AllocateWarehouseInput): AllocationResult {
  const { policy } = input;
  const availableUnits = toUnitCount(input.available);
  const bufferUnits = bufferUnitsHeld(availableUnits, policy);
  const poolUnits = availableUnits - bufferUnits;
  const order = servingOrder(input.shops, policy.priority);
  const decision = decideMode(input, poolUnits);
  const parts =
    decision.mode === 'shared'
      ? order.map((shopId) => Math.min(poolUnits, capOf(policy, shopId)))
      : partition(poolUnits, order, policy);
  return {
    policyMode: policy.mode,
    modeUsed: decision.mode,
    availableUnits,
    bufferUnits,
    poolUnits,
    adaptiveThresholdUnits: decision.thresholdUnits,
    shares: new Map(order.map((shopId, i) => [shopId, parts[i] ?? 0])),
  };
}

function decideMode(input: AllocateWarehouseInput, poolUnits: number): AdaptiveDecision {
  const { policy } = input;
  if (policy.mode === 'shared') return { mode: 'shared', thresholdUnits: null };
  if (policy.mode === 'adaptive') {
    const { expectedSalesPerSecond } = input;
    return decideAdaptiveMode({ poolUnits, expectedSalesPerSecond, settings: policy.adaptive });
  }
  // Partitioned, and any mode validatePolicy would refuse: the mode that cannot oversell.
  return { mode: 'partitioned', thresholdUnits: null };
}

function partition(poolUnits: number, order: readonly ShopId[], policy: AllocationPolicy) {
  return splitWithBounds(
    poolUnits,
    order.map((shopId) => ({
      weight: weightOf(policy, shopId),
      min: minimumOf(policy, shopId),
      max: capOf(policy, shopId),
    })),
  );
}

/**
 * The order shops are served in when stock is short (and rounding ties are broken): the eligible
 * shops named in `priority`, in its order, then the rest by shop id (code-unit order, the same on
 * every machine and locale). Repeats are dropped; priority names not eligible are ignored.
 */
export function servingOrder(shops: readonly ShopId[], priority: readonly ShopId[] = []): ShopId[] {
  const eligible = new Set(shops);
  const first = [...new Set(priority)].filter((shopId) => eligible.has(shopId));
  const named = new Set(first);
  const rest = [...eligible].filter((shopId) => !named.has(shopId));
  rest.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...first, ...rest];
}
