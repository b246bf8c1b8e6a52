/**
 * Recent sales per SKU, from the channel orders StockPool has read: units sold and when each SKU
 * last sold (StockPool's record time) since a moment. Allocation reads it for the sales rate and
 * the burst rule (sync/demand.ts); the cancellation of oversold orders reads it to wait for a
 * burst to end, leaving out the order being cancelled (sync/order-cancellations.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

export interface RecentSales {
  units: number;
  lastSaleAtMs: number;
}

export async function recentSalesBySku(
  db: Kysely<DB>,
  q: { tenantId: string; skuIds: number[]; sinceMs: number; excludeOrderId?: string },
): Promise<Map<number, RecentSales>> {
  if (q.skuIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('channel_order_lines as l')
    .innerJoin('channel_orders as o', 'o.id', 'l.order_id')
    .select([
      'l.sku_id',
      sql<number>`sum(coalesce(l.units, l.quantity))`.as('units'),
      sql<number>`max(o.created_at)`.as('last_at'),
    ])
    .where('o.tenant_id', '=', q.tenantId)
    .where('o.created_at', '>=', q.sinceMs)
    .where('l.sku_id', 'in', q.skuIds)
    .$if(q.excludeOrderId !== undefined, (qb) => qb.where('o.id', '<>', q.excludeOrderId ?? ''))
    .groupBy('l.sku_id')
    .execute();
  return new Map(
    rows.map((r) => [
      Number(r.sku_id),
      { units: Number(r.units), lastSaleAtMs: Number(r.last_at) },
    ]),
  );
}
