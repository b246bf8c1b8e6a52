/**
 * SQLite's own path for a plain hold, as statements prepared once on the raw connection and bound
 * by position (binding by name costs a property lookup per column in the driver):
 *  - the target lookup, the same SQL as catalog-lookup.ts's portable one;
 *  - the writer: the guard UPDATE and three INSERTs, run back to back without yielding, in the
 *    batch writer's transaction on this same connection. All or nothing by itself (the guard
 *    first; nothing is written when it refuses), so it needs no savepoint of its own: it tells
 *    the command scope it wrote unguarded.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { HoldTargetReader, HoldTargetRow } from '../catalog-lookup.ts';
import type { SingleHoldWrite, SingleHoldWriter } from '../holds-repo.ts';
import type { SqliteCommandScope } from './sqlite-command-scope.ts';

/** The target lookup's columns, in its select list's order. */
type HoldTargetColumns = [
  HoldTargetRow['sku_id'],
  HoldTargetRow['sku_code'],
  HoldTargetRow['is_bundle'],
  HoldTargetRow['allow_backorder'],
  HoldTargetRow['warehouse_id'],
  HoldTargetRow['warehouse_code'],
  HoldTargetRow['op_kind'],
  HoldTargetRow['op_request_hash'],
  HoldTargetRow['op_result_json'],
];

export interface SqliteHoldPath {
  findTarget: HoldTargetReader;
  record: SingleHoldWriter;
}

// Each insert writes the columns the portable one does (toHoldRow, toMovementRows,
// toOperationRow), in this order.
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
];
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
];
const OPERATION_COLUMNS = ['tenant_id', 'key', 'kind', 'request_hash', 'result_json', 'created_at'];

function insertSql(table: string, columns: readonly string[]): string {
  return `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
}

/** Builds the hold path for one connection; its statements live as long as the connection. */
export function createSqliteHoldPath(
  raw: BetterSqlite3.Database,
  scope: SqliteCommandScope,
): SqliteHoldPath {
  const target = raw.prepare(
    `select s.id as sku_id, s.code as sku_code, s.is_bundle, s.allow_backorder,
       w.id as warehouse_id, w.code as warehouse_code,
       o.kind as op_kind, o.request_hash as op_request_hash, o.result_json as op_result_json
     from (select 1 as one) as target
     left join skus as s on s.tenant_id = ? and s.code = ?
     left join warehouses as w on w.tenant_id = ? and w.code = ?
     left join operations as o on o.tenant_id = ? and o.key = ?`,
  );
  const guard = raw.prepare(
    `update "stock_levels" set "reserved" = "reserved" + ?, "updated_at" = ?
     where "tenant_id" = ? and "sku_id" = ? and "warehouse_id" = ?
       and "on_hand" - "reserved" >= ?`,
  );
  const hold = raw.prepare(insertSql('holds', HOLD_COLUMNS));
  const movement = raw.prepare(insertSql('movements', MOVEMENT_COLUMNS));
  const operation = raw.prepare(insertSql('operations', OPERATION_COLUMNS));

  // Rows as arrays: the driver builds an array faster than an object with named properties.
  target.raw(true);
  function findTarget(q: Parameters<HoldTargetReader>[0]): HoldTargetRow | undefined {
    const r = target.get(
      q.tenantId,
      q.skuCode,
      q.tenantId,
      q.warehouseCode,
      q.tenantId,
      q.operationKey,
    ) as HoldTargetColumns | undefined;
    if (!r) return undefined;
    return {
      sku_id: r[0],
      sku_code: r[1],
      is_bundle: r[2],
      allow_backorder: r[3],
      warehouse_id: r[4],
      warehouse_code: r[5],
      op_kind: r[6],
      op_request_hash: r[7],
      op_result_json: r[8],
    };
  }

  async function record(_trx: unknown, write: SingleHoldWrite): Promise<boolean> {
    const { level, quantity, nowMs, hold: h, movement: m, operation: o } = write;
    // The guard first: when it refuses, nothing has been written.
    if (
      guard.run(quantity, nowMs, level.tenantId, level.skuId, level.warehouseId, quantity)
        .changes !== 1
    ) {
      return false;
    }
    scope.wroteUnguarded();
    hold.run(
      h.id,
      h.tenant_id,
      h.sku_id,
      h.warehouse_id,
      h.quantity,
      h.status,
      h.order_ref,
      h.line_ref ?? null,
      h.operation_key,
      h.actor,
      h.expires_at ?? null,
      h.created_at,
      h.updated_at,
    );
    movement.run(
      m.tenant_id,
      m.operation_key,
      m.seq,
      m.kind,
      m.sku_id,
      m.warehouse_id,
      m.on_hand_delta,
      m.reserved_delta,
      m.counted ?? null,
      m.reference_type,
      m.reference_id ?? null,
      m.hold_id ?? null,
      m.actor,
      m.note ?? null,
      m.created_at,
    );
    operation.run(o.tenant_id, o.key, o.kind, o.request_hash, o.result_json, o.created_at);
    return true;
  }

  return { findTarget, record };
}
