/**
 * During a burst, the listings of split pools that must go to zero now (domain/sync/burst-cuts.ts
 * says why zero, and why only when the shops together can sell more than the pool holds). Every
 * other figure of a split pool in a burst waits for the burst to end.
 */
import type { Kysely } from 'kysely';
import { listingsToZero, type SplitListingShown } from '../domain/sync/burst-cuts.ts';
import { listingsOfSkus, type ListingRecord } from '../store/listings-repo.ts';
import type { DB } from '../store/schema.ts';
import type { ShopRecord } from '../store/shops-repo.ts';
import { soldAndRestoredSincePush } from '../store/shown-since-push-repo.ts';
import { splitInBurst, type SkuAllocation } from './listing-targets.ts';

/**
 * The ids of the listings (of every shop of the tenant listing these SKUs) to set to zero. A
 * listing of a shop that is not active cannot be pushed: what it shows still counts, and the
 * others make room for it.
 */
export async function splitListingsToZero(
  db: Kysely<DB>,
  input: {
    tenantId: string;
    skuIds: number[];
    allocations: Map<number, SkuAllocation>;
    shops: Map<string, ShopRecord>;
  },
): Promise<Set<string>> {
  const zero = new Set<string>();
  const all = await listingsOfSkus(db, input.tenantId, input.skuIds);
  const split = all.filter((l) => {
    const allocation = l.skuId === null ? undefined : input.allocations.get(l.skuId);
    const shop = input.shops.get(l.shopId);
    return allocation !== undefined && shop !== undefined && splitInBurst(allocation, shop);
  });
  const since = await soldAndRestoredSincePush(
    db,
    split.map((l) => l.id),
  );
  for (const skuId of input.skuIds) {
    const allocation = input.allocations.get(skuId);
    const listings = split.filter((l) => l.skuId === skuId);
    if (!allocation || listings.length === 0) continue;
    let poolUnits = poolOf(allocation, listings, input.shops);
    const candidates: SplitListingShown[] = [];
    for (const listing of listings) {
      const shownUnits = shownAtMost(listing, since.get(listing.id)) * listing.unitsPerListing;
      if (input.shops.get(listing.shopId)?.status === 'active')
        candidates.push({ listingId: listing.id, shownUnits });
      else poolUnits -= shownUnits;
    }
    for (const id of listingsToZero(candidates, poolUnits)) zero.add(id);
  }
  return zero;
}

/** The units the split shops can be sold from: the SKU's available in their warehouses. */
function poolOf(
  allocation: SkuAllocation,
  listings: ListingRecord[],
  shops: Map<string, ShopRecord>,
): number {
  const warehouses = new Set(
    listings.flatMap((l) => shops.get(l.shopId)?.warehouses.map((w) => w.warehouseId) ?? []),
  );
  let units = 0;
  for (const id of warehouses) units += Math.max(0, allocation.availableByWarehouse.get(id) ?? 0);
  return units;
}

/**
 * The most the listing can be showing: the figure last sent, less what its orders read since took,
 * plus what the platform put back for orders cancelled since. A listing never pushed counts what
 * reconciliation last read from its platform.
 */
function shownAtMost(
  listing: ListingRecord,
  since: { sold: number; restored: number } | undefined,
): number {
  const lastSent =
    listing.targetQuantity === null
      ? (listing.platformQuantity ?? 0)
      : listing.targetQuantity - listing.heldBack;
  return Math.max(0, lastSent - (since?.sold ?? 0) + (since?.restored ?? 0));
}
