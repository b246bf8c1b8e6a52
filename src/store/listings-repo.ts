/**
 * Listings: a platform item / variant of one shop, mapped to one master SKU (or bundle) with a
 * units-per-listing multiplier, or unmatched (sku_id null) until the seller maps it.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from './schema.ts';

export type MatchState = 'auto' | 'manual' | 'unmatched';

export interface ListingRecord {
  id: string;
  tenantId: string;
  shopId: string;
  itemId: string;
  variantId: string;
  sellerSku: string;
  title: string;
  skuId: number | null;
  skuCode: string | null;
  unitsPerListing: number;
  matchState: MatchState;
  targetQuantity: number | null;
  pushedQuantity: number | null;
  pushedAtMs: number | null;
  platformQuantity: number | null;
  checkedAtMs: number | null;
  outOfSyncSinceMs: number | null;
  /** Listings the last push held back for unread orders. */
  heldBack: number;
  /** Its only stock is in a warehouse the platform runs (Amazon FBA): never pushed. */
  fulfilledByPlatform: boolean;
}

type Row = Selectable<DB['listings']> & { sku_code: string | null };

const n = (v: number | null): number | null => (v === null ? null : Number(v));

function toRecord(r: Row): ListingRecord {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    shopId: r.shop_id,
    itemId: r.item_id,
    variantId: r.variant_id,
    sellerSku: r.seller_sku,
    title: r.title,
    skuId: n(r.sku_id),
    skuCode: r.sku_code,
    unitsPerListing: r.units_per_listing,
    matchState: r.match_state as MatchState,
    targetQuantity: n(r.target_quantity),
    pushedQuantity: n(r.pushed_quantity),
    pushedAtMs: n(r.pushed_at),
    platformQuantity: n(r.platform_quantity),
    checkedAtMs: n(r.checked_at),
    outOfSyncSinceMs: n(r.out_of_sync_since),
    heldBack: Number(r.held_back),
    fulfilledByPlatform: Number(r.fulfilled_by_platform) === 1,
  };
}

function selectListings(db: Kysely<DB>) {
  return db
    .selectFrom('listings as l')
    .leftJoin('skus as s', 's.id', 'l.sku_id')
    .selectAll('l')
    .select('s.code as sku_code');
}

export interface CatalogueEntry {
  itemId: string;
  variantId: string;
  sellerSku: string;
  title: string;
  /** The master SKU its seller SKU code matched, or null. */
  skuId: number | null;
  /**
   * The platform reports stock for it only in warehouses it runs (see ListingRecord); absent where
   * the caller does not know (a listing first seen in an order), which keeps the stored value.
   */
  fulfilledByPlatform?: boolean;
}

/**
 * Inserts listings not seen before (matched by seller SKU code, or unmatched) and refreshes the
 * title and seller SKU of known ones. A mapping the seller made by hand is never overwritten.
 * Returns how many were new.
 */
export async function upsertCatalogue(
  db: Kysely<DB>,
  shop: { tenantId: string; shopId: string; nowMs: number; newId: () => string },
  entries: CatalogueEntry[],
): Promise<number> {
  let inserted = 0;
  for (const e of entries) {
    const id = shop.newId();
    const r = await db
      .insertInto('listings')
      .values({
        id,
        tenant_id: shop.tenantId,
        shop_id: shop.shopId,
        item_id: e.itemId,
        variant_id: e.variantId,
        seller_sku: e.sellerSku,
        title: e.title,
        sku_id: e.skuId,
        units_per_listing: 1,
        match_state: e.skuId === null ? 'unmatched' : 'auto',
        fulfilled_by_platform: e.fulfilledByPlatform ? 1 : 0,
        created_at: shop.nowMs,
        updated_at: shop.nowMs,
      })
      .onConflict((oc) =>
        oc.columns(['shop_id', 'item_id', 'variant_id']).doUpdateSet({
          seller_sku: e.sellerSku,
          title: e.title,
          ...(e.fulfilledByPlatform === undefined
            ? {}
            : { fulfilled_by_platform: e.fulfilledByPlatform ? 1 : 0 }),
          updated_at: shop.nowMs,
        }),
      )
      // The row keeps its first id: the one given here comes back only when the row is new.
      .returning('id')
      .executeTakeFirst();
    if (r?.id === id) inserted += 1;
  }
  return inserted;
}

export async function findListingByRef(
  db: Kysely<DB>,
  ref: { shopId: string; itemId: string; variantId: string },
): Promise<ListingRecord | null> {
  const row = await selectListings(db)
    .where('l.shop_id', '=', ref.shopId)
    .where('l.item_id', '=', ref.itemId)
    .where('l.variant_id', '=', ref.variantId)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

/**
 * The shop's listings with these item ids, keyed `itemId\u0000variantId` (one query for a batch of
 * order lines; see listingRefKey).
 */
export async function findListingsByItemIds(
  db: Kysely<DB>,
  shopId: string,
  itemIds: string[],
): Promise<Map<string, ListingRecord>> {
  if (itemIds.length === 0) return new Map();
  const rows = await selectListings(db)
    .where('l.shop_id', '=', shopId)
    .where('l.item_id', 'in', itemIds)
    .execute();
  return new Map(rows.map((r) => [listingRefKey(r.item_id, r.variant_id), toRecord(r)]));
}

export function listingRefKey(itemId: string, variantId: string): string {
  return `${itemId}\u0000${variantId}`;
}

export async function findListing(
  db: Kysely<DB>,
  tenantId: string,
  listingId: string,
): Promise<ListingRecord | null> {
  const row = await selectListings(db)
    .where('l.tenant_id', '=', tenantId)
    .where('l.id', '=', listingId)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

export interface ListingQuery {
  tenantId: string;
  shopId?: string;
  unmatchedOnly?: boolean;
  skuId?: number;
  limit: number;
  /** The last id of the previous page. */
  after?: string;
}

export async function listListings(db: Kysely<DB>, q: ListingQuery): Promise<ListingRecord[]> {
  let query = selectListings(db).where('l.tenant_id', '=', q.tenantId);
  if (q.shopId) query = query.where('l.shop_id', '=', q.shopId);
  if (q.unmatchedOnly) query = query.where('l.sku_id', 'is', null);
  if (q.skuId !== undefined) query = query.where('l.sku_id', '=', q.skuId);
  if (q.after) query = query.where('l.id', '>', q.after);
  const rows = await query.orderBy('l.id').limit(q.limit).execute();
  return rows.map(toRecord);
}

/** Every matched listing of these SKUs (for working out targets), all shops of the tenant. */
export async function listingsOfSkus(
  db: Kysely<DB>,
  tenantId: string,
  skuIds: number[],
): Promise<ListingRecord[]> {
  if (skuIds.length === 0) return [];
  const rows = await selectListings(db)
    .where('l.tenant_id', '=', tenantId)
    .where('l.sku_id', 'in', skuIds)
    .execute();
  return rows.map(toRecord);
}

export async function findListingsByIds(
  db: Kysely<DB>,
  listingIds: string[],
): Promise<ListingRecord[]> {
  if (listingIds.length === 0) return [];
  const rows = await selectListings(db).where('l.id', 'in', listingIds).execute();
  return rows.map(toRecord);
}

export async function mapListing(
  db: Kysely<DB>,
  listing: { tenantId: string; listingId: string },
  mapping: { skuId: number | null; unitsPerListing: number; nowMs: number },
): Promise<boolean> {
  const r = await db
    .updateTable('listings')
    .set({
      sku_id: mapping.skuId,
      units_per_listing: mapping.unitsPerListing,
      match_state: mapping.skuId === null ? 'unmatched' : 'manual',
      updated_at: mapping.nowMs,
    })
    .where('tenant_id', '=', listing.tenantId)
    .where('id', '=', listing.listingId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** After the platform confirmed a push. */
export async function recordPushed(
  db: Kysely<DB>,
  listingId: string,
  push: { quantity: number; nowMs: number },
): Promise<void> {
  await db
    .updateTable('listings')
    .set({
      target_quantity: push.quantity,
      pushed_quantity: push.quantity,
      pushed_at: push.nowMs,
      out_of_sync_since: null,
    })
    .where('id', '=', listingId)
    .execute();
}

export async function recordTarget(
  db: Kysely<DB>,
  listingId: string,
  quantity: number,
): Promise<void> {
  await db
    .updateTable('listings')
    .set({ target_quantity: quantity })
    .where('id', '=', listingId)
    .execute();
}

/** A push failed: the listing is out of sync from the first failure on. */
export async function markOutOfSync(
  db: Kysely<DB>,
  listingId: string,
  sinceMs: number,
): Promise<void> {
  await db
    .updateTable('listings')
    .set({ out_of_sync_since: sinceMs })
    .where('id', '=', listingId)
    .where('out_of_sync_since', 'is', null)
    .execute();
}

/** Reconciliation read what the platform shows. */
export async function recordChecked(
  db: Kysely<DB>,
  listingId: string,
  check: { platformQuantity: number; nowMs: number },
): Promise<void> {
  await db
    .updateTable('listings')
    .set({ platform_quantity: check.platformQuantity, checked_at: check.nowMs })
    .where('id', '=', listingId)
    .execute();
}

/** Listings of the shop whose last push held units back for unread orders (see unread-order-reserve). */
export async function listingsHeldBack(db: Kysely<DB>, shopId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('listings')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('held_back', '>', 0)
    .execute();
  return rows.map((r) => r.id);
}

/** The figure the platform shows is the full target again (nothing held back any more). */
export async function clearHeldBack(
  db: Kysely<DB>,
  listingId: string,
  targetQuantity: number,
): Promise<void> {
  await db
    .updateTable('listings')
    .set({ held_back: 0, target_quantity: targetQuantity })
    .where('id', '=', listingId)
    .execute();
}
