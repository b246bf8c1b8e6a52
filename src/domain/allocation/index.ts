/**
 * The allocation domain: how much of each SKU each shop's listing shows. Start at
 * allocateWarehouse (shares.ts) for one SKU in one warehouse (allocateGrouped, grouped-shares.ts,
 * when shops are grouped), then listingQuantity for a listing.
 */
export {
  ALLOCATION_MODES,
  DEFAULT_SAFETY_FACTOR,
  DEFAULT_WEIGHT,
  MAX_POLICY_UNITS,
  MAX_ROUND_TRIP_SECONDS,
  MAX_SAFETY_FACTOR,
  MAX_WEIGHT,
  capOf,
  minimumOf,
  weightOf,
  type AdaptiveSettings,
  type AllocationMode,
  type AllocationPolicy,
  type AppliedMode,
  type ShopId,
} from './policy.ts';
export {
  invalidPolicyDetails,
  validatePolicy,
  type PolicyProblem,
  type PolicyProblemCode,
} from './validate-policy.ts';
export { bufferUnitsHeld, poolUnits } from './buffer.ts';
export { largestRemainder } from './largest-remainder.ts';
export { splitWithBounds, type BoundedEntry } from './bounded-split.ts';
export {
  adaptiveThresholdUnits,
  decideAdaptiveMode,
  type AdaptiveDecision,
  type AdaptiveInput,
} from './adaptive.ts';
export {
  allocateWarehouse,
  servingOrder,
  type AllocateWarehouseInput,
  type AllocationResult,
} from './shares.ts';
export {
  GROUP_UNIT_PREFIX,
  allocateGrouped,
  groupUnitKey,
  type AllocateGroupedInput,
  type GroupedAllocationResult,
  type ShopGroupSpec,
} from './grouped-shares.ts';
export {
  bundleAvailableInWarehouse,
  listingQuantity,
  type ListingQuantityInput,
} from './listing-quantity.ts';
