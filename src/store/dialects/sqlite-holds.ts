/**
 * SQLite's writer of a plain hold: the guard UPDATE and four INSERTs as statements prepared once
 * on the raw connection, run back to back without yielding. The batch writer runs every command
 * in its own savepoint on this same connection, so the writes commit or roll back with it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SingleHoldWrite, SingleHoldWriter } from '../holds-repo.ts';

// The columns each portable insert writes (see toHoldRow, toHoldLineRows, toMovementRows,
// toOperationRow); every row object carries all of them, bound by name.
const HOLD_COLUMNS = [
  'id',
  'tenant_id',
  'sku_id',
  'warehouse_id',
  'quantity',
  'status',
  'order_ref',
  'line_ref',
  'operation_key',
  'actor',
  'expires_at',
  'created_at',
  'updated_at',
] as const;
const LINE_COLUMNS = ['tenant_id', 'hold_id', 'sku_id', 'quantity'] as const;
const MOVEMENT_COLUMNS = [
  'tenant_id',
  'operation_key',
  'seq',
  'kind',
  'sku_id',
  'warehouse_id',
  'on_hand_delta',
  'reserved_delta',
  'counted',
  'reference_type',
  'reference_id',
  'hold_id',
  'actor',
  'note',
  'created_at',
] as const;
const OPERATION_COLUMNS = [
  'tenant_id',
  'key',
  'kind',
  'request_hash',
  'result_json',
  'created_at',
] as const;

function insertSql(table: string, columns: readonly string[]): string {
  return `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`;
}

/** Builds the writer for one connection; its statements live as long as the connection. */
export function createSqliteHoldWriter(raw: BetterSqlite3.Database): SingleHoldWriter {
  const guard = raw.prepare(
    `update "stock_levels" set "reserved" = "reserved" + @quantity, "updated_at" = @nowMs
     where "tenant_id" = @tenantId and "sku_id" = @skuId and "warehouse_id" = @warehouseId
       and "on_hand" - "reserved" >= @quantity`,
  );
  const hold = raw.prepare(insertSql('holds', HOLD_COLUMNS));
  const line = raw.prepare(insertSql('hold_lines', LINE_COLUMNS));
  const movement = raw.prepare(insertSql('movements', MOVEMENT_COLUMNS));
  const operation = raw.prepare(insertSql('operations', OPERATION_COLUMNS));
  return async function recordHoldSqlite(_trx, write: SingleHoldWrite): Promise<boolean> {
    const { level, quantity, nowMs } = write;
    // The guard first: when it refuses, nothing has been written.
    if (guard.run({ ...level, quantity, nowMs }).changes !== 1) return false;
    hold.run(write.hold);
    line.run(write.line);
    movement.run(write.movement);
    operation.run(write.operation);
    return true;
  };
}
