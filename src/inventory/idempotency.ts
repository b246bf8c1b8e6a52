/**
 * Exactly-once commands: the first run under a key stores its result; a later run under the same
 * key changes nothing and returns that result. A key reused for a different request is refused.
 * A command that failed wrote nothing (not even its key), so it may be retried under the same key.
 */
import { createHash } from 'node:crypto';
import { fail, succeed, type Outcome } from '../domain/outcome.ts';
import { findOperation, insertOperation, type OperationRecord } from '../store/operations-repo.ts';
import type { Tx } from '../store/write-executor.ts';

export interface IdempotentSpec {
  tenantId: string;
  key: string;
  kind: string;
  /** The normalized request; its hash detects a key reused for something else. */
  request: unknown;
  nowMs: number;
}

/** The result of an idempotent command, and whether it was replayed rather than applied now. */
export type Replayable<T> = T & { replayed: boolean };

export async function runIdempotent<T extends object>(
  trx: Tx,
  spec: IdempotentSpec,
  apply: () => Promise<Outcome<T>>,
): Promise<Outcome<Replayable<T>>> {
  const requestHash = hashRequest(spec.kind, spec.request);
  const previous = await findOperation(trx, spec.tenantId, spec.key);
  if (previous) return replayOperation<T>(previous, { key: spec.key, requestHash });
  const outcome = await apply();
  if (!outcome.ok) return outcome;
  await insertOperation(trx, { ...spec, requestHash, result: outcome.value });
  return succeed({ ...outcome.value, replayed: false });
}

/**
 * What a command returns when its key was used before: the first result, marked replayed, or
 * IDEMPOTENCY_KEY_REUSED when the key came with a different request.
 */
export function replayOperation<T extends object>(
  previous: OperationRecord,
  request: { key: string; requestHash: string },
): Outcome<Replayable<T>> {
  if (previous.requestHash !== request.requestHash) {
    return fail('IDEMPOTENCY_KEY_REUSED', { key: request.key, firstKind: previous.kind });
  }
  return succeed({ ...(previous.result as T), replayed: true });
}

export function hashRequest(kind: string, request: unknown): string {
  return createHash('sha256')
    .update(kind)
    .update('\0')
    .update(canonicalJson(request))
    .digest('hex');
}

/** JSON with object keys sorted, so equal requests hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
