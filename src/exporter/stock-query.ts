/**
 * Reads stock for people: per SKU per warehouse with on hand, reserved, available and the stock
 * board status (zero / low / normal). Used by `stockpool stock` and `stockpool export`.
 */
import type { Kysely } from 'kysely';
import {
  effectiveLowThreshold,
  stockStatusOf,
  DEFAULT_LOW_STOCK_THRESHOLD,
  type StockStatus,
} from '../domain/stock-level.ts';
import type { DB } from '../store/schema.ts';
import { readTenantSettings } from '../store/tenant-settings-repo.ts';

/** Rows per query when walking all stock: bounds memory per round trip. */
export const STOCK_PAGE_SIZE = 5_000;

export interface StockRow {
  sku: string;
  skuName: string;
  warehouse: string;
  warehouseName: string;
  onHand: number;
  reserved: number;
  available: number;
  status: StockStatus;
}

export async function tenantLowThreshold(db: Kysely<DB>, tenantId: string): Promise<number> {
  return (await readTenantSettings(db, tenantId))?.lowStockThreshold ?? DEFAULT_LOW_STOCK_THRESHOLD;
}

function baseQuery(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('stock_levels as l')
    .innerJoin('skus as s', 's.id', 'l.sku_id')
    .innerJoin('warehouses as w', 'w.id', 'l.warehouse_id')
    .select([
      's.code as sku',
      's.name as skuName',
      's.low_stock_threshold as threshold',
      'w.code as warehouse',
      'w.name as warehouseName',
      'l.on_hand as onHand',
      'l.reserved as reserved',
    ])
    .where('l.tenant_id', '=', tenantId);
}

function toStockRow(
  r: {
    sku: string;
    skuName: string;
    threshold: number | null;
    warehouse: string;
    warehouseName: string;
    onHand: number;
    reserved: number;
  },
  tenantThreshold: number,
): StockRow {
  const onHand = Number(r.onHand);
  const reserved = Number(r.reserved);
  const available = onHand - reserved;
  const threshold = effectiveLowThreshold(r.threshold, tenantThreshold);
  const { threshold: _t, ...rest } = r;
  return { ...rest, onHand, reserved, available, status: stockStatusOf(available, threshold) };
}

/** Every stock row of the tenant, by SKU code then warehouse code, a page at a time. */
export async function* walkStockRows(db: Kysely<DB>, tenantId: string): AsyncGenerator<StockRow[]> {
  const tenantThreshold = await tenantLowThreshold(db, tenantId);
  let after: { sku: string; warehouse: string } | null = null;
  for (;;) {
    let query = baseQuery(db, tenantId);
    if (after) {
      const { sku, warehouse } = after;
      query = query.where((eb) =>
        eb.or([
          eb('s.code', '>', sku),
          eb.and([eb('s.code', '=', sku), eb('w.code', '>', warehouse)]),
        ]),
      );
    }
    const rows = await query.orderBy('s.code').orderBy('w.code').limit(STOCK_PAGE_SIZE).execute();
    if (rows.length === 0) return;
    yield rows.map((r) => toStockRow(r, tenantThreshold));
    const last = rows[rows.length - 1];
    if (!last || rows.length < STOCK_PAGE_SIZE) return;
    after = { sku: last.sku, warehouse: last.warehouse };
  }
}

/** One SKU's rows (plain SKUs; a bundle has none of its own). */
export async function readSkuStock(
  db: Kysely<DB>,
  tenantId: string,
  skuCode: string,
): Promise<StockRow[]> {
  const tenantThreshold = await tenantLowThreshold(db, tenantId);
  const rows = await baseQuery(db, tenantId)
    .where('s.code', '=', skuCode)
    .orderBy('w.code')
    .execute();
  return rows.map((r) => toStockRow(r, tenantThreshold));
}
