/**
 * Opens the database a URL names: `postgres://…` (or `postgresql://…`) for PostgreSQL, anything
 * else is a SQLite file path (an optional `sqlite:` / `file:` prefix is stripped).
 */
import type { Kysely } from 'kysely';
import type { DialectName } from './dialect-name.ts';
import { openPostgres } from './dialects/postgres.ts';
import { openSqlite } from './dialects/sqlite.ts';
import type { DB } from './schema.ts';
import type { WriteExecutor } from './write-executor.ts';

export interface Database {
  readonly dialect: DialectName;
  /** For reads and for non-stock writes (settings, SKUs, tokens). */
  readonly db: Kysely<DB>;
  /** For every stock-changing command. */
  readonly writer: WriteExecutor;
  /** The SQLite file path, or the PostgreSQL URL. */
  readonly location: string;
  close(): Promise<void>;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function sqlitePathOf(url: string): string {
  return url.replace(/^(sqlite|file):(\/\/)?/i, '');
}

export function openDatabase(url: string, options: { poolSize?: number } = {}): Database {
  if (isPostgresUrl(url)) {
    const h = openPostgres(url, options);
    return {
      dialect: 'postgres',
      db: h.db,
      writer: h.writer,
      location: url,
      close: () => h.db.destroy(),
    };
  }
  const file = sqlitePathOf(url);
  const h = openSqlite(file);
  return {
    dialect: 'sqlite',
    db: h.db,
    writer: h.writer,
    location: file,
    close: () => h.db.destroy(),
  };
}
