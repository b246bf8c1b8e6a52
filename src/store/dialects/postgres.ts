/**
 * PostgreSQL engine: a pg pool; each command runs in its own READ COMMITTED transaction. The
 * conditional UPDATE re-checks its WHERE clause on the newest row version after waiting for the
 * row lock, so concurrent holds from many processes cannot oversell. Transactions that lose a
 * deadlock, a serialization check or an idempotency-key race are retried; on the retry the
 * command sees the winner's row and replays its result.
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Outcome } from '../../domain/outcome.ts';
import type { DB } from '../schema.ts';
import type { WriteCommand, WriteExecutor } from '../write-executor.ts';

const MAX_ATTEMPTS = 6;
/** Unique constraints whose violation means "another transaction did this first": retry to replay. */
const REPLAY_CONSTRAINTS = new Set(['operations_pk', 'movements_key']);
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

export interface PostgresHandle {
  db: Kysely<DB>;
  pool: pg.Pool;
  writer: WriteExecutor;
}

export function openPostgres(url: string, options: { poolSize?: number } = {}): PostgresHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // BIGINT columns hold epoch ms and quantities, all far below 2^53: read them as numbers.
    types: { getTypeParser: parseBigintAsNumber as typeof pg.types.getTypeParser },
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, writer: new PostgresTxWriter(db) };
}

const INT8_OID = 20;

function parseBigintAsNumber(oid: number, format?: 'text'): (value: string) => unknown {
  if (oid === INT8_OID) return (value: string): number => Number(value);
  return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
}

/** Carries a failed Outcome out of Kysely's transaction callback so the transaction rolls back. */
class RollbackWith extends Error {
  constructor(readonly outcome: Outcome<unknown>) {
    super('command failed; rolling back');
  }
}

class PostgresTxWriter implements WriteExecutor {
  constructor(private readonly db: Kysely<DB>) {}

  async run<T>(command: WriteCommand<T>): Promise<Outcome<T>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute(async (trx) => {
          const outcome = await command(trx);
          if (!outcome.ok) throw new RollbackWith(outcome);
          return outcome;
        });
      } catch (error) {
        if (error instanceof RollbackWith) return error.outcome as Outcome<T>;
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
      }
    }
  }
}

function isRetryable(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  if (e.code && RETRYABLE_SQLSTATES.has(e.code)) return true;
  return e.code === '23505' && e.constraint !== undefined && REPLAY_CONSTRAINTS.has(e.constraint);
}
