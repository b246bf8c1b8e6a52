/** Hold rows and their component lines. Status changes are compare-and-set on the old status. */
import type { HoldStatus } from '../domain/holds.ts';
import type { Tx } from './write-executor.ts';

export interface HoldRecord {
  id: string;
  skuId: number;
  warehouseId: number;
  quantity: number;
  status: HoldStatus;
  orderRef: string;
  lineRef: string | null;
  operationKey: string;
  actor: string;
  expiresAtMs: number | null;
  createdAtMs: number;
  updatedAtMs: number;
  lines: { skuId: number; quantity: number }[];
}

export async function insertHold(trx: Tx, tenantId: string, hold: HoldRecord): Promise<void> {
  await trx
    .insertInto('holds')
    .values({
      id: hold.id,
      tenant_id: tenantId,
      sku_id: hold.skuId,
      warehouse_id: hold.warehouseId,
      quantity: hold.quantity,
      status: hold.status,
      order_ref: hold.orderRef,
      line_ref: hold.lineRef,
      operation_key: hold.operationKey,
      actor: hold.actor,
      expires_at: hold.expiresAtMs,
      created_at: hold.createdAtMs,
      updated_at: hold.updatedAtMs,
    })
    .execute();
  await trx
    .insertInto('hold_lines')
    .values(
      hold.lines.map((l) => ({
        tenant_id: tenantId,
        hold_id: hold.id,
        sku_id: l.skuId,
        quantity: l.quantity,
      })),
    )
    .execute();
}

export async function findHold(
  trx: Tx,
  tenantId: string,
  holdId: string,
): Promise<HoldRecord | null> {
  const row = await trx
    .selectFrom('holds')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', holdId)
    .executeTakeFirst();
  if (!row) return null;
  const lines = await trx
    .selectFrom('hold_lines')
    .select(['sku_id', 'quantity'])
    .where('tenant_id', '=', tenantId)
    .where('hold_id', '=', holdId)
    .orderBy('sku_id')
    .execute();
  return {
    id: row.id,
    skuId: row.sku_id,
    warehouseId: row.warehouse_id,
    quantity: row.quantity,
    status: row.status as HoldStatus,
    orderRef: row.order_ref,
    lineRef: row.line_ref,
    operationKey: row.operation_key,
    actor: row.actor,
    expiresAtMs: row.expires_at,
    createdAtMs: row.created_at,
    updatedAtMs: row.updated_at,
    lines: lines.map((l) => ({ skuId: l.sku_id, quantity: l.quantity })),
  };
}

/** Moves a hold from `from` to `to`; false if another writer changed it first. */
export async function setHoldStatus(
  trx: Tx,
  ref: { tenantId: string; holdId: string },
  change: { from: HoldStatus; to: HoldStatus; nowMs: number },
): Promise<boolean> {
  const result = await trx
    .updateTable('holds')
    .set({ status: change.to, updated_at: change.nowMs })
    .where('tenant_id', '=', ref.tenantId)
    .where('id', '=', ref.holdId)
    .where('status', '=', change.from)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Unpaid holds whose expiry has passed, across tenants (the sweeper serves them all), oldest first. */
export async function findExpiredHolds(
  trx: Tx,
  options: { nowMs: number; limit: number },
): Promise<{ tenantId: string; holdId: string }[]> {
  const rows = await trx
    .selectFrom('holds')
    .select(['tenant_id', 'id'])
    .where('status', '=', 'held')
    .where('expires_at', '<=', options.nowMs)
    .orderBy('expires_at')
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({ tenantId: r.tenant_id, holdId: r.id }));
}
