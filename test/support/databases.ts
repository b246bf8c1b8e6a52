/**
 * Real databases for tests: a fresh SQLite file per test, and a fresh PostgreSQL database per
 * test on the machine's server (created and dropped here). Under CI=true PostgreSQL must answer;
 * elsewhere its suite is skipped, with a message, only when no server answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DialectName } from '../../src/store/dialect-name.ts';

export const PG_ADMIN_URL =
  process.env.STOCKPOOL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let pgAvailable: Promise<boolean> | undefined;

async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    if (process.env.CI === 'true')
      throw new Error(`CI=true but PostgreSQL does not answer at ${PG_ADMIN_URL}`, {
        cause: error,
      });
    console.warn(`# PostgreSQL not reachable at ${PG_ADMIN_URL}: PostgreSQL tests are skipped`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function isPostgresAvailable(): Promise<boolean> {
  pgAvailable ??= probePostgres();
  return pgAvailable;
}

export interface TestDatabase {
  dialect: DialectName;
  url: string;
  drop(): Promise<void>;
}

export async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'stockpool-test-'));
  return {
    dialect: 'sqlite',
    url: join(dir, 'test.db'),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `stockpool_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dialect: 'postgres',
    url: url.toString(),
    drop: () =>
      withAdmin(async (c) => {
        await waitForDisconnect(c, name);
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}

/**
 * pg's Pool.end() resolves before its sockets are closed; forcing the drop at that moment kills a
 * closing connection under the test that opened it. Wait (at most 5 s) until none is left.
 */
async function waitForDisconnect(admin: pg.Client, database: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = await admin.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where datname = $1',
      [database],
    );
    if (r.rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The engines to run a suite on: SQLite always, PostgreSQL when it answers (always under CI). */
export async function availableDialects(): Promise<DialectName[]> {
  return (await isPostgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}

export function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  return dialect === 'sqlite' ? createSqliteDatabase() : createPostgresDatabase();
}
