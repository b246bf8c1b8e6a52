/**
 * What the allocation must know of demand right now, read once per target computation:
 * - each SKU's recent sales rate over all shops (units per second, last minute), which adaptive
 *   compares with the pool to choose shared or partitioned;
 * - the tenant's unread orders (announced by a webhook, not read yet): a partitioned pool leaves
 *   them out, one unit each, so a re-split never hands another shop units already sold.
 */
import { sql, type Kysely } from 'kysely';
import { countUnreadOrders } from '../store/inbox-repo.ts';
import type { DB } from '../store/schema.ts';

export interface Demand {
  salesPerSecond: Map<number, number>;
  /** When each SKU last sold (StockPool's record time), within the window. */
  lastSaleAtMs: Map<number, number>;
  unreadOrders: number;
}

/**
 * A SKU is in a burst while it has sold this recently, or while any order of the tenant is unread.
 * During a burst a split share does not rise (see listing-targets.ts riseAllowed) and
 * reconciliation does not correct a platform figure upwards: the pool may still count units
 * sold in orders on their way.
 */
export const BURST_QUIET_MS = 5_000;

/** Sales over this window make the rate: long enough to smooth, short enough to see a burst. */
export const SALES_RATE_WINDOW_MS = 60_000;

export const NO_DEMAND: Demand = {
  salesPerSecond: new Map(),
  lastSaleAtMs: new Map(),
  unreadOrders: 0,
};

export async function readDemand(
  db: Kysely<DB>,
  tenantId: string,
  skuIds: number[],
  nowMs: number,
): Promise<Demand> {
  if (skuIds.length === 0) return NO_DEMAND;
  const [rows, unreadOrders] = await Promise.all([
    db
      .selectFrom('channel_order_lines as l')
      .innerJoin('channel_orders as o', 'o.id', 'l.order_id')
      .select([
        'l.sku_id',
        sql<number>`sum(coalesce(l.units, l.quantity))`.as('units'),
        sql<number>`max(o.created_at)`.as('last_at'),
      ])
      .where('o.tenant_id', '=', tenantId)
      .where('o.created_at', '>=', nowMs - SALES_RATE_WINDOW_MS)
      .where('l.sku_id', 'in', skuIds)
      .groupBy('l.sku_id')
      .execute(),
    countUnreadOrders(db, { tenantId }),
  ]);
  return {
    salesPerSecond: new Map(
      rows.map((r) => [Number(r.sku_id), Number(r.units) / (SALES_RATE_WINDOW_MS / 1000)]),
    ),
    lastSaleAtMs: new Map(rows.map((r) => [Number(r.sku_id), Number(r.last_at)])),
    unreadOrders,
  };
}

/** True while the SKU is in a burst (see BURST_QUIET_MS). */
export function inBurst(demand: Demand, skuId: number, nowMs: number): boolean {
  if (demand.unreadOrders > 0) return true;
  const last = demand.lastSaleAtMs.get(skuId);
  return last !== undefined && nowMs - last < BURST_QUIET_MS;
}
