/**
 * From changed SKUs to listings that need a push: the SKU's own listings and those of every
 * bundle it is part of (a component sold elsewhere lowers the bundle too).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { markListingsForPush } from '../store/sync-queue-repo.ts';

/**
 * Marks listings of one shop for a push, answering a change that began at `originAtMs` (now by
 * default); a new queue row is due at `dueAtMs` (now by default), one already waiting keeps its time.
 */
export async function markShopListingsForPush(
  db: Kysely<DB>,
  shop: { tenantId: string; shopId: string },
  listingIds: readonly string[],
  at: { nowMs: number; originAtMs?: number; dueAtMs?: number },
): Promise<void> {
  const originAtMs = at.originAtMs ?? at.nowMs;
  await markListingsForPush(
    db,
    listingIds.map((listingId) => ({
      listingId,
      tenantId: shop.tenantId,
      shopId: shop.shopId,
      originAtMs,
    })),
    at.nowMs,
    at.dueAtMs,
  );
}

/**
 * Marks every listing of the SKUs (and of the bundles containing them) for a push: their figures
 * changed, so a listing whose last push became a dead letter is pushed again too (a Lazada Choice
 * listing that refused a decrease takes a later increase).
 */
export async function markSkusForPush(
  db: Kysely<DB>,
  change: { tenantId: string; skuIds: number[]; originAtMs: number; nowMs: number },
): Promise<number> {
  if (change.skuIds.length === 0) return 0;
  const bundles = await db
    .selectFrom('bundle_components')
    .select('bundle_sku_id')
    .distinct()
    .where('tenant_id', '=', change.tenantId)
    .where('component_sku_id', 'in', change.skuIds)
    .execute();
  const skuIds = [...new Set([...change.skuIds, ...bundles.map((b) => Number(b.bundle_sku_id))])];
  const listings = await db
    .selectFrom('listings as l')
    .innerJoin('shops as s', 's.id', 'l.shop_id')
    .select(['l.id', 'l.shop_id'])
    .where('l.tenant_id', '=', change.tenantId)
    .where('l.sku_id', 'in', skuIds)
    .where('s.status', '=', 'active')
    .execute();
  await markListingsForPush(
    db,
    listings.map((l) => ({
      listingId: l.id,
      tenantId: change.tenantId,
      shopId: l.shop_id,
      originAtMs: change.originAtMs,
    })),
    change.nowMs,
    change.nowMs,
    { reviveDeadLetters: true },
  );
  return listings.length;
}

/**
 * The platform changed what one order's listings show by itself: placing an order moves its units
 * from available to committed there, cancelling moves them back (tiktok-shop.md §1.7–1.8,
 * shopee.md §2.8). Usually StockPool's target moves the same way and the next push goes out. But
 * when it does not (an order abandoned for lack of stock, a hold that expired before the push to
 * the ordering shop went out, an order first seen cancelled), the push was skipped as "already
 * shown" and the platform went on showing a figure StockPool never sent: units that do not exist
 * after an out-of-stock cancellation, or a unit hidden after an expiry. So the last pushed figure
 * of the order's listings is forgotten (null: unknown) and a push is queued that will be sent.
 */
export async function forgetShownFigures(
  db: Kysely<DB>,
  change: { tenantId: string; shopId: string; listingIds: string[]; nowMs: number },
): Promise<number> {
  const { listingIds } = change;
  if (listingIds.length === 0) return 0;
  await db
    .updateTable('listings')
    .set({ pushed_quantity: null })
    .where('id', 'in', listingIds)
    .execute();
  await markShopListingsForPush(db, change, listingIds, { nowMs: change.nowMs });
  return listingIds.length;
}

/** forgetShownFigures for the mapped listings of one order (a cancellation sent by StockPool). */
export async function forgetShownFiguresOfOrder(
  db: Kysely<DB>,
  order: { tenantId: string; shopId: string; orderId: string; nowMs: number },
): Promise<number> {
  const rows = await db
    .selectFrom('channel_order_lines as ol')
    .innerJoin('listings as l', 'l.id', 'ol.listing_id')
    .select('l.id')
    .distinct()
    .where('ol.order_id', '=', order.orderId)
    .where('l.sku_id', 'is not', null)
    .execute();
  return forgetShownFigures(db, { ...order, listingIds: rows.map((r) => r.id) });
}
