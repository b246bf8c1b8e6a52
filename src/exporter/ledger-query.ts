/** Reads the ledger for export: every movement in the order it was written, a page at a time. */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';

const PAGE = 5_000;

export interface LedgerRow {
  id: number;
  createdAtMs: number;
  kind: string;
  sku: string;
  warehouse: string;
  onHandDelta: number;
  reservedDelta: number;
  counted: number | null;
  referenceType: string;
  referenceId: string | null;
  holdId: string | null;
  actor: string;
  note: string | null;
  operationKey: string;
}

export async function* walkLedger(db: Kysely<DB>, tenantId: string): AsyncGenerator<LedgerRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('movements as m')
      .innerJoin('skus as s', 's.id', 'm.sku_id')
      .innerJoin('warehouses as w', 'w.id', 'm.warehouse_id')
      .select([
        'm.id',
        'm.created_at',
        'm.kind',
        's.code as sku',
        'w.code as warehouse',
        'm.on_hand_delta',
        'm.reserved_delta',
        'm.counted',
        'm.reference_type',
        'm.reference_id',
        'm.hold_id',
        'm.actor',
        'm.note',
        'm.operation_key',
      ])
      .where('m.tenant_id', '=', tenantId)
      .where('m.id', '>', after)
      .orderBy('m.id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      id: Number(r.id),
      createdAtMs: Number(r.created_at),
      kind: r.kind,
      sku: r.sku,
      warehouse: r.warehouse,
      onHandDelta: Number(r.on_hand_delta),
      reservedDelta: Number(r.reserved_delta),
      counted: r.counted === null ? null : Number(r.counted),
      referenceType: r.reference_type,
      referenceId: r.reference_id,
      holdId: r.hold_id,
      actor: r.actor,
      note: r.note,
      operationKey: r.operation_key,
    }));
    if (rows.length < PAGE) return;
    after = Number(rows[rows.length - 1]?.id ?? after);
  }
}
