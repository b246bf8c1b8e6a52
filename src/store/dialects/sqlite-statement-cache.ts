/**
 * Kysely's SQLite driver prepares every statement it runs; preparing costs about as much as
 * running a small statement. This keeps the most recently used prepared statements by their SQL
 * text, so repeated queries (every command runs the same few) are prepared once. The driver runs
 * each statement right after preparing it, so `beforeWrite` is told just before any statement that
 * may change the database runs (the batch writer opens a command's savepoint there).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept; `in (…)` lists of many lengths are the main source of variety. */
const MAX_CACHED_STATEMENTS = 500;

export function withStatementCache(
  raw: BetterSqlite3.Database,
  hooks: { beforeWrite: () => void },
): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const pick = (text: string): BetterSqlite3.Statement => {
    const cached = cache.get(text);
    // A statement still being iterated (a streamed query) cannot run again until it is done.
    if (cached && !cached.busy) {
      cache.delete(text);
      cache.set(text, cached);
      return cached;
    }
    const statement = raw.prepare(text);
    if (!cached) {
      cache.set(text, statement);
      if (cache.size > MAX_CACHED_STATEMENTS) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
    }
    return statement;
  };
  return {
    close: () => raw.close(),
    prepare(text: string): SqliteStatement {
      const statement = pick(text);
      if (!statement.readonly) hooks.beforeWrite();
      return statement;
    },
  };
}
