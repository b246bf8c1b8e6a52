/**
 * The raw SQLite limit: a bare synchronous loop on one better-sqlite3 connection (WAL, the same
 * pragmas as StockPool), one transaction per iteration: a conditional UPDATE of a stock row and
 * two INSERTs, all prepared once.
 */
import BetterSqlite3 from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { configureSqliteConnection } from '../../src/store/dialects/sqlite.ts';
import { OPENING_STOCK, SPREAD_SKUS, skuIndexFor, type Shape } from './shapes.ts';

const SCHEMA = `
  CREATE TABLE levels (tenant_id TEXT NOT NULL, sku_id INTEGER NOT NULL, warehouse_id INTEGER NOT NULL,
    on_hand INTEGER NOT NULL, reserved INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, sku_id, warehouse_id));
  CREATE TABLE movements (id INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, sku_id INTEGER NOT NULL,
    warehouse_id INTEGER NOT NULL, reserved_delta INTEGER NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE holds (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, sku_id INTEGER NOT NULL,
    warehouse_id INTEGER NOT NULL, quantity INTEGER NOT NULL, created_at INTEGER NOT NULL);
`;

export interface RawSqlite {
  run(options: { shape: Shape; warmupMs: number; durationMs: number; tag: string }): RawResult;
  close(): void;
}

export interface RawResult {
  completed: number;
  elapsedMs: number;
  perSecond: number;
}

export function openRawSqlite(file: string): RawSqlite {
  const db = new BetterSqlite3(file);
  // The same settings StockPool's own connection runs with: only the work differs.
  configureSqliteConnection(db);
  db.exec(SCHEMA);
  const seed = db.prepare(`INSERT INTO levels VALUES ('t', ?, 1, ?, 0, 0)`);
  db.transaction(() => {
    for (let i = 0; i <= SPREAD_SKUS; i++) seed.run(i, OPENING_STOCK);
  })();
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  const reserve = db.prepare(
    `UPDATE levels SET reserved = reserved + 1, updated_at = ?
     WHERE tenant_id = 't' AND sku_id = ? AND warehouse_id = 1 AND on_hand - reserved >= 1`,
  );
  const movement = db.prepare(`INSERT INTO movements VALUES (NULL, 't', ?, 1, 1, ?)`);
  const hold = db.prepare(`INSERT INTO holds VALUES (?, 't', ?, 1, 1, ?)`);

  function transaction(shape: Shape, id: string, n: number): void {
    const sku = skuIndexFor(shape, n);
    const now = Date.now();
    begin.run();
    if (reserve.run(now, sku).changes !== 1) throw new Error(`raw reserve refused on sku ${sku}`);
    movement.run(sku, now);
    hold.run(id, sku, now);
    commit.run();
  }

  return {
    run({ shape, warmupMs, durationMs, tag }) {
      let n = 0;
      const warmupEnd = performance.now() + warmupMs;
      while (performance.now() < warmupEnd) transaction(shape, `${tag}-${n}`, n++);
      const startedAt = performance.now();
      const end = startedAt + durationMs;
      let completed = 0;
      // Reading the clock costs about as much as a statement, so look every 32 transactions.
      while (performance.now() < end) {
        for (let i = 0; i < 32; i++, completed++) transaction(shape, `${tag}-${n}`, n++);
      }
      const elapsedMs = performance.now() - startedAt;
      return { completed, elapsedMs, perSecond: (completed * 1000) / elapsedMs };
    },
    close: () => db.close(),
  };
}
