/**
 * Read-only looks into a sync rig's database for end-to-end assertions: a platform order as
 * StockPool recorded it, open alerts, stock levels, queue rows and the sync log, and each shop's
 * figure against what StockPool computes it should show.
 */
import type { ConnectedShop, SyncRig } from './sync-fixture.ts';

export interface RecordedOrder {
  id: string;
  shopId: string;
  outcome: string;
  state: string | null;
}

/** The order StockPool recorded for a platform order id, if any. */
export async function recordedOrder(
  rig: SyncRig,
  platformOrderId: string,
): Promise<RecordedOrder | undefined> {
  const row = await rig.pool.database.db
    .selectFrom('channel_orders')
    .select(['id', 'shop_id', 'outcome', 'state'])
    .where('platform_order_id', '=', platformOrderId)
    .executeTakeFirst();
  return row
    ? { id: row.id, shopId: row.shop_id, outcome: row.outcome, state: row.state }
    : undefined;
}

/** The outcome StockPool gave a platform order ('' while it is not recorded). */
export async function outcomeOf(rig: SyncRig, platformOrderId: string): Promise<string> {
  return (await recordedOrder(rig, platformOrderId))?.outcome ?? '';
}

/** Open alerts of one kind, with their level and subject. */
export async function openAlerts(
  rig: SyncRig,
  kind: string,
): Promise<Array<{ level: string; subject: string; params: Record<string, unknown> }>> {
  const rows = await rig.pool.database.db
    .selectFrom('alerts')
    .select(['level', 'subject', 'params_json'])
    .where('tenant_id', '=', rig.actor.tenantId)
    .where('kind', '=', kind)
    .where('status', '=', 'open')
    .execute();
  return rows.map((r) => ({
    level: r.level,
    subject: r.subject,
    params: JSON.parse(r.params_json) as Record<string, unknown>,
  }));
}

/** On hand and reserved of a SKU code, summed over warehouses. */
export async function stockOf(
  rig: SyncRig,
  skuCode: string,
): Promise<{ onHand: number; reserved: number }> {
  const rows = await rig.pool.database.db
    .selectFrom('stock_levels as l')
    .innerJoin('skus as s', 's.id', 'l.sku_id')
    .select(['l.on_hand', 'l.reserved'])
    .where('s.tenant_id', '=', rig.actor.tenantId)
    .where('s.code', '=', skuCode)
    .execute();
  return {
    onHand: rows.reduce((sum, r) => sum + Number(r.on_hand), 0),
    reserved: rows.reduce((sum, r) => sum + Number(r.reserved), 0),
  };
}

/** Records opening (or extra) stock of a SKU in the GZ warehouse. */
export async function receiveStock(
  rig: SyncRig,
  key: string,
  lines: Array<{ sku: string; quantity: number }>,
): Promise<void> {
  const received = await rig.pool.inventory.receive(rig.actor, {
    idempotencyKey: key,
    warehouse: 'GZ',
    lines,
  });
  if (!received.ok) throw new Error(`receive ${key} failed: ${received.error.code}`);
}

/** True when every shop shows `quantity` of the seller SKU code. */
export function allShow(shops: ConnectedShop[], sellerSku: string, quantity: number): boolean {
  return shops.every((s) => s.shown(sellerSku) === quantity);
}

/** Rows of the sync log of one kind (push, push_failed, drift, order, cancel, ...). */
export async function syncLogOf(
  rig: SyncRig,
  kind: string,
): Promise<
  Array<{
    shopId: string;
    listingId: string | null;
    quantity: number | null;
    previous: number | null;
    detail: string | null;
  }>
> {
  const rows = await rig.pool.database.db
    .selectFrom('sync_log')
    .select(['shop_id', 'listing_id', 'quantity', 'previous_quantity', 'detail'])
    .where('tenant_id', '=', rig.actor.tenantId)
    .where('kind', '=', kind)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    shopId: r.shop_id,
    listingId: r.listing_id,
    quantity: r.quantity === null ? null : Number(r.quantity),
    previous: r.previous_quantity === null ? null : Number(r.previous_quantity),
    detail: r.detail,
  }));
}

/**
 * Every listing of the given shops whose platform figure differs from the target StockPool
 * computes now (the allocation view), as "shop/sku: shown≠target"; empty once converged.
 */
export async function divergences(
  rig: SyncRig,
  shops: ConnectedShop[],
  skus: string[],
): Promise<string[]> {
  const out: string[] = [];
  for (const sku of skus) {
    const allocation = await rig.pool.sync.policies.allocation(rig.actor, sku);
    if (!allocation.ok) throw new Error(`allocation of ${sku}: ${allocation.error.code}`);
    for (const listing of allocation.value.listings) {
      const shop = shops.find((s) => s.view.id === listing.shopId);
      if (!shop) continue;
      const shown = shop.shown(sku);
      if (shown !== listing.target)
        out.push(`${shop.view.name}/${sku}: ${shown}≠${listing.target}`);
    }
  }
  return out;
}

/** Statuses of every hold placed for a platform order, oldest first (e.g. ['expired', 'confirmed']). */
export async function holdStatusesOf(rig: SyncRig, platformOrderId: string): Promise<string[]> {
  const rows = await rig.pool.database.db
    .selectFrom('holds')
    .select(['status', 'order_ref'])
    .where('tenant_id', '=', rig.actor.tenantId)
    .where('order_ref', 'like', `%:${platformOrderId}`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.status);
}
