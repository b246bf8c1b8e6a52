/**
 * SQLite engine: one better-sqlite3 connection in WAL mode. SQLite has one writer at a time, so
 * writes are group-committed: commands that arrive while a transaction runs are queued and run
 * together in the next one, each inside its own savepoint so a failed command is rolled back
 * alone and every command's result stays exact.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import type { Outcome } from '../../domain/outcome.ts';
import { useEngineHoldWriter, type SingleHoldWriter } from '../holds-repo.ts';
import type { DB } from '../schema.ts';
import type { Tx, WriteCommand, WriteExecutor } from '../write-executor.ts';
import { createSqliteHoldWriter } from './sqlite-holds.ts';
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
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  return { db, raw, writer: new SqliteBatchWriter(db, raw) };
}

/** The connection settings StockPool runs with (the holds benchmark gives its raw loop the same). */
export function configureSqliteConnection(raw: BetterSqlite3.Database): void {
  raw.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commits.
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  // Other processes (CLI import, backup) wait for the writer instead of failing at once.
  raw.pragma('busy_timeout = 10000');
}

interface Pending {
  command: WriteCommand<unknown>;
  resolve: (outcome: Outcome<unknown>) => void;
  reject: (error: unknown) => void;
}

type Settled =
  { pending: Pending; outcome: Outcome<unknown> } | { pending: Pending; error: unknown };

/** Transaction control on the raw connection, prepared once: it runs several times per command. */
interface ControlStatements {
  begin: BetterSqlite3.Statement;
  commit: BetterSqlite3.Statement;
  rollback: BetterSqlite3.Statement;
  savepoint: BetterSqlite3.Statement;
  rollbackToSavepoint: BetterSqlite3.Statement;
  releaseSavepoint: BetterSqlite3.Statement;
}

function prepareControl(raw: BetterSqlite3.Database): ControlStatements {
  return {
    // IMMEDIATE takes the write lock up front, so another process cannot make us fail mid-way.
    begin: raw.prepare('begin immediate'),
    commit: raw.prepare('commit'),
    rollback: raw.prepare('rollback'),
    savepoint: raw.prepare('savepoint command'),
    rollbackToSavepoint: raw.prepare('rollback to command'),
    releaseSavepoint: raw.prepare('release command'),
  };
}

class SqliteBatchWriter implements WriteExecutor {
  private readonly queue: Pending[] = [];
  private draining = false;
  private readonly control: ControlStatements;
  /** Prepared on the first batch: the tables exist only once migrations have run. */
  private holdWriter: SingleHoldWriter | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly raw: BetterSqlite3.Database,
  ) {
    this.control = prepareControl(raw);
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
        this.holdWriter ??= createSqliteHoldWriter(this.raw);
        useEngineHoldWriter(conn, this.holdWriter);
        this.control.begin.run();
        try {
          const results: Settled[] = [];
          for (const pending of batch) results.push(await this.runInSavepoint(conn, pending));
          this.control.commit.run();
          return results;
        } catch (error) {
          if (this.raw.inTransaction) this.control.rollback.run();
          throw error;
        }
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

  private async runInSavepoint(conn: Tx, pending: Pending): Promise<Settled> {
    const { savepoint, rollbackToSavepoint, releaseSavepoint } = this.control;
    savepoint.run();
    try {
      const outcome = await pending.command(conn);
      if (!outcome.ok) rollbackToSavepoint.run();
      releaseSavepoint.run();
      return { pending, outcome };
    } catch (error) {
      rollbackToSavepoint.run();
      releaseSavepoint.run();
      return { pending, error };
    }
  }
}
