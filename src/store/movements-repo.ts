/** Appends ledger movements. The ledger is never updated or deleted. */
import type { MovementKind, ReferenceType } from '../domain/movements.ts';
import type { Insertable } from 'kysely';
import type { DB } from './schema.ts';
import type { Tx } from './write-executor.ts';

export interface NewMovement {
  kind: MovementKind;
  skuId: number;
  warehouseId: number;
  onHandDelta: number;
  reservedDelta: number;
  counted?: number | null;
  holdId?: string | null;
}

export interface MovementContext {
  tenantId: string;
  operationKey: string;
  referenceType: ReferenceType;
  referenceId: string | null;
  actor: string;
  note?: string | null;
  nowMs: number;
}

/** Inserts movements numbered 1..n under the operation's key; (tenant, key, seq) is unique. */
export async function appendMovements(
  trx: Tx,
  ctx: MovementContext,
  movements: readonly NewMovement[],
): Promise<void> {
  if (movements.length === 0) return;
  await trx.insertInto('movements').values(toMovementRows(ctx, movements)).execute();
}

export type MovementRow = Omit<Insertable<DB['movements']>, 'id'>;

/** The rows appendMovements writes; engine-specific writers insert exactly these. */
export function toMovementRows(
  ctx: MovementContext,
  movements: readonly NewMovement[],
): MovementRow[] {
  return movements.map((m, i) => ({
    tenant_id: ctx.tenantId,
    operation_key: ctx.operationKey,
    seq: i + 1,
    kind: m.kind,
    sku_id: m.skuId,
    warehouse_id: m.warehouseId,
    on_hand_delta: m.onHandDelta,
    reserved_delta: m.reservedDelta,
    counted: m.counted ?? null,
    reference_type: ctx.referenceType,
    reference_id: ctx.referenceId,
    hold_id: m.holdId ?? null,
    actor: ctx.actor,
    note: ctx.note ?? null,
    created_at: ctx.nowMs,
  }));
}
