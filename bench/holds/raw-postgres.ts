/**
 * The raw PostgreSQL limit: 8 clients (one pg connection each), each looping one transaction at a
 * time: BEGIN, a conditional UPDATE of a stock row, two INSERTs, COMMIT, as named prepared
 * statements.
 */
import pg from 'pg';
import { runClosedLoop } from '../support/closed-loop.ts';
import type { RawResult } from './raw-sqlite.ts';
import { OPENING_STOCK, SPREAD_SKUS, skuIndexFor, type Shape } from './shapes.ts';

const SCHEMA = `
  CREATE TABLE levels (tenant_id TEXT NOT NULL, sku_id BIGINT NOT NULL, warehouse_id BIGINT NOT NULL,
    on_hand BIGINT NOT NULL, reserved BIGINT NOT NULL, updated_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, sku_id, warehouse_id));
  CREATE TABLE movements (id BIGSERIAL PRIMARY KEY, tenant_id TEXT NOT NULL, sku_id BIGINT NOT NULL,
    warehouse_id BIGINT NOT NULL, reserved_delta BIGINT NOT NULL, created_at BIGINT NOT NULL);
  CREATE TABLE holds (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, sku_id BIGINT NOT NULL,
    warehouse_id BIGINT NOT NULL, quantity INTEGER NOT NULL, created_at BIGINT NOT NULL);
`;

const RESERVE = {
  name: 'raw_reserve',
  text: `UPDATE levels SET reserved = reserved + 1, updated_at = $1
         WHERE tenant_id = 't' AND sku_id = $2 AND warehouse_id = 1 AND on_hand - reserved >= 1`,
};
const MOVEMENT = {
  name: 'raw_movement',
  text: `INSERT INTO movements (tenant_id, sku_id, warehouse_id, reserved_delta, created_at)
         VALUES ('t', $1, 1, 1, $2)`,
};
const HOLD = { name: 'raw_hold', text: `INSERT INTO holds VALUES ($1, 't', $2, 1, 1, $3)` };

export interface RawPostgres {
  run(options: {
    shape: Shape;
    warmupMs: number;
    durationMs: number;
    tag: string;
  }): Promise<RawResult>;
  close(): Promise<void>;
}

export async function openRawPostgres(url: string, clients: number): Promise<RawPostgres> {
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const first = connections[0];
  if (!first) throw new Error('raw PostgreSQL needs at least one client');
  await first.query(SCHEMA);
  await first.query(
    `INSERT INTO levels SELECT 't', i, 1, $1, 0, 0 FROM generate_series(0, $2::int) AS i`,
    [OPENING_STOCK, SPREAD_SKUS],
  );
  await first.query('VACUUM ANALYZE levels');

  async function transaction(c: pg.Client, shape: Shape, id: string, n: number): Promise<void> {
    const sku = skuIndexFor(shape, n);
    const now = Date.now();
    await c.query('BEGIN');
    const updated = await c.query({ ...RESERVE, values: [now, sku] });
    if (updated.rowCount !== 1) throw new Error(`raw reserve refused on sku ${sku}`);
    await c.query({ ...MOVEMENT, values: [sku, now] });
    await c.query({ ...HOLD, values: [id, sku, now] });
    await c.query('COMMIT');
  }

  return {
    async run({ shape, warmupMs, durationMs, tag }) {
      const loop = await runClosedLoop({
        slots: connections.length,
        warmupMs,
        durationMs,
        op: (slot, n) => transaction(connections[slot] ?? first, shape, `${tag}-${n}`, n),
      });
      return { completed: loop.completed, elapsedMs: loop.elapsedMs, perSecond: loop.perSecond };
    },
    close: async () => {
      await Promise.all(connections.map((c) => c.end()));
    },
  };
}
