/**
 * Balance writes. Every write here is a single relative or conditional UPDATE, never a value
 * computed from an earlier read, so concurrent writers cannot lose updates or oversell.
 */
import { sql } from 'kysely';
import type { StockLevel } from '../domain/stock-level.ts';
import type { Tx } from './write-executor.ts';

export interface LevelKey {
  tenantId: string;
  skuId: number;
  warehouseId: number;
}

/** The row of one SKU in one warehouse, as a Kysely equality filter. */
function matchKey(key: LevelKey) {
  return { tenant_id: key.tenantId, sku_id: key.skuId, warehouse_id: key.warehouseId };
}

/**
 * Adds `quantity` to reserved if available covers it (or the SKU back-orders, in which case a
 * missing row is created). Returns false when the guard refused: nothing was written.
 */
export async function reserveIfAvailable(
  trx: Tx,
  key: LevelKey,
  options: { quantity: number; allowBackorder: boolean; nowMs: number },
): Promise<boolean> {
  const { quantity, allowBackorder, nowMs } = options;
  if (allowBackorder) {
    await upsertDelta(trx, key, { onHandDelta: 0, reservedDelta: quantity, nowMs });
    return true;
  }
  const result = await trx
    .updateTable('stock_levels')
    .set((eb) => ({ reserved: eb('reserved', '+', quantity), updated_at: nowMs }))
    .where((eb) => eb.and(matchKey(key)))
    .where((eb) => eb(eb('on_hand', '-', eb.ref('reserved')), '>=', quantity))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Removes on-hand stock that is free (transfer out), guarded by available for every SKU: units
 * held by orders stay, and back-ordered units were never there to send.
 */
export async function takeIfAvailable(
  trx: Tx,
  key: LevelKey,
  options: { quantity: number; nowMs: number },
): Promise<boolean> {
  const result = await trx
    .updateTable('stock_levels')
    .set((eb) => ({ on_hand: eb('on_hand', '-', options.quantity), updated_at: options.nowMs }))
    .where((eb) => eb.and(matchKey(key)))
    .where((eb) => eb(eb('on_hand', '-', eb.ref('reserved')), '>=', options.quantity))
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Ships reserved units: on_hand and reserved both fall. Guarded so neither goes below zero;
 * a back-ordered hold cannot ship before the goods are in.
 */
export async function shipReserved(
  trx: Tx,
  key: LevelKey,
  options: { quantity: number; nowMs: number },
): Promise<boolean> {
  const q = options.quantity;
  const result = await trx
    .updateTable('stock_levels')
    .set((eb) => ({
      on_hand: eb('on_hand', '-', q),
      reserved: eb('reserved', '-', q),
      updated_at: options.nowMs,
    }))
    .where((eb) => eb.and(matchKey(key)))
    .where('on_hand', '>=', q)
    .where('reserved', '>=', q)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Releases reserved units back to available. The row exists: the hold that reserved them made it. */
export async function releaseReserved(
  trx: Tx,
  key: LevelKey,
  options: { quantity: number; nowMs: number },
): Promise<void> {
  const result = await trx
    .updateTable('stock_levels')
    .set((eb) => ({ reserved: eb('reserved', '-', options.quantity), updated_at: options.nowMs }))
    .where((eb) => eb.and(matchKey(key)))
    .where('reserved', '>=', options.quantity)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) {
    throw new Error(
      `reserved below open holds for sku ${key.skuId} in warehouse ${key.warehouseId}`,
    );
  }
}

/** Adds signed deltas, creating the row at zero first if it does not exist. */
export async function upsertDelta(
  trx: Tx,
  key: LevelKey,
  delta: { onHandDelta: number; reservedDelta: number; nowMs: number },
): Promise<void> {
  await trx
    .insertInto('stock_levels')
    .values({
      tenant_id: key.tenantId,
      sku_id: key.skuId,
      warehouse_id: key.warehouseId,
      on_hand: delta.onHandDelta,
      reserved: delta.reservedDelta,
      updated_at: delta.nowMs,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'sku_id', 'warehouse_id']).doUpdateSet({
        on_hand: sql<number>`stock_levels.on_hand + excluded.on_hand`,
        reserved: sql<number>`stock_levels.reserved + excluded.reserved`,
        updated_at: delta.nowMs,
      }),
    )
    .execute();
}

/**
 * Reads a level under the row's write lock (PostgreSQL takes it with a no-op UPDATE; SQLite's
 * write transaction already excludes other writers), creating the row at zero if missing. For
 * the rare writes that must know the current figure, such as a stock-take.
 */
export async function lockLevel(trx: Tx, key: LevelKey, nowMs: number): Promise<StockLevel> {
  await upsertDelta(trx, key, { onHandDelta: 0, reservedDelta: 0, nowMs });
  const row = await trx
    .updateTable('stock_levels')
    .set((eb) => ({ on_hand: eb.ref('on_hand') }))
    .where((eb) => eb.and(matchKey(key)))
    .returning(['on_hand', 'reserved'])
    .executeTakeFirstOrThrow();
  return { onHand: row.on_hand, reserved: row.reserved };
}

/** The current figures, zero if the SKU never had stock there. */
export async function readLevel(trx: Tx, key: LevelKey): Promise<StockLevel> {
  const row = await trx
    .selectFrom('stock_levels')
    .select(['on_hand', 'reserved'])
    .where((eb) => eb.and(matchKey(key)))
    .executeTakeFirst();
  return row ? { onHand: row.on_hand, reserved: row.reserved } : { onHand: 0, reserved: 0 };
}
