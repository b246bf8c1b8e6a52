/**
 * What each listing should show now, from the stock pool: per SKU (or bundle) and warehouse the
 * available units are allocated among the shops that list it and may ship from that warehouse
 * (domain/allocation; in two levels when shops are grouped: the SKU's policy among ungrouped shops
 * and groups, each group's policy among its members), then each listing shows its shop's shares
 * over its eligible warehouses in whole listings. Read fresh at push time, so a push never carries an older snapshot than the
 * orders already applied.
 */
import type { Kysely } from 'kysely';
import {
  allocateGrouped,
  bundleAvailableInWarehouse,
  listingQuantity,
  type AllocationPolicy,
  type GroupedAllocationResult,
  type ShopGroupSpec,
} from '../domain/allocation/index.ts';
import type { BundleComponent } from '../domain/bundles.ts';
import type { ListingRecord } from '../store/listings-repo.ts';
import type { DB } from '../store/schema.ts';
import type { ShopRecord } from '../store/shops-repo.ts';
import { holdBackForUnreadOrders } from '../domain/sync/unread-order-reserve.ts';
import { groupsFor, policiesFor } from './allocation-policies.ts';
import { BURST_QUIET_MS, inBurst, readDemand, type Demand } from './demand.ts';

export interface ListingTarget {
  listingId: string;
  /** Total the listing shows. */
  quantity: number;
  /** Per platform warehouse (null: the shop's only one). */
  stock: Array<{ warehouseId: string | null; quantity: number }>;
  /**
   * False while the SKU is in a burst (demand.ts): the figure must not rise above what was last
   * sent (a split share moving to this shop may be units sold elsewhere in orders on their way;
   * a platform figure below target may be such orders).
   */
  riseAllowed: boolean;
  /** When the burst ends if nothing more sells (null: not in a burst). */
  burstEndsAtMs: number | null;
}

export interface SkuAllocation {
  skuId: number;
  policy: AllocationPolicy;
  /** See ListingTarget.burstEndsAtMs. */
  burstEndsAtMs: number | null;
  /** Per warehouse id; with no shop group taking part, exactly allocateWarehouse's result. */
  byWarehouse: Map<number, GroupedAllocationResult>;
  /** Per warehouse id, the SKU's (or bundle's) available units before unread orders are left out. */
  availableByWarehouse: Map<number, number>;
}

/** Targets for the given listings (all of one tenant); `shops` must hold every listing's shop. */
export async function computeTargets(
  db: Kysely<DB>,
  tenantId: string,
  listings: ListingRecord[],
  shops: Map<string, ShopRecord>,
  nowMs: number,
): Promise<ListingTarget[]> {
  return (await computeTargetsWithAllocations(db, tenantId, listings, shops, nowMs)).targets;
}

/** computeTargets, with the allocation of each SKU the targets came from. */
export async function computeTargetsWithAllocations(
  db: Kysely<DB>,
  tenantId: string,
  listings: ListingRecord[],
  shops: Map<string, ShopRecord>,
  nowMs: number,
): Promise<{ targets: ListingTarget[]; allocations: Map<number, SkuAllocation> }> {
  const skuIds = [
    ...new Set(listings.map((l) => l.skuId).filter((id): id is number => id !== null)),
  ];
  const allocations = await allocateSkus(db, tenantId, skuIds, shops, nowMs);
  const targets = listings.map((listing) =>
    targetOf(listing, shops.get(listing.shopId), allocations),
  );
  return { targets, allocations };
}

/**
 * Whether the shop's figure for this SKU is a split share in a burst: it must not rise above
 * what was last sent. Shared (as asked, or as adaptive applies it now) shows the pool as it is:
 * it rises only when the pool does (a receipt, a return). A grouped shop counts as split when its
 * group's level or the SKU's level split it.
 */
export function splitInBurst(allocation: SkuAllocation, shop: ShopRecord): boolean {
  return (
    allocation.burstEndsAtMs !== null &&
    shop.warehouses.some((w) => {
      const result = allocation.byWarehouse.get(w.warehouseId);
      return (result?.modeByShop.get(shop.id) ?? result?.modeUsed) === 'partitioned';
    })
  );
}

function targetOf(
  listing: ListingRecord,
  shop: ShopRecord | undefined,
  allocations: Map<number, SkuAllocation>,
): ListingTarget {
  const allocation = listing.skuId === null ? undefined : allocations.get(listing.skuId);
  if (!shop || !allocation)
    return {
      listingId: listing.id,
      quantity: 0,
      stock: [{ warehouseId: null, quantity: 0 }],
      riseAllowed: true,
      burstEndsAtMs: null,
    };
  const groups = new Map<string | null, number[]>();
  // What a platform-run warehouse holds the platform shows by itself: never pushed.
  for (const w of shop.warehouses.filter((sw) => !sw.platformRun))
    groups.set(w.platformWarehouseId, [
      ...(groups.get(w.platformWarehouseId) ?? []),
      w.warehouseId,
    ]);
  const stock = [...groups].map(([warehouseId, ids]) => ({
    warehouseId,
    quantity: listingQuantity({
      shareByWarehouse: new Map(
        ids.map((id) => [id, allocation.byWarehouse.get(id)?.shares.get(shop.id) ?? 0]),
      ),
      eligibleWarehouseIds: ids,
      unitsPerListing: listing.unitsPerListing,
    }),
  }));
  if (stock.length === 0) stock.push({ warehouseId: null, quantity: 0 });
  return {
    listingId: listing.id,
    quantity: stock.reduce((sum, s) => sum + s.quantity, 0),
    stock,
    riseAllowed: !splitInBurst(allocation, shop),
    burstEndsAtMs: allocation.burstEndsAtMs,
  };
}

/**
 * Allocation of each SKU in each warehouse among the shops listing it, and their groups (the
 * tenant's groups are read once per call). Policies that may split the pool (partitioned,
 * adaptive; the SKU's or a taking-part group's) see it less the tenant's unread orders (see
 * demand.ts); adaptive, at either level, compares its pool with the SKU's recent sales rate.
 */
export async function allocateSkus(
  db: Kysely<DB>,
  tenantId: string,
  skuIds: number[],
  shops: Map<string, ShopRecord>,
  nowMs: number,
): Promise<Map<number, SkuAllocation>> {
  const result = new Map<number, SkuAllocation>();
  if (skuIds.length === 0) return result;
  const [components, listers, policies, groups] = await Promise.all([
    componentsOf(db, tenantId, skuIds),
    shopsListing(db, tenantId, skuIds),
    policiesFor(db, tenantId, skuIds),
    groupsFor(db, tenantId),
  ]);
  const demand: Demand = await readDemand(db, tenantId, skuIds, nowMs);
  const stockSkuIds = [
    ...new Set([...skuIds, ...[...components.values()].flat().map((c) => c.skuId)]),
  ];
  const available = await availableBySkuAndWarehouse(db, tenantId, stockSkuIds);
  const availableOf = (skuId: number, warehouseId: number) =>
    available.get(`${skuId}:${warehouseId}`) ?? 0;
  for (const skuId of skuIds) {
    const policy = policies.get(skuId) ?? { mode: 'shared' };
    const byWarehouse = new Map<number, GroupedAllocationResult>();
    const shopIds = listers.get(skuId) ?? [];
    const warehouseIds = warehousesOf(shopIds, shops);
    const bundle = components.get(skuId);
    const unitsIn = (warehouseId: number) =>
      bundle
        ? bundleAvailableInWarehouse(bundle, warehouseId, availableOf)
        : availableOf(skuId, warehouseId);
    const availableByWarehouse = new Map(warehouseIds.map((id) => [id, unitsIn(id)]));
    // Split pools leave out the unread orders, taken where most stock is.
    const pools = holdBackForUnreadOrders(
      [...availableByWarehouse].map(([warehouseId, quantity]) => ({ warehouseId, quantity })),
      maySplit(policy, groups, shopIds) ? demand.unreadOrders : 0,
    );
    for (const { warehouseId, quantity } of pools) {
      const eligible = shopIds.filter((id) =>
        shops.get(id)?.warehouses.some((w) => w.warehouseId === warehouseId),
      );
      byWarehouse.set(
        warehouseId,
        allocateGrouped({
          available: quantity,
          shops: eligible,
          policy,
          groups,
          expectedSalesPerSecond: demand.salesPerSecond.get(skuId) ?? 0,
        }),
      );
    }
    const burstEndsAtMs = inBurst(demand, skuId, nowMs)
      ? Math.max(nowMs, demand.lastSaleAtMs.get(skuId) ?? nowMs) + BURST_QUIET_MS
      : null;
    result.set(skuId, { skuId, policy, byWarehouse, availableByWarehouse, burstEndsAtMs });
  }
  return result;
}

/**
 * Whether any level may split this SKU's pool: its own policy, or the policy of a group one of
 * its listers is in. The unread orders are then left out of the whole warehouse's pool (also
 * from ungrouped shops under a shared SKU policy: fewer units shown, never more).
 */
function maySplit(
  policy: AllocationPolicy,
  groups: readonly ShopGroupSpec[],
  shopIds: readonly string[],
): boolean {
  if (policy.mode !== 'shared') return true;
  const listers = new Set(shopIds);
  return groups.some((g) => g.policy.mode !== 'shared' && g.shopIds.some((s) => listers.has(s)));
}

function warehousesOf(shopIds: string[], shops: Map<string, ShopRecord>): number[] {
  return [
    ...new Set(shopIds.flatMap((id) => shops.get(id)?.warehouses.map((w) => w.warehouseId) ?? [])),
  ];
}

async function componentsOf(db: Kysely<DB>, tenantId: string, skuIds: number[]) {
  const rows = await db
    .selectFrom('bundle_components')
    .select(['bundle_sku_id', 'component_sku_id', 'quantity'])
    .where('tenant_id', '=', tenantId)
    .where('bundle_sku_id', 'in', skuIds)
    .execute();
  const byBundle = new Map<number, BundleComponent[]>();
  for (const r of rows) {
    const list = byBundle.get(Number(r.bundle_sku_id)) ?? [];
    list.push({ skuId: Number(r.component_sku_id), quantity: r.quantity });
    byBundle.set(Number(r.bundle_sku_id), list);
  }
  return byBundle;
}

async function shopsListing(db: Kysely<DB>, tenantId: string, skuIds: number[]) {
  const rows = await db
    .selectFrom('listings')
    .select(['sku_id', 'shop_id'])
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('sku_id', 'in', skuIds)
    .execute();
  const bySku = new Map<number, string[]>();
  for (const r of rows)
    bySku.set(Number(r.sku_id), [...(bySku.get(Number(r.sku_id)) ?? []), r.shop_id]);
  return bySku;
}

async function availableBySkuAndWarehouse(db: Kysely<DB>, tenantId: string, skuIds: number[]) {
  const rows = await db
    .selectFrom('stock_levels')
    .select(['sku_id', 'warehouse_id', 'on_hand', 'reserved'])
    .where('tenant_id', '=', tenantId)
    .where('sku_id', 'in', skuIds)
    .execute();
  return new Map(
    rows.map((r) => [`${r.sku_id}:${r.warehouse_id}`, Number(r.on_hand) - Number(r.reserved)]),
  );
}
