/**
 * From shares to what a listing shows. A shop's listing may ship from several warehouses, so it
 * shows the shop's shares summed over the warehouses it may ship from, in whole listings: a 3-pack
 * listing sells three units of the SKU at a time.
 */
import { bundleAvailable, type BundleComponent } from '../bundles.ts';
import { toUnitCount } from './policy.ts';

/** One listing: its shop's shares of the SKU and how many units one listing sells. */
export interface ListingQuantityInput {
  /** The listing's shop's share of the SKU per warehouse id, in units; a missing warehouse: 0. */
  shareByWarehouse: ReadonlyMap<number, number>;
  /** The warehouses the listing's shop may ship from; repeats count once. */
  eligibleWarehouseIds: readonly number[];
  /** Units of the SKU one listing sells (the multiplier), a positive integer. */
  unitsPerListing: number;
}

/**
 * The quantity a listing shows: floor(Σ shares over the eligible warehouses / unitsPerListing),
 * an integer ≥ 0, so quantity × unitsPerListing never exceeds the shares behind it. A share below
 * 0 or not a number counts as 0; a unitsPerListing that is not a positive integer shows 0 (a
 * listing whose pack size is unknown must not guess).
 */
export function listingQuantity(input: ListingQuantityInput): number {
  const { unitsPerListing } = input;
  if (!Number.isSafeInteger(unitsPerListing) || unitsPerListing <= 0) return 0;
  let units = 0;
  for (const warehouseId of new Set(input.eligibleWarehouseIds)) {
    units += toUnitCount(input.shareByWarehouse.get(warehouseId));
  }
  return Math.floor(units / unitsPerListing);
}

/**
 * A bundle's available quantity in one warehouse, to allocate like any SKU's: bundles.ts's
 * bundleAvailable (min over components of floor(component available / per-bundle quantity),
 * never below 0) over the components' availability in that warehouse only. A bundle ships whole
 * from one warehouse, so components in different warehouses do not combine.
 */
export function bundleAvailableInWarehouse(
  components: readonly BundleComponent[],
  warehouseId: number,
  availableOf: (skuId: number, warehouseId: number) => number,
): number {
  return bundleAvailable(components, (skuId) => availableOf(skuId, warehouseId));
}
