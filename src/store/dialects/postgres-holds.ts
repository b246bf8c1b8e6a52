/**
 * PostgreSQL's writer of a plain hold: one statement whose data-modifying CTEs insert the hold
 * (a plain hold has no hold_lines row), the ledger movement and the idempotency record only if
 * the guard UPDATE reserved the stock. One round trip instead of four, and all or nothing as any
 * single statement is.
 */
import { sql } from 'kysely';
import type { SingleHoldWrite } from '../holds-repo.ts';
import type { Tx } from '../write-executor.ts';

export async function recordHoldPostgres(trx: Tx, write: SingleHoldWrite): Promise<boolean> {
  const { level, quantity, nowMs, hold: h, movement: m, operation: o } = write;
  const { rows } = await sql<{ reserved: number }>`
    with guard as (
      update stock_levels
      set reserved = reserved + ${quantity}::bigint, updated_at = ${nowMs}::bigint
      where tenant_id = ${level.tenantId} and sku_id = ${level.skuId}::bigint
        and warehouse_id = ${level.warehouseId}::bigint
        and on_hand - reserved >= ${quantity}::bigint
      returning 1
    ), new_hold as (
      insert into holds (id, tenant_id, sku_id, warehouse_id, quantity, status, order_ref,
        line_ref, operation_key, actor, expires_at, created_at, updated_at)
      select ${h.id}::text, ${h.tenant_id}::text, ${h.sku_id}::bigint, ${h.warehouse_id}::bigint,
        ${h.quantity}::integer, ${h.status}::text, ${h.order_ref}::text, ${h.line_ref ?? null}::text,
        ${h.operation_key}::text, ${h.actor}::text, ${h.expires_at ?? null}::bigint,
        ${h.created_at}::bigint, ${h.updated_at}::bigint
      from guard
    ), new_movement as (
      insert into movements (tenant_id, operation_key, seq, kind, sku_id, warehouse_id,
        on_hand_delta, reserved_delta, counted, reference_type, reference_id, hold_id, actor, note,
        created_at)
      select ${m.tenant_id}::text, ${m.operation_key}::text, ${m.seq}::integer, ${m.kind}::text,
        ${m.sku_id}::bigint, ${m.warehouse_id}::bigint, ${m.on_hand_delta}::bigint,
        ${m.reserved_delta}::bigint, ${m.counted ?? null}::bigint, ${m.reference_type}::text,
        ${m.reference_id ?? null}::text, ${m.hold_id ?? null}::text, ${m.actor}::text,
        ${m.note ?? null}::text, ${m.created_at}::bigint
      from guard
    ), new_operation as (
      insert into operations (tenant_id, key, kind, request_hash, result_json, created_at)
      select ${o.tenant_id}::text, ${o.key}::text, ${o.kind}::text, ${o.request_hash}::text,
        ${o.result_json}::text, ${o.created_at}::bigint
      from guard
    )
    select count(*)::integer as reserved from guard
  `.execute(trx);
  return rows[0]?.reserved === 1;
}
