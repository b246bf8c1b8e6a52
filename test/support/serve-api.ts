/**
 * A second StockPool API process for multi-process tests: serves DATABASE_URL (already migrated)
 * on 127.0.0.1 with a random port, prints `listening <url>` once ready, and exits on SIGTERM.
 */
import { startHttpServer } from '../../src/http/server.ts';
import { openStockPool } from '../../src/main.ts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const pool = await openStockPool({ databaseUrl, migrate: false, poolSize: 10 });
const server = await startHttpServer(pool, {
  host: '127.0.0.1',
  port: 0,
  bodyLimitBytes: 1024 * 1024,
});
process.stdout.write(`listening ${server.url}\n`);
process.once('SIGTERM', () => {
  void server
    .close()
    .then(() => pool.close())
    .then(() => process.exit(0));
});
