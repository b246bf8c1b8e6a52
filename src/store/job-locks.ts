/**
 * Periodic jobs run on one worker at a time. PostgreSQL: a session advisory lock held on one
 * pooled connection for the job's duration (released by the server if the worker dies). SQLite
 * has one writer process by design, so an in-process flag is enough.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DialectName } from './dialect-name.ts';
import type { DB } from './schema.ts';

const running = new Set<string>();

/** A stable 63-bit key for a job name. */
function lockKeyOf(name: string): string {
  return BigInt.asIntN(
    64,
    BigInt('0x' + createHash('sha256').update(`stockpool:${name}`).digest('hex').slice(0, 16)),
  ).toString();
}

/** Runs `job` unless another worker (or this one) is running the job of that name; false if skipped. */
export async function runExclusive(
  db: Kysely<DB>,
  dialect: DialectName,
  name: string,
  job: () => Promise<void>,
): Promise<boolean> {
  if (running.has(name)) return false;
  running.add(name);
  try {
    if (dialect === 'sqlite') {
      await job();
      return true;
    }
    return await db.connection().execute(async (conn) => {
      const key = lockKeyOf(name);
      const got = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_lock(${key}::bigint) as locked`.execute(conn);
      if (!got.rows[0]?.locked) return false;
      try {
        await job();
        return true;
      } finally {
        await sql`select pg_advisory_unlock(${key}::bigint)`.execute(conn);
      }
    });
  } finally {
    running.delete(name);
  }
}

/**
 * Claims the periodic job's next run for this worker: true when it last started at least
 * `intervalMs` ago (or never), in which case its start is recorded now; false when another worker
 * (or this one) started it more recently. One conditional upsert, so two workers never both win.
 */
export async function claimJobRun(
  db: Kysely<DB>,
  name: string,
  q: { nowMs: number; intervalMs: number },
): Promise<boolean> {
  const r = await db
    .insertInto('job_runs')
    .values({ name, last_run_at: q.nowMs })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ last_run_at: q.nowMs })
        .where('job_runs.last_run_at', '<=', q.nowMs - q.intervalMs),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
