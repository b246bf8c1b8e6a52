/**
 * Closes a StockPool and drops its test database without tripping over pg's Pool.end(), which
 * resolves before its sockets are closed: dropping the database WITH (FORCE) at that moment
 * kills a closing connection, whose error then escapes as an uncaught exception in whatever
 * test created it. So wait (at most 5 s) until the server sees no connection to the database.
 */
import pg from 'pg';
import type { StockPool } from '../../src/main.ts';
import { PG_ADMIN_URL, type TestDatabase } from './databases.ts';

export async function closeAndDrop(pool: StockPool, testDb: TestDatabase): Promise<void> {
  await pool.close();
  if (testDb.dialect === 'postgres') await waitForDisconnect(new URL(testDb.url).pathname.slice(1));
  await testDb.drop();
}

async function waitForDisconnect(database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const r = await admin.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = $1',
        [database],
      );
      if (r.rows[0]?.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await admin.end();
  }
}
