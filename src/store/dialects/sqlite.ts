/**
 * SQLite engine: one better-sqlite3 connection in WAL mode. SQLite has one writer at a time, so
 * writes are group-committed: commands that arrive while a transaction runs are queued and run
 * together in the next one; a failed command is rolled back alone (to its savepoint, opened only
 * when it writes: sqlite-command-scope.ts), so every command's result stays exact.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { Outcome } from '../../domain/outcome.ts';
import { useEngineHoldTargetReader } from '../catalog-lookup.ts';
import { useEngineHoldWriter } from '../holds-repo.ts';
import type { DB } from '../schema.ts';
import type { Tx, WriteCommand, WriteExecutor } from '../write-executor.ts';
import { SqliteCommandScope } from './sqlite-command-scope.ts';
import { createSqliteHoldPath, type SqliteHoldPath } from './sqlite-holds.ts';
import { withStatementCache } from './sqlite-statement-cache.ts';

/** Most commands per transaction: bounds the latency one batch adds to the requests behind it. */
const MAX_COMMANDS_PER_BATCH = 256;

export interface SqliteHandle {
  db: Kysely<DB>;
  raw: BetterSqlite3.Database;
  writer: WriteExecutor;
}

export function openSqlite(file: string): SqliteHandle {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  configureSqliteConnection(raw);
  const scope = new SqliteCommandScope(raw);
  const database = withStatementCache(raw, { beforeWrite: () => scope.beforeWrite() });
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
  return { db, raw, writer: new SqliteBatchWriter(db, raw, scope) };
}

/** The connection settings StockPool runs with (the holds benchmark gives its raw loop the same). */
export function configureSqliteConnection(raw: BetterSqlite3.Database): void {
  raw.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commits.
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  // Other processes (CLI import, backup) wait for the writer instead of failing at once.
  raw.pragma('busy_timeout = 10000');
  // Checkpoint every ~40 MB of WAL instead of SQLite's ~4 MB: a page rewritten by many commits in
  // between (a stock row's page, a SKU's ledger tail) is copied into the database once, not once
  // per 4 MB. Measured: +30 % holds/s spread over 10,000 SKUs, +10 % for the raw loop.
  raw.pragma('wal_autocheckpoint = 10000');
}

interface Pending {
  command: WriteCommand<unknown>;
  resolve: (outcome: Outcome<unknown>) => void;
  reject: (error: unknown) => void;
}

type Settled =
  { pending: Pending; outcome: Outcome<unknown> } | { pending: Pending; error: unknown };

class SqliteBatchWriter implements WriteExecutor {
  private readonly queue: Pending[] = [];
  private draining = false;
  // Transaction control on the raw connection, prepared once. IMMEDIATE takes the write lock up
  // front, so another process cannot make a batch fail mid-way.
  private readonly begin: BetterSqlite3.Statement;
  private readonly commit: BetterSqlite3.Statement;
  private readonly rollback: BetterSqlite3.Statement;
  /** Prepared on the first batch: the tables exist only once migrations have run. */
  private holdPath: SqliteHoldPath | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly raw: BetterSqlite3.Database,
    private readonly scope: SqliteCommandScope,
  ) {
    this.begin = raw.prepare('begin immediate');
    this.commit = raw.prepare('commit');
    this.rollback = raw.prepare('rollback');
  }

  run<T>(command: WriteCommand<T>): Promise<Outcome<T>> {
    return new Promise<Outcome<T>>((resolve, reject) => {
      this.queue.push({
        command,
        resolve: resolve as (o: Outcome<unknown>) => void,
        reject,
      });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        await this.runBatch(this.queue.splice(0, MAX_COMMANDS_PER_BATCH));
      }
    } finally {
      this.draining = false;
    }
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    let settled: Settled[];
    try {
      // Holding Kysely's one connection keeps every other query out while the batch runs; the
      // control statements go straight to the same connection underneath.
      settled = await this.db.connection().execute(async (conn) => {
        this.holdPath ??= createSqliteHoldPath(this.raw, this.scope);
        useEngineHoldTargetReader(conn, this.holdPath.findTarget);
        useEngineHoldWriter(conn, this.holdPath.record);
        // A command that could not be undone alone (see sqlite-command-scope.ts) sends the whole
        // batch round again in safe mode.
        return (
          (await this.runTransaction(conn, batch, false)) ??
          (await this.runTransaction(conn, batch, true)) ??
          unreachable()
        );
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    // Resolve only after COMMIT: a caller never sees a result that could still be rolled back.
    for (const s of settled) {
      if ('outcome' in s) s.pending.resolve(s.outcome);
      else s.pending.reject(s.error);
    }
  }

  /** One transaction over the batch; null when it had to be rolled back whole. */
  private async runTransaction(
    conn: Tx,
    batch: Pending[],
    safe: boolean,
  ): Promise<Settled[] | null> {
    this.begin.run();
    try {
      const results: Settled[] = [];
      for (const pending of batch) {
        const settled = await this.runCommand(conn, pending, safe);
        if (!settled) {
          this.rollback.run();
          return null;
        }
        results.push(settled);
      }
      this.commit.run();
      return results;
    } catch (error) {
      this.scope.abandon();
      if (this.raw.inTransaction) this.rollback.run();
      throw error;
    }
  }

  private async runCommand(conn: Tx, pending: Pending, safe: boolean): Promise<Settled | null> {
    this.scope.start(safe);
    let settled: Settled;
    try {
      settled = { pending, outcome: await pending.command(conn) };
    } catch (error) {
      settled = { pending, error };
    }
    const failed = 'error' in settled || !settled.outcome.ok;
    return this.scope.end(failed) === 'restart' ? null : settled;
  }
}

function unreachable(): never {
  throw new Error('a batch in safe mode asked to be run again');
}
