/**
 * Reads the flash sale needs from StockPool's own tables, run in StockPool's thread: the SKU's
 * balance, and the channel orders by outcome (to know when every order has been dealt with).
 */
import type { StockPoolSide } from '../support/channel-rig-thread.ts';

export async function readLevel(
  side: StockPoolSide,
  sku: string,
): Promise<{ onHand: number; reserved: number }> {
  const row = await side.pool.database.db
    .selectFrom('stock_levels as l')
    .innerJoin('skus as s', (join) =>
      join.onRef('s.tenant_id', '=', 'l.tenant_id').onRef('s.id', '=', 'l.sku_id'),
    )
    .select(['l.on_hand', 'l.reserved'])
    .where('l.tenant_id', '=', side.actor.tenantId)
    .where('s.code', '=', sku)
    .executeTakeFirstOrThrow();
  return { onHand: Number(row.on_hand), reserved: Number(row.reserved) };
}

export async function countOrders(side: StockPoolSide): Promise<Record<string, number>> {
  const rows = await side.pool.database.db
    .selectFrom('channel_orders')
    .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', side.actor.tenantId)
    .groupBy('outcome')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]));
}
