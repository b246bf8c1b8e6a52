/** The propagation benchmark's StockPool thread: the rig's handlers plus the webhook arrivals. */
import { serveStockPool, type StockPoolSide } from '../support/channel-rig-thread.ts';
import { readDiagnostics } from '../flash-sale/diagnostics.ts';

export interface Arrival {
  shopId: string;
  orderId: string;
  /** When StockPool stored the order's first webhook (its clock: epoch ms). */
  receivedAtMs: number;
}

async function readArrivals(side: StockPoolSide): Promise<Arrival[]> {
  const rows = await side.pool.database.db
    .selectFrom('inbox')
    .select(['shop_id', 'order_id', (eb) => eb.fn.min<number>('received_at').as('received_at')])
    .where('tenant_id', '=', side.actor.tenantId)
    .where('order_id', 'is not', null)
    .groupBy(['shop_id', 'order_id'])
    .execute();
  return rows.map((r) => ({
    shopId: r.shop_id ?? '',
    orderId: r.order_id ?? '',
    receivedAtMs: Number(r.received_at),
  }));
}

/** Every push the platforms confirmed: which shop, when (epoch ms). */
async function readPushes(side: StockPoolSide): Promise<Array<{ shopId: string; atMs: number }>> {
  const rows = await side.pool.database.db
    .selectFrom('sync_log')
    .select(['shop_id', 'created_at'])
    .where('tenant_id', '=', side.actor.tenantId)
    .where('kind', '=', 'push')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ shopId: r.shop_id, atMs: Number(r.created_at) }));
}

await serveStockPool({
  pushes: (side: StockPoolSide) => readPushes(side),
  arrivals: (side: StockPoolSide) => readArrivals(side),
  diagnostics: (side: StockPoolSide) => readDiagnostics(side),
});
