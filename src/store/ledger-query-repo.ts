/**
 * Reading the ledger: movements with SKU and warehouse codes, filtered and paged by id (keyset,
 * so deep pages cost the same as the first and concurrent appends never shift a page).
 */
import type { Kysely } from 'kysely';
import type { MovementKind, ReferenceType } from '../domain/movements.ts';
import type { DB } from './schema.ts';

export interface LedgerQuery {
  sku?: string;
  warehouse?: string;
  kinds?: readonly MovementKind[];
  referenceType?: ReferenceType;
  referenceId?: string;
  holdId?: string;
  fromMs?: number;
  /** Exclusive. */
  toMs?: number;
  /** Continue after this movement id (exclusive), in the chosen order. */
  afterId?: number;
  descending: boolean;
  limit: number;
}

export interface LedgerRow {
  id: number;
  kind: MovementKind;
  sku: string;
  warehouse: string;
  onHandDelta: number;
  reservedDelta: number;
  counted: number | null;
  referenceType: ReferenceType;
  referenceId: string | null;
  holdId: string | null;
  operationKey: string;
  actor: string;
  note: string | null;
  createdAtMs: number;
}

/** Up to `limit` movements, and whether more follow. */
export async function listMovements(
  db: Kysely<DB>,
  tenantId: string,
  q: LedgerQuery,
): Promise<{ rows: LedgerRow[]; hasMore: boolean }> {
  let query = db
    .selectFrom('movements as m')
    .innerJoin('skus as s', 's.id', 'm.sku_id')
    .innerJoin('warehouses as w', 'w.id', 'm.warehouse_id')
    .select([
      'm.id',
      'm.kind',
      's.code as sku',
      'w.code as warehouse',
      'm.on_hand_delta',
      'm.reserved_delta',
      'm.counted',
      'm.reference_type',
      'm.reference_id',
      'm.hold_id',
      'm.operation_key',
      'm.actor',
      'm.note',
      'm.created_at',
    ])
    .where('m.tenant_id', '=', tenantId);
  if (q.sku !== undefined)
    query = query.where('s.code', '=', q.sku).where('s.tenant_id', '=', tenantId);
  if (q.warehouse !== undefined)
    query = query.where('w.code', '=', q.warehouse).where('w.tenant_id', '=', tenantId);
  if (q.kinds && q.kinds.length > 0) query = query.where('m.kind', 'in', [...q.kinds]);
  if (q.referenceType !== undefined) query = query.where('m.reference_type', '=', q.referenceType);
  if (q.referenceId !== undefined) query = query.where('m.reference_id', '=', q.referenceId);
  if (q.holdId !== undefined) query = query.where('m.hold_id', '=', q.holdId);
  if (q.fromMs !== undefined) query = query.where('m.created_at', '>=', q.fromMs);
  if (q.toMs !== undefined) query = query.where('m.created_at', '<', q.toMs);
  if (q.afterId !== undefined) query = query.where('m.id', q.descending ? '<' : '>', q.afterId);
  const rows = await query
    .orderBy('m.id', q.descending ? 'desc' : 'asc')
    .limit(q.limit + 1)
    .execute();
  return {
    rows: rows.slice(0, q.limit).map((r) => ({
      id: Number(r.id),
      kind: r.kind as MovementKind,
      sku: r.sku,
      warehouse: r.warehouse,
      onHandDelta: Number(r.on_hand_delta),
      reservedDelta: Number(r.reserved_delta),
      counted: r.counted === null ? null : Number(r.counted),
      referenceType: r.reference_type as ReferenceType,
      referenceId: r.reference_id,
      holdId: r.hold_id,
      operationKey: r.operation_key,
      actor: r.actor,
      note: r.note,
      createdAtMs: Number(r.created_at),
    })),
    hasMore: rows.length > q.limit,
  };
}
