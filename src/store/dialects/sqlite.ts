/**
 * SQLite engine: one better-sqlite3 connection in WAL mode. SQLite has one writer at a time, so
 * writes are group-committed: commands that arrive while a transaction runs are queued and run
 * together in the next one, each inside its own savepoint so a failed command is rolled back
 * alone and every command's result stays exact.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Outcome } from '../../domain/outcome.ts';
import type { DB } from '../schema.ts';
import type { Tx, WriteCommand, WriteExecutor } from '../write-executor.ts';

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
  raw.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commits.
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  // Other processes (CLI import, backup) wait for the writer instead of failing at once.
  raw.pragma('busy_timeout = 10000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
  return { db, raw, writer: new SqliteBatchWriter(db) };
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

  constructor(private readonly db: Kysely<DB>) {}

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
      settled = await this.db.connection().execute(async (conn) => {
        // IMMEDIATE takes the write lock up front, so another process cannot make us fail mid-way.
        await sql`begin immediate`.execute(conn);
        try {
          const results: Settled[] = [];
          for (const pending of batch) results.push(await runInSavepoint(conn, pending));
          await sql`commit`.execute(conn);
          return results;
        } catch (error) {
          await sql`rollback`.execute(conn).catch(() => undefined);
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
}

async function runInSavepoint(conn: Tx, pending: Pending): Promise<Settled> {
  await sql`savepoint command`.execute(conn);
  try {
    const outcome = await pending.command(conn);
    if (!outcome.ok) await sql`rollback to command`.execute(conn);
    await sql`release command`.execute(conn);
    return { pending, outcome };
  } catch (error) {
    await sql`rollback to command`.execute(conn);
    await sql`release command`.execute(conn);
    return { pending, error };
  }
}
