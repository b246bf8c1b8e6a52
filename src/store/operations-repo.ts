/** Idempotency records: one row per command key, holding a hash of the request and its first result. */
import type { Tx } from './write-executor.ts';

export interface OperationRecord {
  kind: string;
  requestHash: string;
  result: unknown;
}

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
  if (!row) return null;
  return { kind: row.kind, requestHash: row.request_hash, result: JSON.parse(row.result_json) };
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
  await trx
    .insertInto('operations')
    .values({
      tenant_id: row.tenantId,
      key: row.key,
      kind: row.kind,
      request_hash: row.requestHash,
      result_json: JSON.stringify(row.result),
      created_at: row.nowMs,
    })
    .execute();
}
