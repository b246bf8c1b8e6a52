/**
 * A StockPool on a fresh real database with one tenant, two warehouses and a few SKUs, for
 * integration tests. Closing it closes the pool and drops the database.
 */
import { ManualClock } from '../../src/adapters/clock.ts';
import { sequentialIds } from '../../src/adapters/ids.ts';
import type { Actor } from '../../src/inventory/command-context.ts';
import { openStockPool, type StockPool } from '../../src/main.ts';
import type { DialectName } from '../../src/store/dialect-name.ts';
import { checkInvariants, type InvariantViolation } from '../../src/store/invariant-check.ts';
import { insertTenant } from '../../src/store/tenants-repo.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

export const START_MS = Date.parse('2026-11-27T00:00:00Z');

export interface Fixture {
  pool: StockPool;
  clock: ManualClock;
  testDb: TestDatabase;
  actor: Actor;
  invariants(): Promise<InvariantViolation[]>;
  close(): Promise<void>;
}

export async function openFixture(
  dialect: DialectName,
  options: { tenantId?: string; poolSize?: number } = {},
): Promise<Fixture> {
  const testDb = await createTestDatabase(dialect);
  const clock = new ManualClock(START_MS);
  const pool = await openStockPool({
    databaseUrl: testDb.url,
    clock,
    ids: sequentialIds(),
    poolSize: options.poolSize,
  });
  const tenantId = options.tenantId ?? 'acme';
  await insertTenant(pool.database.db, { id: tenantId, name: 'Acme', nowMs: START_MS });
  return {
    pool,
    clock,
    testDb,
    actor: { tenantId, name: 'tester' },
    invariants: () => checkInvariants(pool.database.db, pool.database.dialect),
    close: async () => {
      await pool.close();
      await testDb.drop();
    },
  };
}

/** Two warehouses (GZ domestic, US overseas) and plain SKUs A, B, C plus bundle KIT = 2×A + 1×B. */
export async function seedCatalog(f: Fixture): Promise<void> {
  const t = f.actor.tenantId;
  await f.pool.catalog.createWarehouse(t, {
    code: 'GZ',
    name: 'Guangzhou',
    kind: 'domestic',
    country: 'CN',
  });
  await f.pool.catalog.createWarehouse(t, {
    code: 'US',
    name: 'US West',
    kind: 'overseas',
    country: 'US',
  });
  for (const code of ['A', 'B', 'C'])
    await f.pool.catalog.createSku(t, { code, name: `SKU ${code}` });
  await f.pool.catalog.createSku(t, {
    code: 'KIT',
    name: 'Kit',
    components: [
      { sku: 'A', quantity: 2 },
      { sku: 'B', quantity: 1 },
    ],
  });
}
