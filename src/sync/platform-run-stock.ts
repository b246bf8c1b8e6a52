/**
 * Stock in warehouses a platform runs itself (Amazon FBA, kind platform_fulfilled): the platform
 * reports it with the catalogue and StockPool never pushes it. When the seller keeps such a
 * warehouse in StockPool (linked to the shop under the platform's warehouse id, e.g. AMAZON_NA),
 * each reconciliation sets its on-hand from the report, as a stock-take recorded in the ledger:
 * on-hand = units the platform can still sell (+ any units a seller's own hold keeps there). The
 * platform's orders from it take nothing from the pool (order-applier.ts), so the report alone
 * moves that warehouse. Only differences are recorded, under a key per run: a replayed run
 * changes nothing.
 */
import type { PlatformListing } from '../connectors/contract.ts';
import { systemOperationKey } from '../inventory/idempotency-keys.ts';
import type { InventoryService } from '../inventory/inventory-service.ts';
import type { Clock } from '../ports/clock.ts';
import type { ListingRecord } from '../store/listings-repo.ts';
import type { DB } from '../store/schema.ts';
import type { ShopRecord } from '../store/shops-repo.ts';
import type { Kysely } from 'kysely';

/** Units the platform reports per (SKU, platform-run warehouse) over a whole run. */
export type PlatformRunReports = Map<string, { skuId: number; warehouseId: number; units: number }>;

/**
 * Adds one listing's platform-run figures to the run's reports (a 3-pack listing's packs count
 * three units each; listings of one SKU add up). Figures for a platform warehouse the shop has no
 * StockPool warehouse for are not the pool's concern.
 */
export function collectPlatformRunStock(
  shop: ShopRecord,
  listing: ListingRecord,
  item: PlatformListing,
  into: PlatformRunReports,
): void {
  if (listing.skuId === null) return;
  const houses = shop.warehouses.filter((w) => w.platformRun);
  for (const entry of item.stock.filter((s) => s.platformRun)) {
    const house =
      houses.find((w) => w.platformWarehouseId === entry.warehouseId) ??
      (houses.length === 1 && houses[0]!.platformWarehouseId === null ? houses[0] : undefined);
    if (!house) continue;
    const key = `${listing.skuId}:${house.warehouseId}`;
    const previous = into.get(key)?.units ?? 0;
    into.set(key, {
      skuId: listing.skuId,
      warehouseId: house.warehouseId,
      units: previous + Math.max(0, entry.available) * listing.unitsPerListing,
    });
  }
}

export interface PlatformRunDeps {
  db: Kysely<DB>;
  inventory: InventoryService;
  clock: Clock;
}

/** Records the run's reports as stock-takes where on-hand differs; returns how many changed. */
export async function applyPlatformRunStock(
  deps: PlatformRunDeps,
  shop: ShopRecord,
  reports: PlatformRunReports,
  runStartedAtMs: number,
): Promise<number> {
  let changed = 0;
  for (const report of reports.values()) {
    const row = await deps.db
      .selectFrom('skus as s')
      .leftJoin('stock_levels as l', (join) =>
        join.onRef('l.sku_id', '=', 's.id').on('l.warehouse_id', '=', report.warehouseId),
      )
      .select(['s.code', 's.is_bundle', 'l.on_hand', 'l.reserved'])
      .where('s.tenant_id', '=', shop.tenantId)
      .where('s.id', '=', report.skuId)
      .executeTakeFirst();
    // A bundle's stock is its components': the platform's figure for it cannot be split back.
    if (!row || Number(row.is_bundle) === 1) continue;
    const counted = report.units + Number(row.reserved ?? 0);
    if (counted === Number(row.on_hand ?? 0)) continue;
    const warehouse = shop.warehouses.find((w) => w.warehouseId === report.warehouseId);
    if (!warehouse) continue;
    const outcome = await deps.inventory.stocktake(
      { tenantId: shop.tenantId, name: `shop:${shop.platform}:${shop.name}` },
      {
        idempotencyKey: systemOperationKey(
          'platform-report',
          `${shop.id}:${report.warehouseId}:${report.skuId}`,
          String(runStartedAtMs),
        ),
        warehouse: warehouse.warehouseCode,
        reference: `${shop.platform} report`,
        note: `stock ${shop.platform} reports in ${warehouse.platformWarehouseId ?? warehouse.warehouseCode}`,
        lines: [{ sku: row.code, counted }],
      },
      { systemKey: true },
    );
    if (outcome.ok) changed += 1;
  }
  return changed;
}
