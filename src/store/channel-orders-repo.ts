/**
 * Platform orders as StockPool saw them: the latest status (by the platform's update time), the
 * outcome for stock, and per line the listing / SKU it resolved to, its hold and the last
 * normalized state applied. The lines' applied state is what makes every state apply once.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from './schema.ts';

export type OrderOutcome = 'applied' | 'unmatched' | 'unfillable' | 'cancelled_oos' | 'parked';

export interface ChannelOrderRecord {
  id: string;
  tenantId: string;
  shopId: string;
  platformOrderId: string;
  rawStatus: string;
  state: string | null;
  platformCreatedAtMs: number;
  platformUpdatedAtMs: number;
  paidAtMs: number | null;
  outcome: OrderOutcome;
  cancelReference: string | null;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface ChannelOrderLineRecord {
  orderId: string;
  lineId: string;
  itemId: string;
  variantId: string;
  sellerSku: string;
  quantity: number;
  listingId: string | null;
  skuId: number | null;
  warehouseId: number | null;
  units: number | null;
  holdId: string | null;
  appliedState: string | null;
}

const num = (v: number | null): number | null => (v === null ? null : Number(v));

function toOrder(r: Selectable<DB['channel_orders']>): ChannelOrderRecord {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    shopId: r.shop_id,
    platformOrderId: r.platform_order_id,
    rawStatus: r.raw_status,
    state: r.state,
    platformCreatedAtMs: Number(r.platform_created_at),
    platformUpdatedAtMs: Number(r.platform_updated_at),
    paidAtMs: num(r.paid_at),
    outcome: r.outcome as OrderOutcome,
    cancelReference: r.cancel_reference,
    createdAtMs: Number(r.created_at),
    updatedAtMs: Number(r.updated_at),
  };
}

function toLine(r: Selectable<DB['channel_order_lines']>): ChannelOrderLineRecord {
  return {
    orderId: r.order_id,
    lineId: r.line_id,
    itemId: r.item_id,
    variantId: r.variant_id,
    sellerSku: r.seller_sku,
    quantity: r.quantity,
    listingId: r.listing_id,
    skuId: num(r.sku_id),
    warehouseId: num(r.warehouse_id),
    units: r.units,
    holdId: r.hold_id,
    appliedState: r.applied_state,
  };
}

export async function findChannelOrder(
  db: Kysely<DB>,
  ref: { shopId: string; platformOrderId: string },
): Promise<ChannelOrderRecord | null> {
  const r = await db
    .selectFrom('channel_orders')
    .selectAll()
    .where('shop_id', '=', ref.shopId)
    .where('platform_order_id', '=', ref.platformOrderId)
    .executeTakeFirst();
  return r ? toOrder(r) : null;
}

/** Which of these platform order ids the shop already has stored (one query for a batch). */
export async function storedPlatformOrderIds(
  db: Kysely<DB>,
  shopId: string,
  platformOrderIds: string[],
): Promise<Set<string>> {
  if (platformOrderIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('channel_orders')
    .select('platform_order_id')
    .where('shop_id', '=', shopId)
    .where('platform_order_id', 'in', platformOrderIds)
    .execute();
  return new Set(rows.map((r) => r.platform_order_id));
}

export async function findChannelOrderById(
  db: Kysely<DB>,
  tenantId: string,
  orderId: string,
): Promise<ChannelOrderRecord | null> {
  const r = await db
    .selectFrom('channel_orders')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', orderId)
    .executeTakeFirst();
  return r ? toOrder(r) : null;
}

/**
 * Creates the order row if new, claimed for its applier until `claimUntilMs` (see claimOrder);
 * false when it already existed (another worker or a repeat).
 */
export async function insertChannelOrder(
  db: Kysely<DB>,
  o: ChannelOrderRecord,
  claimUntilMs: number,
): Promise<boolean> {
  const r = await db
    .insertInto('channel_orders')
    .values({
      id: o.id,
      tenant_id: o.tenantId,
      shop_id: o.shopId,
      platform_order_id: o.platformOrderId,
      raw_status: o.rawStatus,
      state: o.state,
      platform_created_at: o.platformCreatedAtMs,
      platform_updated_at: o.platformUpdatedAtMs,
      paid_at: o.paidAtMs,
      outcome: o.outcome,
      cancel_reference: o.cancelReference,
      created_at: o.createdAtMs,
      updated_at: o.updatedAtMs,
      applying_until: claimUntilMs,
    })
    .onConflict((oc) => oc.columns(['shop_id', 'platform_order_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Moves the order to a newer platform status; false when the stored one is newer. */
export async function advanceChannelOrder(
  db: Kysely<DB>,
  orderId: string,
  next: {
    rawStatus: string;
    state: string | null;
    updatedAtMs: number;
    paidAtMs: number | null;
    nowMs: number;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('channel_orders')
    .set({
      raw_status: next.rawStatus,
      state: next.state,
      platform_updated_at: next.updatedAtMs,
      paid_at: next.paidAtMs,
      updated_at: next.nowMs,
    })
    .where('id', '=', orderId)
    .where('platform_updated_at', '<=', next.updatedAtMs)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function setOrderOutcome(
  db: Kysely<DB>,
  orderId: string,
  outcome: { outcome: OrderOutcome; cancelReference?: string | null; nowMs: number },
): Promise<void> {
  await db
    .updateTable('channel_orders')
    .set({
      outcome: outcome.outcome,
      ...(outcome.cancelReference !== undefined
        ? { cancel_reference: outcome.cancelReference }
        : {}),
      updated_at: outcome.nowMs,
    })
    .where('id', '=', orderId)
    .execute();
}

export async function linesOfOrder(
  db: Kysely<DB>,
  orderId: string,
): Promise<ChannelOrderLineRecord[]> {
  const rows = await db
    .selectFrom('channel_order_lines')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('line_id')
    .execute();
  return rows.map(toLine);
}

/** Adds lines not stored yet (a later detail may list lines an earlier one did not). */
export async function insertOrderLines(
  db: Kysely<DB>,
  tenantId: string,
  lines: ChannelOrderLineRecord[],
): Promise<void> {
  if (lines.length === 0) return;
  // One statement for the order's lines: on PostgreSQL each statement is a round trip.
  await db
    .insertInto('channel_order_lines')
    .values(
      lines.map((l) => ({
        tenant_id: tenantId,
        order_id: l.orderId,
        line_id: l.lineId,
        item_id: l.itemId,
        variant_id: l.variantId,
        seller_sku: l.sellerSku,
        quantity: l.quantity,
        listing_id: l.listingId,
        sku_id: l.skuId,
        warehouse_id: l.warehouseId,
        units: l.units,
        hold_id: l.holdId,
        applied_state: l.appliedState,
      })),
    )
    .onConflict((oc) => oc.columns(['order_id', 'line_id']).doNothing())
    .execute();
}

export async function updateOrderLine(
  db: Kysely<DB>,
  ref: { orderId: string; lineId: string },
  fields: Partial<
    Pick<
      ChannelOrderLineRecord,
      'listingId' | 'skuId' | 'warehouseId' | 'units' | 'holdId' | 'appliedState'
    >
  >,
): Promise<void> {
  await db
    .updateTable('channel_order_lines')
    .set({
      ...(fields.listingId !== undefined ? { listing_id: fields.listingId } : {}),
      ...(fields.skuId !== undefined ? { sku_id: fields.skuId } : {}),
      ...(fields.warehouseId !== undefined ? { warehouse_id: fields.warehouseId } : {}),
      ...(fields.units !== undefined ? { units: fields.units } : {}),
      ...(fields.holdId !== undefined ? { hold_id: fields.holdId } : {}),
      ...(fields.appliedState !== undefined ? { applied_state: fields.appliedState } : {}),
    })
    .where('order_id', '=', ref.orderId)
    .where('line_id', '=', ref.lineId)
    .execute();
}

export interface OrderListQuery {
  tenantId: string;
  outcome?: OrderOutcome;
  shopId?: string;
  limit: number;
}

export async function listChannelOrders(
  db: Kysely<DB>,
  q: OrderListQuery,
): Promise<ChannelOrderRecord[]> {
  let query = db.selectFrom('channel_orders').selectAll().where('tenant_id', '=', q.tenantId);
  if (q.outcome) query = query.where('outcome', '=', q.outcome);
  if (q.shopId) query = query.where('shop_id', '=', q.shopId);
  const rows = await query.orderBy('updated_at', 'desc').orderBy('id').limit(q.limit).execute();
  return rows.map(toOrder);
}

/** Orders waiting for a mapping, oldest first, for re-applying once listings are mapped. */
export async function unmatchedOrderIds(
  db: Kysely<DB>,
  tenantId: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('channel_orders')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('outcome', '=', 'unmatched')
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Open holds competing for the last units of one SKU at one warehouse, with their orders. */
export interface CompetingHold {
  orderId: string;
  lineId: string;
  holdId: string;
  holdStatus: string;
  units: number;
  paidAtMs: number | null;
  createdAtMs: number;
}

export async function competingHolds(
  db: Kysely<DB>,
  q: { tenantId: string; skuId: number; warehouseId: number; excludeOrderId: string },
): Promise<CompetingHold[]> {
  const rows = await db
    .selectFrom('channel_order_lines as l')
    .innerJoin('holds as h', 'h.id', 'l.hold_id')
    .innerJoin('channel_orders as o', 'o.id', 'l.order_id')
    .select([
      'l.order_id',
      'l.line_id',
      'h.id as hold_id',
      'h.status',
      'h.quantity',
      'o.paid_at',
      'h.created_at',
    ])
    .where('h.tenant_id', '=', q.tenantId)
    .where('h.sku_id', '=', q.skuId)
    .where('h.warehouse_id', '=', q.warehouseId)
    .where('h.status', 'in', ['held', 'confirmed'])
    .where('l.order_id', '<>', q.excludeOrderId)
    .execute();
  return rows.map((r) => ({
    orderId: r.order_id,
    lineId: r.line_id,
    holdId: r.hold_id,
    holdStatus: r.status,
    units: r.quantity,
    paidAtMs: num(r.paid_at),
    createdAtMs: Number(r.created_at),
  }));
}

/**
 * Claims the order for applying until `untilMs`: false while another applier holds an unexpired
 * claim. One applier at a time per order keeps a line's hold and its record together.
 */
export async function claimOrder(
  db: Kysely<DB>,
  orderId: string,
  q: { nowMs: number; untilMs: number },
): Promise<boolean> {
  const r = await db
    .updateTable('channel_orders')
    .set({ applying_until: q.untilMs })
    .where('id', '=', orderId)
    .where('applying_until', '<=', q.nowMs)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function releaseOrderClaim(db: Kysely<DB>, orderId: string): Promise<void> {
  await db
    .updateTable('channel_orders')
    .set({ applying_until: 0 })
    .where('id', '=', orderId)
    .execute();
}
