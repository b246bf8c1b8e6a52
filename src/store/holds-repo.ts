/**
 * Hold rows and their component lines. Status changes are compare-and-set on the old status.
 * Only a bundle's hold has rows in hold_lines; a plain hold's one line is the hold itself.
 */
import type { Insertable } from 'kysely';
import type { HoldStatus } from '../domain/holds.ts';
import type { MovementRow } from './movements-repo.ts';
import { insertOperationRow, type OperationRow } from './operations-repo.ts';
import type { DB } from './schema.ts';
import { reserveIfAvailable, type LevelKey } from './stock-levels-repo.ts';
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
  await trx.insertInto('holds').values(toHoldRow(tenantId, hold)).execute();
  const lines = toHoldLineRows(tenantId, hold);
  if (lines.length > 0) await trx.insertInto('hold_lines').values(lines).execute();
}

export type HoldRow = Insertable<DB['holds']>;
export type HoldLineRow = Insertable<DB['hold_lines']>;

export function toHoldRow(tenantId: string, hold: HoldRecord): HoldRow {
  return {
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
  };
}

/** The hold_lines rows of a hold: none when its one line is its own SKU and quantity. */
export function toHoldLineRows(tenantId: string, hold: HoldRecord): HoldLineRow[] {
  const [only, ...more] = hold.lines;
  if (only && more.length === 0 && only.skuId === hold.skuId && only.quantity === hold.quantity) {
    return [];
  }
  return hold.lines.map((l) => ({
    tenant_id: tenantId,
    hold_id: hold.id,
    sku_id: l.skuId,
    quantity: l.quantity,
  }));
}

/** A stored hold's lines: its hold_lines rows, or the hold itself when it has none. */
export function linesOfStoredHold(
  hold: { skuId: number; quantity: number },
  stored: readonly { skuId: number; quantity: number }[],
): { skuId: number; quantity: number }[] {
  return stored.length > 0 ? [...stored] : [{ skuId: hold.skuId, quantity: hold.quantity }];
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
    lines: linesOfStoredHold(
      { skuId: row.sku_id, quantity: row.quantity },
      lines.map((l) => ({ skuId: l.sku_id, quantity: l.quantity })),
    ),
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

/**
 * Everything one plain hold writes (one SKU, no back-order), built before any of it is written.
 * A plain hold has no hold_lines row (see toHoldLineRows).
 */
export interface SingleHoldWrite {
  level: LevelKey;
  quantity: number;
  nowMs: number;
  hold: HoldRow;
  movement: MovementRow;
  operation: OperationRow;
}

/**
 * An engine's own way to apply a SingleHoldWrite in fewer round trips (see store/dialects/). It
 * must write exactly the rows the portable path writes, and nothing at all when it refuses.
 */
export type SingleHoldWriter = (trx: Tx, write: SingleHoldWrite) => Promise<boolean>;

const engineHoldWriters = new WeakMap<Tx, SingleHoldWriter>();

/** Called by a write executor for each transaction it hands to commands. */
export function useEngineHoldWriter(trx: Tx, writer: SingleHoldWriter): void {
  engineHoldWriters.set(trx, writer);
}

/**
 * Reserves the hold's quantity if available covers it and writes the hold, the ledger movement and the idempotency record. Returns false when the guard refused; the command must then
 * fail, so that anything written is rolled back with it.
 */
export async function recordHoldIfAvailable(trx: Tx, write: SingleHoldWrite): Promise<boolean> {
  const engine = engineHoldWriters.get(trx);
  if (engine) return engine(trx, write);
  // Inserts first, the guard last: on PostgreSQL the stock row stays locked only from the guard
  // to COMMIT.
  await trx.insertInto('holds').values(write.hold).execute();
  await trx.insertInto('movements').values(write.movement).execute();
  await insertOperationRow(trx, write.operation);
  return reserveIfAvailable(trx, write.level, {
    quantity: write.quantity,
    allowBackorder: false,
    nowMs: write.nowMs,
  });
}
