/**
 * Fresh real databases for a benchmark run: SQLite files in a temporary directory, and PostgreSQL
 * databases created on the machine's server and dropped when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PG_ADMIN_URL =
  process.env.STOCKPOOL_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

export function createSqliteFile(name: string): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'stockpool-bench-'));
  return {
    url: join(dir, `${name}.db`),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function createPostgresDatabase(name: string): Promise<BenchDatabase> {
  const database = `stockpool_bench_${name}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${database}`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    drop: () => dropDatabase(database),
  };
}

/**
 * Drops a benchmark database. A pool that has just been closed may still be ending its
 * connections; forcing them off at once makes the server kill them mid-goodbye, so wait briefly
 * for them to go before forcing.
 */
async function dropDatabase(database: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${database}`));
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
}

/** The server's version string, or null when no PostgreSQL answers at the admin URL. */
export async function probePostgres(): Promise<string | null> {
  try {
    const result = await withAdmin((c) =>
      c.query<{ v: string }>("select current_setting('server_version') as v"),
    );
    return result.rows[0]?.v ?? null;
  } catch {
    return null;
  }
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
