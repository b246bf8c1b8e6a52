/**
 * StockPool's own hold path, exactly as production runs it: InventoryService.placeHold through the
 * engine's write executor (ledger movement, reservation, hold row and idempotency record in one
 * transaction), driven by many in-flight holds at once.
 */
import { sql } from 'kysely';
import type { Actor } from '../../src/inventory/command-context.ts';
import { openStockPool, type StockPool } from '../../src/main.ts';
import { checkInvariants, type InvariantViolation } from '../../src/store/invariant-check.ts';
import { insertTenant } from '../../src/store/tenants-repo.ts';
import { quantile, runClosedLoop } from '../support/closed-loop.ts';
import { OPENING_STOCK, SPREAD_SKUS, skuCode, skuIndexFor, type Shape } from './shapes.ts';

const TENANT = 'bench';
const WAREHOUSE = 'WH';
const SEED_CHUNK = 500;

export interface OursResult {
  completed: number;
  elapsedMs: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface Ours {
  run(options: {
    shape: Shape;
    inFlight: number;
    warmupMs: number;
    durationMs: number;
    tag: string;
  }): Promise<OursResult>;
  invariants(): Promise<InvariantViolation[]>;
  close(): Promise<void>;
}

export async function openOurs(url: string, options: { poolSize?: number } = {}): Promise<Ours> {
  const pool = await openStockPool({ databaseUrl: url, poolSize: options.poolSize });
  const actor: Actor = { tenantId: TENANT, name: 'bench' };
  try {
    await seed(pool, actor);
  } catch (error) {
    await pool.close();
    throw error;
  }
  const codes = Array.from({ length: SPREAD_SKUS + 1 }, (_, i) => skuCode(i));
  return {
    async run({ shape, inFlight, warmupMs, durationMs, tag }) {
      const loop = await runClosedLoop({
        slots: inFlight,
        warmupMs,
        durationMs,
        op: async (_slot, n) => {
          const out = await pool.inventory.placeHold(actor, {
            idempotencyKey: `${tag}-${n}`,
            sku: codes[skuIndexFor(shape, n)] ?? 'HOT',
            warehouse: WAREHOUSE,
            quantity: 1,
            orderRef: `O-${tag}-${n}`,
          });
          // Stock never runs out here: any refusal or replay is a bug, and fails the run.
          if (!out.ok) throw new Error(`hold refused: ${JSON.stringify(out.error)}`);
          if (out.value.replayed) throw new Error(`hold ${tag}-${n} replayed on its first run`);
        },
      });
      return {
        completed: loop.completed,
        elapsedMs: loop.elapsedMs,
        perSecond: loop.perSecond,
        p50Ms: quantile(loop.latenciesMs, 0.5),
        p99Ms: quantile(loop.latenciesMs, 0.99),
      };
    },
    invariants: () => checkInvariants(pool.database.db, pool.database.dialect),
    close: () => pool.close(),
  };
}

/** One tenant, one warehouse, the hot SKU and 10,000 others, each received with huge stock. */
async function seed(pool: StockPool, actor: Actor): Promise<void> {
  const db = pool.database.db;
  const nowMs = pool.clock.nowMs();
  await insertTenant(db, { id: TENANT, name: 'Benchmark', nowMs });
  const warehouse = await pool.catalog.createWarehouse(TENANT, {
    code: WAREHOUSE,
    name: 'Benchmark warehouse',
    kind: 'domestic',
    country: 'CN',
  });
  if (!warehouse.ok) throw new Error(`seeding the warehouse failed: ${warehouse.error.code}`);
  const codes = Array.from({ length: SPREAD_SKUS + 1 }, (_, i) => skuCode(i));
  for (let i = 0; i < codes.length; i += SEED_CHUNK) {
    const chunk = codes.slice(i, i + SEED_CHUNK);
    // The catalogue is not stock: bulk-inserting SKU rows skips nothing the ledger needs.
    await db
      .insertInto('skus')
      .values(
        chunk.map((code) => ({
          tenant_id: TENANT,
          code,
          name: `Benchmark SKU ${code}`,
          allow_backorder: 0,
          is_bundle: 0,
          active: 1,
          created_at: nowMs,
          updated_at: nowMs,
        })),
      )
      .execute();
    // Stock goes in the one way stock changes: receipts through the inventory service.
    const received = await pool.inventory.receive(actor, {
      idempotencyKey: `opening-${i}`,
      warehouse: WAREHOUSE,
      reference: 'opening stock',
      lines: chunk.map((sku) => ({ sku, quantity: OPENING_STOCK })),
    });
    if (!received.ok) throw new Error(`seeding stock failed: ${received.error.code}`);
  }
  if (pool.database.dialect === 'postgres') await sql`analyze`.execute(db);
}
