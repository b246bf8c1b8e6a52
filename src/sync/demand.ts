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
  unreadOrders: number;
}

/** Sales over this window make the rate: long enough to smooth, short enough to see a burst. */
export const SALES_RATE_WINDOW_MS = 60_000;

export const NO_DEMAND: Demand = { salesPerSecond: new Map(), unreadOrders: 0 };

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
      .select(['l.sku_id', sql<number>`sum(coalesce(l.units, l.quantity))`.as('units')])
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
    unreadOrders,
  };
}
