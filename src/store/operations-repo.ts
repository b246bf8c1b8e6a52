/** Idempotency records: one row per command key, holding a hash of the request and its first result. */
import type { Insertable } from 'kysely';
import type { DB } from './schema.ts';
import type { Tx } from './write-executor.ts';

export interface OperationRecord {
  kind: string;
  requestHash: string;
  result: unknown;
}

export interface NewOperation {
  tenantId: string;
  key: string;
  kind: string;
  requestHash: string;
  /** The first result, already serialized: it is stored and replayed byte for byte. */
  resultJson: string;
  nowMs: number;
}

export type OperationRow = Insertable<DB['operations']>;

export async function findOperation(
  trx: Tx,
  tenantId: string,
  key: string,
): Promise<OperationRecord | null> {
  const row = await trx
    .selectFrom('operations')
    .select(['kind', 'request_hash', 'result_json'])
    .where('tenant_id', '=', tenantId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? toOperationRecord(row) : null;
}

export function toOperationRecord(row: {
  kind: string;
  request_hash: string;
  result_json: string;
}): OperationRecord {
  return { kind: row.kind, requestHash: row.request_hash, result: JSON.parse(row.result_json) };
}

export function toOperationRow(op: NewOperation): OperationRow {
  return {
    tenant_id: op.tenantId,
    key: op.key,
    kind: op.kind,
    request_hash: op.requestHash,
    result_json: op.resultJson,
    created_at: op.nowMs,
  };
}

export async function insertOperation(
  trx: Tx,
  row: {
    tenantId: string;
    key: string;
    kind: string;
    requestHash: string;
    result: unknown;
    nowMs: number;
  },
): Promise<void> {
  await insertOperationRow(trx, toOperationRow({ ...row, resultJson: JSON.stringify(row.result) }));
}

export async function insertOperationRow(trx: Tx, row: OperationRow): Promise<void> {
  await trx.insertInto('operations').values(row).execute();
}
