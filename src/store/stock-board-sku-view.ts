/**
 * The stock board's default view (`view=sku`): one row per SKU, plain SKUs and bundles alike.
 * A plain SKU's figures are sums over the warehouses in scope (all of the tenant's, or the one
 * asked for). A bundle has no stock of its own, so its on hand and reserved are null; its
 * available is, summed over those warehouses, what its components allow there — bundleAvailable
 * (domain/bundles.ts) per warehouse, restated in SQL so the status filter, sort and paging agree.
 */
import { sql, type Expression, type Kysely } from 'kysely';
import type { StockStatus } from '../domain/stock-level.ts';
import { anyColumnContains } from './like-pattern.ts';
import type { DB } from './schema.ts';
import { stockStatusCondition } from './stock-board-repo.ts';

export const SKU_BOARD_SORT_KEYS = ['sku', 'name', 'onHand', 'reserved', 'available'] as const;
export type SkuBoardSortKey = (typeof SKU_BOARD_SORT_KEYS)[number];

export interface SkuBoardQuery {
  /** Only this warehouse's stock (by code); without it, the sum over all the tenant's warehouses. */
  warehouse?: string;
  statuses?: readonly StockStatus[];
  /** Matches SKU code, name or barcode, case-insensitively (ASCII), as a substring. */
  text?: string;
  /** onHand and reserved put bundles (null) last in both directions. */
  sort: SkuBoardSortKey;
  descending: boolean;
  limit: number;
  offset: number;
}

export interface SkuBoardRow {
  sku: string;
  name: string;
  isBundle: boolean;
  /** null for a bundle. */
  onHand: number | null;
  /** null for a bundle. */
  reserved: number | null;
  available: number;
  lowStockThreshold: number;
}

interface Page {
  sort: 'sku' | 'name';
  descending: boolean;
  limit: number;
  offset: number;
}

/** Integer division floors here because the dividend is clamped at 0 first (no GREATEST: SQLite). */
const SELLABLE_HERE = sql<number>`min(case when l.on_hand - l.reserved > 0
  then (l.on_hand - l.reserved) / bc.quantity else 0 end)`;

/**
 * The warehouses in scope and the SKUs on the board (`cand`). With `page`, the SKUs are paged
 * here, before any figure is computed: sorting by code or name without a status filter needs no
 * figures, so the first page of 100,000 SKUs costs what its 50 rows cost.
 */
function scope(db: Kysely<DB>, tenantId: string, q: SkuBoardQuery, page: Page | null) {
  return db
    .with('wh', (d) => {
      const all = d.selectFrom('warehouses').select('id').where('tenant_id', '=', tenantId);
      return q.warehouse === undefined ? all : all.where('code', '=', q.warehouse);
    })
    .with(
      (cte) => (page ? cte('cand').materialized() : cte('cand')),
      (d) => {
        let c = d
          .selectFrom('skus as s')
          .select(['s.id', 's.code', 's.name', 's.is_bundle', 's.low_stock_threshold'])
          .where('s.tenant_id', '=', tenantId)
          // An unknown warehouse holds no SKUs, as in the per-warehouse view.
          .where((eb) => eb.exists(eb.selectFrom('wh').select('wh.id')));
        if (q.text) c = c.where(anyColumnContains(['s.code', 's.name', 's.barcode'], q.text));
        if (!page) return c;
        return c
          .orderBy(orderTerm(page.sort === 'sku' ? 's.code' : 's.name', page.descending))
          .orderBy('s.code')
          .limit(page.limit)
          .offset(page.offset);
      },
    );
}

/** The board itself: `cand` with each SKU's figures over the warehouses in scope. */
function skuBoard(db: Kysely<DB>, tenantId: string, q: SkuBoardQuery, page: Page | null) {
  return scope(db, tenantId, q, page)
    .with('plain', (d) => {
      let sums = d
        .selectFrom('stock_levels as l')
        .select('l.sku_id')
        .select([
          sql<number>`sum(l.on_hand)`.as('on_hand'),
          sql<number>`sum(l.reserved)`.as('reserved'),
        ])
        .where('l.tenant_id', '=', tenantId)
        .groupBy('l.sku_id');
      // Without a warehouse filter every stock row of the tenant is in scope.
      if (q.warehouse !== undefined)
        sums = sums.where('l.warehouse_id', 'in', d.selectFrom('wh').select('wh.id'));
      if (page) sums = sums.where('l.sku_id', 'in', d.selectFrom('cand').select('cand.id'));
      return sums;
    })
    .with('bundle_here', (d) => {
      // Every component in every warehouse in scope; no stock row there counts as 0 available.
      // bundle_components carries tenant_id, so no join to skus is needed to scope it (and
      // PostgreSQL estimates the row count right without one). On SQLite the CROSS JOIN keeps
      // warehouses as the outer loop, one pass over the components per warehouse.
      const perWarehouse = d
        .selectFrom('wh')
        .crossJoin('bundle_components as bc')
        .leftJoin('stock_levels as l', (join) =>
          join
            .onRef('l.tenant_id', '=', 'bc.tenant_id')
            .onRef('l.sku_id', '=', 'bc.component_sku_id')
            .onRef('l.warehouse_id', '=', 'wh.id'),
        )
        .select(['bc.bundle_sku_id', SELLABLE_HERE.as('sellable')])
        .where('bc.tenant_id', '=', tenantId)
        .groupBy(['wh.id', 'bc.bundle_sku_id']);
      return page
        ? perWarehouse.where('bc.bundle_sku_id', 'in', d.selectFrom('cand').select('cand.id'))
        : perWarehouse;
    })
    .with('bundle', (d) =>
      d
        .selectFrom('bundle_here')
        .select(['bundle_sku_id', sql<number>`sum(sellable)`.as('available')])
        .groupBy('bundle_sku_id'),
    )
    .with('board', (d) =>
      d
        .selectFrom('cand as c')
        .innerJoin('tenants as t', (join) => join.on('t.id', '=', tenantId))
        .leftJoin('plain as p', 'p.sku_id', 'c.id')
        .leftJoin('bundle as bu', 'bu.bundle_sku_id', 'c.id')
        .select(['c.code', 'c.name', 'c.is_bundle'])
        .select([
          sql<number>`coalesce(c.low_stock_threshold, t.low_stock_threshold)`.as('threshold'),
          sql<number | null>`case when c.is_bundle = 1 then null
            else coalesce(p.on_hand, 0) end`.as('on_hand'),
          sql<number | null>`case when c.is_bundle = 1 then null
            else coalesce(p.reserved, 0) end`.as('reserved'),
          sql<number>`case when c.is_bundle = 1 then coalesce(bu.available, 0)
            else coalesce(p.on_hand, 0) - coalesce(p.reserved, 0) end`.as('available'),
        ]),
    );
}

function orderTerm(column: string, descending: boolean): Expression<unknown> {
  return sql`${sql.ref(column)} ${descending ? sql`desc` : sql`asc`}`;
}

const SORT_COLUMNS: Record<SkuBoardSortKey, string> = {
  sku: 'code',
  name: 'name',
  onHand: 'on_hand',
  reserved: 'reserved',
  available: 'available',
};

/** One page of the board, filtered, sorted and paged in SQL, and how many rows match in all. */
export async function listSkuBoard(
  db: Kysely<DB>,
  tenantId: string,
  q: SkuBoardQuery,
): Promise<{ rows: SkuBoardRow[]; total: number }> {
  const statuses = q.statuses ?? [];
  if (statuses.length === 0 && (q.sort === 'sku' || q.sort === 'name')) {
    const page = { sort: q.sort, descending: q.descending, limit: q.limit, offset: q.offset };
    const rows = skuBoard(db, tenantId, q, page)
      .selectFrom('board')
      .selectAll()
      .orderBy(orderTerm(SORT_COLUMNS[q.sort], q.descending))
      .orderBy('code');
    const count = scope(db, tenantId, q, null)
      .selectFrom('cand')
      .select((eb) => eb.fn.countAll<number>().as('n'));
    const [found, counted] = await Promise.all([rows.execute(), count.executeTakeFirstOrThrow()]);
    return { rows: found.map(toSkuBoardRow), total: Number(counted.n) };
  }
  return listComputedBoard(db, tenantId, q, statuses);
}

/**
 * Filtering by status or sorting by a figure needs every SKU's figures: one query computes them,
 * and counts the matches in the same pass (a window over the filtered rows, before LIMIT).
 */
async function listComputedBoard(
  db: Kysely<DB>,
  tenantId: string,
  q: SkuBoardQuery,
  statuses: readonly StockStatus[],
): Promise<{ rows: SkuBoardRow[]; total: number }> {
  const matching = () => {
    const board = skuBoard(db, tenantId, q, null).selectFrom('board');
    if (statuses.length === 0) return board;
    const available = sql.ref<number>('available');
    const threshold = sql.ref<number>('threshold');
    const matches = statuses.map((s) => stockStatusCondition(s, available, threshold));
    return board.where((eb) => eb.or(matches));
  };
  const column = SORT_COLUMNS[q.sort];
  let rows = matching()
    .selectAll()
    .select((eb) => eb.fn.countAll<number>().over().as('total'));
  // Bundles have no on hand or reserved: they go last whichever way those are sorted.
  if (q.sort === 'onHand' || q.sort === 'reserved')
    rows = rows.orderBy(sql`case when ${sql.ref(column)} is null then 1 else 0 end`);
  const found = await rows
    .orderBy(orderTerm(column, q.descending))
    .orderBy('code')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const first = found[0];
  if (first) return { rows: found.map(toSkuBoardRow), total: Number(first.total) };
  if (q.offset === 0) return { rows: [], total: 0 };
  // A page past the end carries no row to read the total from.
  const counted = await matching()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows: [], total: Number(counted.n) };
}

function toSkuBoardRow(r: {
  code: string;
  name: string;
  is_bundle: number;
  threshold: number;
  on_hand: number | null;
  reserved: number | null;
  available: number;
}): SkuBoardRow {
  return {
    sku: r.code,
    name: r.name,
    isBundle: Number(r.is_bundle) === 1,
    onHand: r.on_hand === null ? null : Number(r.on_hand),
    reserved: r.reserved === null ? null : Number(r.reserved),
    available: Number(r.available),
    lowStockThreshold: Number(r.threshold),
  };
}
