/** Builds the app over a throw-away SQLite file and returns its OpenAPI document. */
import { readFileSync } from 'node:fs';
import { buildApp } from '../../src/http/app.ts';
import { openStockPool } from '../../src/main.ts';
import { createSqliteDatabase } from './databases.ts';

export async function generateOpenApiDocument(): Promise<unknown> {
  const testDb = await createSqliteDatabase();
  const pool = await openStockPool({ databaseUrl: testDb.url });
  try {
    const { version } = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const app = await buildApp(pool, { version, bodyLimitBytes: 1024 * 1024 });
    await app.ready();
    const document = app.swagger();
    await app.close();
    return document;
  } finally {
    await pool.close();
    await testDb.drop();
  }
}
