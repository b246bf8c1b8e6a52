/** Transfer orders between warehouses and their lines. */
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';
import type { Tx } from './write-executor.ts';

export type TransferStatus = 'in_transit' | 'received';

export interface TransferRecord {
  id: string;
  fromWarehouseId: number;
  toWarehouseId: number;
  status: TransferStatus;
  reference: string | null;
  expectedAtMs: number | null;
  actor: string;
  createdAtMs: number;
  updatedAtMs: number;
  lines: { skuId: number; quantity: number }[];
}

export async function insertTransfer(trx: Tx, tenantId: string, t: TransferRecord): Promise<void> {
  await trx
    .insertInto('transfers')
    .values({
      id: t.id,
      tenant_id: tenantId,
      from_warehouse_id: t.fromWarehouseId,
      to_warehouse_id: t.toWarehouseId,
      status: t.status,
      reference: t.reference,
      expected_at: t.expectedAtMs,
      actor: t.actor,
      created_at: t.createdAtMs,
      updated_at: t.updatedAtMs,
    })
    .execute();
  await trx
    .insertInto('transfer_lines')
    .values(
      t.lines.map((l) => ({
        tenant_id: tenantId,
        transfer_id: t.id,
        sku_id: l.skuId,
        quantity: l.quantity,
      })),
    )
    .execute();
}

export async function findTransfer(
  trx: Tx,
  tenantId: string,
  id: string,
): Promise<TransferRecord | null> {
  const row = await trx
    .selectFrom('transfers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const lines = await trx
    .selectFrom('transfer_lines')
    .select(['sku_id', 'quantity'])
    .where('tenant_id', '=', tenantId)
    .where('transfer_id', '=', id)
    .orderBy('sku_id')
    .execute();
  return {
    id: row.id,
    fromWarehouseId: row.from_warehouse_id,
    toWarehouseId: row.to_warehouse_id,
    status: row.status as TransferStatus,
    reference: row.reference,
    expectedAtMs: row.expected_at,
    actor: row.actor,
    createdAtMs: row.created_at,
    updatedAtMs: row.updated_at,
    lines: lines.map((l) => ({ skuId: l.sku_id, quantity: l.quantity })),
  };
}

/** Marks an in-transit transfer received; false if it was not in transit any more. */
export async function markTransferReceived(
  trx: Tx,
  tenantId: string,
  id: string,
  nowMs: number,
): Promise<boolean> {
  const r = await trx
    .updateTable('transfers')
    .set({ status: 'received', updated_at: nowMs })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'in_transit')
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** Units of one SKU on their way to each warehouse (open transfers), by destination code. */
export async function inTransitByWarehouse(
  db: Kysely<DB>,
  tenantId: string,
  skuId: number,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('transfer_lines as l')
    .innerJoin('transfers as t', 't.id', 'l.transfer_id')
    .innerJoin('warehouses as w', 'w.id', 't.to_warehouse_id')
    .select((eb) => ['w.code', eb.fn.sum<number>('l.quantity').as('quantity')])
    .where('l.tenant_id', '=', tenantId)
    .where('t.tenant_id', '=', tenantId)
    .where('l.sku_id', '=', skuId)
    .where('t.status', '=', 'in_transit')
    .groupBy('w.code')
    .execute();
  return new Map(rows.map((r) => [r.code, Number(r.quantity)]));
}
