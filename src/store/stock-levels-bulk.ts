/**
 * Set-based balance reads and writes for commands that touch many SKUs of one warehouse at once
 * (stock-takes, imports): a fixed number of statements per command instead of several per line.
 * Same guarantees as stock-levels-repo.ts: rows are read under their write lock and changed by
 * relative UPDATEs only.
 */
import { sql } from 'kysely';
import type { StockLevel } from '../domain/stock-level.ts';
import type { Tx } from './write-executor.ts';

export interface WarehouseLines {
  tenantId: string;
  warehouseId: number;
  nowMs: number;
}

/**
 * Creates the missing rows at zero, then reads every row under its write lock (a no-op UPDATE …
 * RETURNING locks on PostgreSQL; SQLite's write transaction already excludes other writers).
 */
export async function lockLevels(
  trx: Tx,
  at: WarehouseLines,
  skuIds: readonly number[],
): Promise<Map<number, StockLevel>> {
  if (skuIds.length === 0) return new Map();
  await trx
    .insertInto('stock_levels')
    .values(
      skuIds.map((skuId) => ({
        tenant_id: at.tenantId,
        sku_id: skuId,
        warehouse_id: at.warehouseId,
        on_hand: 0,
        reserved: 0,
        updated_at: at.nowMs,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'sku_id', 'warehouse_id']).doNothing())
    .execute();
  const rows = await trx
    .updateTable('stock_levels')
    .set((eb) => ({ on_hand: eb.ref('on_hand') }))
    .where('tenant_id', '=', at.tenantId)
    .where('warehouse_id', '=', at.warehouseId)
    .where('sku_id', 'in', skuIds)
    .returning(['sku_id', 'on_hand', 'reserved'])
    .execute();
  return new Map(
    rows.map((r) => [
      Number(r.sku_id),
      { onHand: Number(r.on_hand), reserved: Number(r.reserved) },
    ]),
  );
}

/** Adds each SKU's on-hand delta in one UPDATE (`on_hand = on_hand + CASE sku_id … END`). */
export async function addOnHandDeltas(
  trx: Tx,
  at: WarehouseLines,
  deltas: ReadonlyMap<number, number>,
): Promise<void> {
  const changed = [...deltas].filter(([, delta]) => delta !== 0);
  if (changed.length === 0) return;
  const cases = sql.join(
    changed.map(([skuId, delta]) => sql`when ${skuId} then ${delta}`),
    sql` `,
  );
  await trx
    .updateTable('stock_levels')
    .set({
      on_hand: sql<number>`on_hand + (case sku_id ${cases} else 0 end)`,
      updated_at: at.nowMs,
    })
    .where('tenant_id', '=', at.tenantId)
    .where('warehouse_id', '=', at.warehouseId)
    .where(
      'sku_id',
      'in',
      changed.map(([skuId]) => skuId),
    )
    .execute();
}
