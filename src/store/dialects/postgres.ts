/**
 * PostgreSQL engine: a pg pool. Stock commands are group-committed per connection: the commands
 * waiting when a connection frees up run one after another in one READ COMMITTED transaction, so
 * they share one COMMIT (one WAL flush) and every statement is a named prepared statement on that
 * connection. The conditional UPDATE re-checks its WHERE clause on the newest row version after
 * waiting for the row lock, so concurrent holds from many processes cannot oversell.
 *
 * Every command's result stays exact without savepoints: a batch commits only if every command in
 * it succeeded. When one fails (or throws), the transaction rolls back and the batch is split: the
 * commands before it run again as a batch, the failing one runs alone (a transaction of its own,
 * whose rollback is exactly its failure), then the rest. Transactions that lose a deadlock, a
 * serialization check or an idempotency-key race are retried; on the retry the command sees the
 * winner's row and replays its result.
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Outcome } from '../../domain/outcome.ts';
import { useEngineHoldWriter } from '../holds-repo.ts';
import type { DB } from '../schema.ts';
import type { WriteCommand, WriteExecutor } from '../write-executor.ts';
import { kyselyOnClient } from './postgres-connection.ts';
import { recordHoldPostgres } from './postgres-holds.ts';

const MAX_ATTEMPTS = 6;
/** Most commands per transaction: bounds the latency one batch adds to the commands in it. */
const MAX_COMMANDS_PER_BATCH = 32;
/**
 * Commands of one batch take row locks in no common order, so two batches can deadlock; PostgreSQL
 * would only notice after deadlock_timeout (1 s by default). A batch that waits this long for a
 * lock gives up instead: its commands run one by one, and for a while this process runs one
 * batch at a time, which cannot deadlock with itself and suits a few hot rows best anyway.
 */
const BATCH_LOCK_TIMEOUT_MS = 50;
const CONTENTION_COOLDOWN_MS = 5_000;
/**
 * Statements here are named and prepared once per connection (see postgres-connection.ts). A
 * generic plan made while a table was small (a seq scan of a young `operations` table) would be
 * kept as the table grows, so each execution is planned for the table as it is now; parsing is
 * still saved.
 */
const BEGIN = 'begin; set local plan_cache_mode = force_custom_plan';
/** Unique constraints whose violation means "another transaction did this first": retry to replay. */
const REPLAY_CONSTRAINTS = new Set(['operations_pk', 'movements_key']);
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);
const LOCK_NOT_AVAILABLE = '55P03';

export interface PostgresHandle {
  db: Kysely<DB>;
  pool: pg.Pool;
  writer: WriteExecutor;
}

export function openPostgres(url: string, options: { poolSize?: number } = {}): PostgresHandle {
  const poolSize = options.poolSize ?? 10;
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // BIGINT columns hold epoch ms and quantities, all far below 2^53: read them as numbers.
    types: { getTypeParser: parseBigintAsNumber as typeof pg.types.getTypeParser },
  });
  // A connection the server closes (restart, failover, an admin's terminate) makes pg emit
  // 'error' on the pool or its client; unheard, that would crash the process. The query in flight
  // still fails with the error, and the pool replaces the connection on the next checkout.
  pool.on('error', ignoreConnectionError);
  pool.on('connect', (client) => client.on('error', ignoreConnectionError));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool, writer: new PostgresGroupWriter(pool, poolSize) };
}

function ignoreConnectionError(): void {}

const INT8_OID = 20;

function parseBigintAsNumber(oid: number, format?: 'text'): (value: string) => unknown {
  if (oid === INT8_OID) return (value: string): number => Number(value);
  return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
}

interface Pending {
  command: WriteCommand<unknown>;
  resolve: (outcome: Outcome<unknown>) => void;
  reject: (error: unknown) => void;
}

/** Where a batch stopped: the index of the command that failed, and how. */
type Stop = { at: number; outcome: Outcome<unknown> } | { at: number; error: unknown };

class PostgresGroupWriter implements WriteExecutor {
  private readonly queue: Pending[] = [];
  private running = 0;
  private scheduled = false;
  /** Until then (epoch ms), run one batch at a time: batches recently waited on each other. */
  private contendedUntilMs = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly maxConnections: number,
  ) {}

  run<T>(command: WriteCommand<T>): Promise<Outcome<T>> {
    return new Promise<Outcome<T>>((resolve, reject) => {
      this.queue.push({
        command,
        resolve: resolve as (o: Outcome<unknown>) => void,
        reject,
      });
      this.schedule();
    });
  }

  /** Starts batches on the next turn of the event loop, so commands issued together go together. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.startBatches();
    });
  }

  private startBatches(): void {
    const lanes = Date.now() < this.contendedUntilMs ? 1 : this.maxConnections;
    while (this.queue.length > 0 && this.running < lanes) {
      // Spread what is waiting over the free connections rather than piling it on the first.
      const free = lanes - this.running;
      const size = Math.min(MAX_COMMANDS_PER_BATCH, Math.ceil(this.queue.length / free));
      const batch = this.queue.splice(0, size);
      this.running++;
      void this.runOnConnection(batch).finally(() => {
        this.running--;
        this.schedule();
      });
    }
  }

  private async runOnConnection(batch: Pending[]): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    let broken: Error | undefined;
    try {
      await this.runBatch(client, batch, 1);
    } catch (error) {
      // The connection itself failed (not a command): whatever was unsettled fails with it.
      broken = error instanceof Error ? error : new Error(String(error));
      for (const pending of batch) pending.reject(error);
    } finally {
      client.release(broken);
    }
  }

  /** Runs the batch in one transaction and settles every command in it. */
  private async runBatch(client: pg.PoolClient, batch: Pending[], attempt: number): Promise<void> {
    const trx = kyselyOnClient(client);
    useEngineHoldWriter(trx, recordHoldPostgres);
    await client.query(
      batch.length > 1 ? `${BEGIN}; set local lock_timeout = ${BATCH_LOCK_TIMEOUT_MS}` : BEGIN,
    );
    const outcomes: Outcome<unknown>[] = [];
    let stop: Stop | undefined;
    for (const [at, pending] of batch.entries()) {
      try {
        const outcome = await pending.command(trx);
        if (!outcome.ok) {
          stop = { at, outcome };
          break;
        }
        outcomes.push(outcome);
      } catch (error) {
        stop = { at, error };
        break;
      }
    }
    if (!stop) {
      try {
        await client.query('commit');
      } catch (error) {
        // Whether a failed COMMIT applied is unknown unless PostgreSQL says it rolled back.
        if (isRetryable(error)) return this.retryOrFail(client, batch, { attempt, error });
        throw error;
      }
      batch.forEach((pending, i) => pending.resolve(outcomes[i] as Outcome<unknown>));
      return;
    }
    await client.query('rollback');
    if ('error' in stop && isRetryable(stop.error)) {
      return this.retryOrFail(client, batch, { attempt, error: stop.error });
    }
    return this.split(client, batch, stop);
  }

  /** After a rollback: the failing command alone, with the commands around it batched again. */
  private async split(client: pg.PoolClient, batch: Pending[], stop: Stop): Promise<void> {
    const failing = batch[stop.at];
    if (!failing) throw new Error('a batch stopped at a command it does not have');
    if (stop.at === 0) {
      // It ran first, so it saw exactly what it would have seen alone: that is its result.
      if ('outcome' in stop) failing.resolve(stop.outcome);
      else failing.reject(stop.error);
    } else {
      await this.runBatch(client, batch.slice(0, stop.at), 1);
      await this.runBatch(client, [failing], 1);
    }
    if (stop.at + 1 < batch.length) await this.runBatch(client, batch.slice(stop.at + 1), 1);
  }

  private async retryOrFail(
    client: pg.PoolClient,
    batch: Pending[],
    failure: { attempt: number; error: unknown },
  ): Promise<void> {
    const { attempt, error } = failure;
    if (batch.length > 1 && isLockTimeout(error)) {
      // Likely a deadlock between batches: run these commands one by one, and batches one at a
      // time for a while.
      this.contendedUntilMs = Date.now() + CONTENTION_COOLDOWN_MS;
      for (const pending of batch) await this.runBatch(client, [pending], 1);
      return;
    }
    if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      for (const pending of batch) await this.runBatch(client, [pending], 1);
      return;
    }
    await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    return this.runBatch(client, batch, attempt + 1);
  }
}

function isRetryable(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  if (e.code && RETRYABLE_SQLSTATES.has(e.code)) return true;
  if (e.code === LOCK_NOT_AVAILABLE) return true;
  return e.code === '23505' && e.constraint !== undefined && REPLAY_CONSTRAINTS.has(e.constraint);
}

function isLockTimeout(error: unknown): boolean {
  return (error as { code?: string }).code === LOCK_NOT_AVAILABLE;
}
