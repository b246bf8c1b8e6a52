// Proves that holds from several processes at once never oversell on PostgreSQL (QUALITY.md I2,
// R4): 4 processes × 800 holds, 16 in flight each, on one SKU with 1,000 units succeed exactly
// 1,000 times in total; and one idempotency key sent at once from every process makes exactly
// one hold whose id every caller gets back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closeAndDrop } from '../support/close-database.ts';
import { spawnTsx } from '../support/child-process.ts';
import { levelOf } from '../support/concurrency.ts';
import { isPostgresAvailable } from '../support/databases.ts';
import { openFixture, seedCatalog, type Fixture } from '../support/stockpool-fixture.ts';
import type { FireOptions, FireResult } from './hold-firer.ts';

const PROCESSES = 4;
const PER_PROCESS = 800;
const IN_FLIGHT = 16;
const STOCK = 1000;
const FIRER = new URL('./hold-firer.ts', import.meta.url);

/** Starts one firer per process, lets them all go at once, and returns their results. */
async function fireFromProcesses(options: (k: number) => FireOptions): Promise<FireResult[]> {
  const children = Array.from({ length: PROCESSES }, (_, k) =>
    spawnTsx<FireResult>(FIRER, options(k)),
  );
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.go();
  return Promise.all(children.map((c) => c.result));
}

const sum = (results: FireResult[], key: string) =>
  results.reduce((n, r) => n + (r.counts[key] ?? 0), 0);

describe(
  'holds from several processes on postgres',
  { skip: !(await isPostgresAvailable()) },
  () => {
    let f: Fixture;
    before(async () => {
      f = await openFixture('postgres');
      await seedCatalog(f);
      const out = await f.pool.inventory.receive(f.actor, {
        idempotencyKey: 'stock',
        warehouse: 'GZ',
        lines: [
          { sku: 'A', quantity: STOCK },
          { sku: 'B', quantity: 10 },
        ],
      });
      assert.ok(out.ok);
    });
    after(async () => {
      assert.deepEqual(await f.invariants(), []);
      await closeAndDrop(f.pool, f.testDb);
    });

    const base = () => ({
      databaseUrl: f.testDb.url,
      tenantId: f.actor.tenantId,
      command: 'hold' as const,
      warehouse: 'GZ',
      inFlight: IN_FLIGHT,
      poolSize: IN_FLIGHT,
    });

    it(`${PROCESSES} processes × ${PER_PROCESS} holds on ${STOCK} units: exactly ${STOCK} succeed`, async () => {
      const results = await fireFromProcesses((k) => ({
        ...base(),
        sku: 'A',
        quantity: 1,
        attempts: PER_PROCESS,
        keyPrefix: `p${k}`,
      }));
      assert.equal(sum(results, 'ok'), STOCK);
      assert.equal(sum(results, 'INSUFFICIENT_STOCK'), PROCESSES * PER_PROCESS - STOCK);
      for (const r of results)
        assert.deepEqual(Object.keys(r.counts).sort(), ['INSUFFICIENT_STOCK', 'ok']);
      assert.equal(new Set(results.flatMap((r) => r.ids)).size, STOCK);
      assert.deepEqual(await levelOf(f, 'A', 'GZ'), { onHand: STOCK, reserved: STOCK });
      assert.deepEqual(await f.invariants(), []);
    });

    it('one key sent at once from every process makes one hold, and every caller gets its id', async () => {
      const results = await fireFromProcesses(() => ({
        ...base(),
        sku: 'B',
        quantity: 3,
        attempts: IN_FLIGHT,
        keyPrefix: 'the-same-key',
        sameKey: true,
      }));
      assert.equal(sum(results, 'ok'), PROCESSES * IN_FLIGHT);
      const ids = new Set(results.flatMap((r) => r.ids));
      assert.equal(ids.size, 1, `callers saw holds ${[...ids].join(', ')}`);
      assert.equal(
        results.reduce((n, r) => n + r.replayed, 0),
        PROCESSES * IN_FLIGHT - 1,
      );
      const rows = await f.pool.database.db
        .selectFrom('holds')
        .select('id')
        .where('tenant_id', '=', f.actor.tenantId)
        .where('operation_key', '=', 'the-same-key')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.id),
        [...ids],
      );
      assert.deepEqual(await levelOf(f, 'B', 'GZ'), { onHand: 10, reserved: 3 });
    });
  },
);
