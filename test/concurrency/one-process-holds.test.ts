// Proves that many stock commands fired at once from one process never oversell (QUALITY.md I2,
// R4): 3,200 concurrent holds on one SKU with 1,000 in stock succeed exactly 1,000 times, a
// bundle stops exactly when its scarcer component runs out, 3,200 concurrent one-unit transfers
// move exactly 1,000 (SQLite), and one idempotency key sent 64 times at once makes one hold, of a
// plain SKU or of a bundle. The commands are fired from a worker thread of this process (see
// test/support/run-in-worker.ts for why).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closeAndDrop } from '../support/close-database.ts';
import { levelOf } from '../support/concurrency.ts';
import { availableDialects } from '../support/databases.ts';
import { runInWorker } from '../support/run-in-worker.ts';
import { openFixture, seedCatalog, type Fixture } from '../support/stockpool-fixture.ts';
import type { FireOptions, FireResult } from './hold-firer.ts';

const ATTEMPTS = 3200;
const STOCK = 1000;
const FIRER = new URL('./hold-firer.ts', import.meta.url);

for (const dialect of await availableDialects()) {
  describe(`concurrent stock commands in one process on ${dialect}`, () => {
    let f: Fixture;
    before(async () => {
      f = await openFixture(dialect);
      await seedCatalog(f);
    });
    after(async () => {
      assert.deepEqual(await f.invariants(), []);
      await closeAndDrop(f.pool, f.testDb);
    });

    async function receive(key: string, warehouse: string, lines: [string, number][]) {
      const out = await f.pool.inventory.receive(f.actor, {
        idempotencyKey: key,
        warehouse,
        lines: lines.map(([sku, quantity]) => ({ sku, quantity })),
      });
      assert.ok(out.ok);
    }

    function fireAtOnce(o: Omit<FireOptions, 'databaseUrl' | 'tenantId' | 'inFlight'>) {
      const options: FireOptions = {
        ...o,
        databaseUrl: f.testDb.url,
        tenantId: f.actor.tenantId,
        inFlight: o.attempts,
      };
      return runInWorker<FireResult>(FIRER, options);
    }

    it(`${ATTEMPTS} holds at once on ${STOCK} units: exactly ${STOCK} succeed`, async () => {
      await receive('stock-a', 'GZ', [['A', STOCK]]);
      const r = await fireAtOnce({
        command: 'hold',
        sku: 'A',
        warehouse: 'GZ',
        quantity: 1,
        attempts: ATTEMPTS,
        keyPrefix: 'a',
      });
      assert.deepEqual(r.counts, { ok: STOCK, INSUFFICIENT_STOCK: ATTEMPTS - STOCK });
      assert.equal(r.ids.length, STOCK);
      assert.deepEqual(await levelOf(f, 'A', 'GZ'), { onHand: STOCK, reserved: STOCK });
      assert.deepEqual(await f.invariants(), []);
    });

    it('bundle holds at once stop exactly when the scarcer component runs out', async () => {
      // KIT = 2×A + 1×B. In US: 1,000 A (room for 500 kits) and 300 B (room for 300).
      await receive('stock-kit', 'US', [
        ['A', STOCK],
        ['B', 300],
      ]);
      const r = await fireAtOnce({
        command: 'hold',
        sku: 'KIT',
        warehouse: 'US',
        quantity: 1,
        attempts: ATTEMPTS,
        keyPrefix: 'kit',
      });
      assert.deepEqual(r.counts, { ok: 300, INSUFFICIENT_STOCK: ATTEMPTS - 300 });
      assert.deepEqual(r.refusedSkus, ['B']);
      assert.deepEqual(await levelOf(f, 'A', 'US'), { onHand: STOCK, reserved: 600 });
      assert.deepEqual(await levelOf(f, 'B', 'US'), { onHand: 300, reserved: 300 });
      assert.deepEqual(await f.invariants(), []);
    });

    // On PostgreSQL the HTTP reliability test (R4) already drives transfers from 64 clients, and
    // here they would take most of this file's time: a transfer holds the hot row for four round
    // trips where a hold holds it for one.
    it(
      `${ATTEMPTS} one-unit transfers at once move exactly ${STOCK} units`,
      { skip: dialect === 'postgres' },
      async () => {
        await receive('stock-c', 'GZ', [['C', STOCK]]);
        const r = await fireAtOnce({
          command: 'transfer',
          sku: 'C',
          warehouse: 'GZ',
          to: 'US',
          quantity: 1,
          attempts: ATTEMPTS,
          keyPrefix: 't',
        });
        assert.deepEqual(r.counts, { ok: STOCK, INSUFFICIENT_STOCK: ATTEMPTS - STOCK });
        assert.deepEqual(await levelOf(f, 'C', 'GZ'), { onHand: 0, reserved: 0 });
        assert.deepEqual(await f.invariants(), []);
      },
    );

    it('one idempotency key sent 64 times at once makes one hold, and every caller gets its id', async () => {
      await receive('stock-b', 'GZ', [['B', 10]]);
      const r = await fireAtOnce({
        command: 'hold',
        sku: 'B',
        warehouse: 'GZ',
        quantity: 4,
        attempts: 64,
        keyPrefix: 'same-key',
        sameKey: true,
      });
      assert.deepEqual(r.counts, { ok: 64 });
      assert.equal(r.ids.length, 1, `callers saw holds ${r.ids.join(', ')}`);
      assert.equal(r.replayed, 63);
      assert.deepEqual(await levelOf(f, 'B', 'GZ'), { onHand: 10, reserved: 4 });
    });

    it('one key sent 64 times at once for a bundle makes one hold of every component', async () => {
      await receive('stock-kit-gz', 'GZ', [['A', 4]]);
      const before = { a: await levelOf(f, 'A', 'GZ'), b: await levelOf(f, 'B', 'GZ') };
      const r = await fireAtOnce({
        command: 'hold',
        sku: 'KIT',
        warehouse: 'GZ',
        quantity: 2,
        attempts: 64,
        keyPrefix: 'same-kit-key',
        sameKey: true,
      });
      assert.deepEqual(r.counts, { ok: 64 });
      assert.equal(r.ids.length, 1, `callers saw holds ${r.ids.join(', ')}`);
      assert.deepEqual(await levelOf(f, 'A', 'GZ'), {
        ...before.a,
        reserved: before.a.reserved + 4,
      });
      assert.deepEqual(await levelOf(f, 'B', 'GZ'), {
        ...before.b,
        reserved: before.b.reserved + 2,
      });
    });
  });
}
