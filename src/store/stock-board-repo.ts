/**
 * Read models for the stock board's per-warehouse view (`view=warehouse`): one row per plain SKU
 * per warehouse (a SKU never stocked in a warehouse shows zeros there), filterable by status,
 * warehouse and text, sorted and paged in SQL. Status rules are the domain's (stock-level.ts),
 * restated here as SQL so filters and paging agree. The one-row-per-SKU view is
 * stock-board-sku-view.ts.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { StockStatus } from '../domain/stock-level.ts';
import { anyColumnContains } from './like-pattern.ts';
import type { DB } from './schema.ts';

export const STOCK_SORT_KEYS = [
  'sku',
  'name',
  'warehouse',
  'onHand',
  'reserved',
  'available',
] as const;
export type StockSortKey = (typeof STOCK_SORT_KEYS)[number];

export interface StockBoardQuery {
  warehouse?: string;
  statuses?: readonly StockStatus[];
  /** Matches SKU code, name or barcode, case-insensitively (ASCII), as a substring. */
  text?: string;
  sort: StockSortKey;
  descending: boolean;
  limit: number;
  offset: number;
}

export interface StockBoardRow {
  sku: string;
  name: string;
  warehouse: string;
  onHand: number;
  reserved: number;
  lowStockThreshold: number;
}

const AVAILABLE = sql<number>`(coalesce(l.on_hand, 0) - coalesce(l.reserved, 0))`;
const THRESHOLD = sql<number>`coalesce(s.low_stock_threshold, t.low_stock_threshold)`;

const SORT_COLUMNS: Record<StockSortKey, Expression<unknown>> = {
  sku: sql`s.code`,
  name: sql`s.name`,
  warehouse: sql`w.code`,
  onHand: sql`coalesce(l.on_hand, 0)`,
  reserved: sql`coalesce(l.reserved, 0)`,
  available: AVAILABLE,
};

/**
 * stockStatusOf (domain/stock-level.ts) as a SQL condition over an available and a threshold
 * expression: zero ≤ 0, low below the threshold, normal otherwise. Both board views use it.
 */
export function stockStatusCondition(
  status: StockStatus,
  available: Expression<number>,
  threshold: Expression<number>,
): Expression<SqlBool> {
  switch (status) {
    case 'zero':
      return sql<SqlBool>`${available} <= 0`;
    case 'low':
      return sql<SqlBool>`(${available} > 0 and ${available} < ${threshold})`;
    case 'normal':
      return sql<SqlBool>`(${available} > 0 and ${available} >= ${threshold})`;
  }
}

function boardBase(
  db: Kysely<DB>,
  tenantId: string,
  q: Omit<StockBoardQuery, 'sort' | 'descending' | 'limit' | 'offset'>,
) {
  let base = db
    .selectFrom('skus as s')
    .innerJoin('tenants as t', 't.id', 's.tenant_id')
    .innerJoin('warehouses as w', 'w.tenant_id', 's.tenant_id')
    .leftJoin('stock_levels as l', (join) =>
      join
        .onRef('l.tenant_id', '=', 's.tenant_id')
        .onRef('l.sku_id', '=', 's.id')
        .onRef('l.warehouse_id', '=', 'w.id'),
    )
    .where('s.tenant_id', '=', tenantId)
    .where('s.is_bundle', '=', 0);
  if (q.warehouse !== undefined) base = base.where('w.code', '=', q.warehouse);
  if (q.text) {
    base = base.where(anyColumnContains(['s.code', 's.name', 's.barcode'], q.text));
  }
  if (q.statuses && q.statuses.length > 0) {
    const conditions = q.statuses.map((s) => stockStatusCondition(s, AVAILABLE, THRESHOLD));
    base = base.where((eb) => eb.or(conditions));
  }
  return base;
}

export async function listStockBoard(
  db: Kysely<DB>,
  tenantId: string,
  q: StockBoardQuery,
): Promise<{ rows: StockBoardRow[]; total: number }> {
  const base = boardBase(db, tenantId, q);
  const direction = q.descending ? sql`desc` : sql`asc`;
  const rows = await base
    .select([
      's.code as sku',
      's.name as name',
      'w.code as warehouse',
      sql<number>`coalesce(l.on_hand, 0)`.as('on_hand'),
      sql<number>`coalesce(l.reserved, 0)`.as('reserved'),
      THRESHOLD.as('threshold'),
    ])
    .orderBy(sql`${SORT_COLUMNS[q.sort]} ${direction}`)
    .orderBy('s.code')
    .orderBy('w.code')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const count = await base
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    rows: rows.map((r) => ({
      sku: r.sku,
      name: r.name,
      warehouse: r.warehouse,
      onHand: Number(r.on_hand),
      reserved: Number(r.reserved),
      lowStockThreshold: Number(r.threshold),
    })),
    total: Number(count.n),
  };
}

/** On hand and reserved of the given SKUs (by id) in every warehouse of the tenant, zeros included. */
export async function levelsByWarehouse(
  db: Kysely<DB>,
  tenantId: string,
  skuIds: readonly number[],
): Promise<{ warehouse: string; skuId: number; onHand: number; reserved: number }[]> {
  if (skuIds.length === 0) return [];
  const rows = await db
    .selectFrom('warehouses as w')
    .innerJoin('skus as s', 's.tenant_id', 'w.tenant_id')
    .leftJoin('stock_levels as l', (join) =>
      join
        .onRef('l.tenant_id', '=', 'w.tenant_id')
        .onRef('l.sku_id', '=', 's.id')
        .onRef('l.warehouse_id', '=', 'w.id'),
    )
    .select([
      'w.code as warehouse',
      's.id as sku_id',
      sql<number>`coalesce(l.on_hand, 0)`.as('on_hand'),
      sql<number>`coalesce(l.reserved, 0)`.as('reserved'),
    ])
    .where('w.tenant_id', '=', tenantId)
    .where('s.id', 'in', [...skuIds])
    .orderBy('w.code')
    .execute();
  return rows.map((r) => ({
    warehouse: r.warehouse,
    skuId: Number(r.sku_id),
    onHand: Number(r.on_hand),
    reserved: Number(r.reserved),
  }));
}
