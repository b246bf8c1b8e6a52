/** Closes a StockPool, then drops its test database (which waits for its connections to go). */
import type { StockPool } from '../../src/main.ts';
import type { TestDatabase } from './databases.ts';

export async function closeAndDrop(pool: StockPool, testDb: TestDatabase): Promise<void> {
  await pool.close();
  await testDb.drop();
}
