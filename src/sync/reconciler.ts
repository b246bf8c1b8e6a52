/**
 * Reconciliation (PRODUCT.md §1: every 30 s, a difference fixed within a minute): reads what the
 * platform shows for every listing of a shop, page by page as the API allows, compares it with the
 * target computed from the pool, records each drift and queues a correcting push. New platform
 * listings are added on the way (matched by seller SKU code, or listed as unmatched). Each run is
 * recorded for the sync-accuracy figure.
 */
import type { Kysely } from 'kysely';
import type { PlatformListing } from '../connectors/contract.ts';
import type { InventoryService } from '../inventory/inventory-service.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import { shopsWithPendingEvents } from '../store/inbox-repo.ts';
import { findListingByRef, recordChecked, type ListingRecord } from '../store/listings-repo.ts';
import type { DB } from '../store/schema.ts';
import type { ShopRecord } from '../store/shops-repo.ts';
import { appendSyncLog, insertReconcileRun, type SyncLogEntry } from '../store/sync-log-repo.ts';
import { markShopListingsForPush } from './push-marks.ts';
import { addPlatformListings } from './catalogue-import.ts';
import { computeTargets } from './listing-targets.ts';
import {
  applyPlatformRunStock,
  collectPlatformRunStock,
  type PlatformRunReports,
} from './platform-run-stock.ts';
import type { ShopConnectors } from './shop-connectors.ts';

export interface ReconcilerDeps {
  db: Kysely<DB>;
  /** Records the stock a platform reports for the warehouses it runs (platform-run-stock.ts). */
  inventory: InventoryService;
  connectors: ShopConnectors;
  clock: Clock;
  ids: Ids;
  tenantShops: (tenantId: string) => Promise<Map<string, ShopRecord>>;
}

export interface ReconcileSummary {
  checked: number;
  matched: number;
  corrections: number;
  added: number;
}

/** Most catalogue pages read in one run (100 per page on both platforms: 100,000 listings). */
const MAX_PAGES = 1_000;

export async function reconcileShop(
  deps: ReconcilerDeps,
  shop: ShopRecord,
): Promise<ReconcileSummary> {
  const startedAtMs = deps.clock.nowMs();
  const summary: ReconcileSummary = { checked: 0, matched: 0, corrections: 0, added: 0 };
  let error: string | null = null;
  const platformRun: PlatformRunReports = new Map();
  try {
    const connector = deps.connectors.connectorFor(shop);
    let token: string | null = null;
    let complete = false;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await connector.listCatalog(token);
      await reconcilePage(deps, shop, result.items, summary, platformRun);
      token = result.nextPageToken;
      if (!token) {
        complete = true;
        break;
      }
    }
    // Only a whole catalogue gives a SKU's whole figure (its listings may be on several pages).
    if (complete && platformRun.size > 0)
      await applyPlatformRunStock(deps, shop, platformRun, startedAtMs);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  await insertReconcileRun(deps.db, {
    tenantId: shop.tenantId,
    shopId: shop.id,
    startedAtMs,
    finishedAtMs: deps.clock.nowMs(),
    listingsChecked: summary.checked,
    listingsMatched: summary.matched,
    corrections: summary.corrections,
    error,
  });
  return summary;
}

async function reconcilePage(
  deps: ReconcilerDeps,
  shop: ShopRecord,
  items: PlatformListing[],
  summary: ReconcileSummary,
  platformRun: PlatformRunReports,
): Promise<void> {
  summary.added += await addPlatformListings(deps, shop, items);
  const pairs: Array<{ listing: ListingRecord; shown: number }> = [];
  // A listing with a push on its way is not drift: the push will set it (or fail and alert).
  const pending = new Set(
    (
      await deps.db
        .selectFrom('push_queue')
        .select('listing_id')
        .where('shop_id', '=', shop.id)
        .where('dead', '=', 0)
        .execute()
    ).map((r) => r.listing_id),
  );
  for (const item of items) {
    const listing = await findListingByRef(deps.db, {
      shopId: shop.id,
      itemId: item.itemId,
      variantId: item.variantId,
    });
    // Stock in a warehouse the platform runs (Amazon FBA) is the platform's to show: never pushed,
    // so never compared with what StockPool would push.
    const ownStock = item.stock.filter((w) => !w.platformRun);
    if (listing) collectPlatformRunStock(shop, listing, item, platformRun);
    if (listing && listing.skuId !== null && !pending.has(listing.id) && ownStock.length > 0)
      pairs.push({ listing, shown: ownStock.reduce((s, w) => s + w.available, 0) });
  }
  // Orders of this shop not applied yet would look like drift: compare only when all are in.
  if (pairs.length === 0 || (await shopsWithPendingEvents(deps.db, [shop.id])).size > 0) return;
  // A listing whose push is queued and not failing is on its way to the target: the platform
  // still showing the previous figure is propagation, not drift. Counting it made every run that
  // overlapped pushes (the first one after a catalogue import, any run in a busy hour) report
  // false drift, lower the accuracy figure and queue a needless second push.
  const inFlight = await listingsWithQueuedPush(
    deps.db,
    pairs.map((p) => p.listing.id),
  );
  const compared = pairs.filter((p) => !inFlight.has(p.listing.id));
  if (compared.length === 0) return;
  const targets = new Map(
    (
      await computeTargets(
        deps.db,
        shop.tenantId,
        compared.map((p) => p.listing),
        await deps.tenantShops(shop.tenantId),
        deps.clock.nowMs(),
      )
    ).map((t) => [t.listingId, t]),
  );
  const nowMs = deps.clock.nowMs();
  const drifts: SyncLogEntry[] = [];
  for (const { listing, shown } of compared) {
    const fresh = targets.get(listing.id);
    const target = fresh?.quantity ?? 0;
    // Below target during a burst is most likely orders on their way, not drift: raising it now
    // would be the stale upward push. The next run, after the burst, checks it.
    if (shown < target && fresh !== undefined && fresh.burstEndsAtMs !== null) continue;
    summary.checked += 1;
    await recordChecked(deps.db, listing.id, { platformQuantity: shown, nowMs });
    if (shown === target) {
      summary.matched += 1;
      continue;
    }
    summary.corrections += 1;
    drifts.push({
      tenantId: shop.tenantId,
      shopId: shop.id,
      listingId: listing.id,
      kind: 'drift',
      quantity: target,
      previousQuantity: shown,
      atMs: nowMs,
    });
    // What the platform really shows replaces what we last pushed, so the push is not skipped.
    await deps.db
      .updateTable('listings')
      .set({ pushed_quantity: shown })
      .where('id', '=', listing.id)
      .execute();
  }
  await appendSyncLog(deps.db, drifts);
  await markShopListingsForPush(
    deps.db,
    { tenantId: shop.tenantId, shopId: shop.id },
    drifts.map((d) => d.listingId ?? ''),
    { nowMs },
  );
}

async function listingsWithQueuedPush(db: Kysely<DB>, listingIds: string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('push_queue')
    .select('listing_id')
    .where('listing_id', 'in', listingIds)
    .where('dead', '=', 0)
    .where('attempts', '=', 0)
    .execute();
  return new Set(rows.map((r) => r.listing_id));
}
