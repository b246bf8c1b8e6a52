// Proves that the inventory service itself refuses
// quantities no seller can mean: zero, negative, fractional, non-finite or above
// MAX_LINE_QUANTITY, for holds, receipts, returns, transfers and counts. The service is "the only
// code that writes stock"; if it trusts its callers, one caller that forgets to validate (an
// import, a connector, a script) can break I2 — a negative hold frees other holds' reservations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_LINE_QUANTITY } from '../domain/movements.ts';
import type { Outcome } from '../domain/outcome.ts';
import { closeAndDrop } from '../../test/support/close-database.ts';
import { availableDialects } from '../../test/support/databases.ts';
import { openFixture, seedCatalog, type Fixture } from '../../test/support/stockpool-fixture.ts';

const badQuantity = fc.oneof(
  fc.integer({ min: -1_000, max: 0 }),
  fc.double({ min: -1_000, max: 1_000, noNaN: true }).filter((q) => !Number.isInteger(q)),
  fc.integer({ min: MAX_LINE_QUANTITY + 1, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);
const command = fc.constantFrom('hold', 'receipt', 'return', 'transfer', 'stocktake');

for (const dialect of await availableDialects()) {
  describe(`quantities the inventory service refuses on ${dialect}`, () => {
    let f: Fixture;
    let n = 0;
    before(async () => {
      f = await openFixture(dialect);
      await seedCatalog(f);
      const lines = [{ sku: 'A', quantity: 10 }];
      assert.ok(
        (await f.pool.inventory.receive(f.actor, { idempotencyKey: 's', warehouse: 'GZ', lines }))
          .ok,
      );
    });
    after(() => closeAndDrop(f.pool, f.testDb));

    function send(kind: string, quantity: number): Promise<Outcome<unknown>> {
      const inv = f.pool.inventory;
      const key = `bad-${++n}`;
      const lines = [{ sku: 'A', quantity }];
      if (kind === 'hold')
        return inv.placeHold(f.actor, {
          idempotencyKey: key,
          sku: 'A',
          warehouse: 'GZ',
          quantity,
          orderRef: 'O',
        });
      if (kind === 'receipt')
        return inv.receive(f.actor, { idempotencyKey: key, warehouse: 'GZ', lines });
      if (kind === 'return')
        return inv.recordReturn(f.actor, { idempotencyKey: key, warehouse: 'GZ', lines });
      if (kind === 'transfer')
        return inv.createTransfer(f.actor, { idempotencyKey: key, from: 'GZ', to: 'US', lines });
      return inv.stocktake(f.actor, {
        idempotencyKey: key,
        warehouse: 'GZ',
        lines: [{ sku: 'A', counted: quantity }],
      });
    }

    async function snapshot() {
      const db = f.pool.database.db;
      return {
        levels: await db
          .selectFrom('stock_levels')
          .select(['sku_id', 'warehouse_id', 'on_hand', 'reserved'])
          .orderBy('sku_id')
          .orderBy('warehouse_id')
          .execute(),
        movements: (await db.selectFrom('movements').select('id').execute()).length,
        holds: (await db.selectFrom('holds').select('id').execute()).length,
      };
    }

    it('a non-positive, fractional, non-finite or oversized quantity fails cleanly and writes nothing', async () => {
      await fc.assert(
        fc.asyncProperty(command, badQuantity, async (kind, quantity) => {
          fc.pre(
            !(
              kind === 'stocktake' &&
              Number.isInteger(quantity) &&
              quantity >= 0 &&
              quantity <= MAX_LINE_QUANTITY
            ),
          );
          const before = await snapshot();
          const out = await send(kind, quantity);
          assert.equal(out.ok, false, `${kind} of ${quantity} was accepted`);
          assert.deepEqual(await snapshot(), before);
        }),
        { numRuns: 60 },
      );
    });

    it('a negative hold cannot free reserved stock for another hold (the I2 consequence)', async () => {
      const hold = (key: string, quantity: number) =>
        f.pool.inventory.placeHold(f.actor, {
          idempotencyKey: key,
          sku: 'B',
          warehouse: 'US',
          quantity,
          orderRef: key,
        });
      const lines = [{ sku: 'B', quantity: 5 }];
      assert.ok(
        (
          await f.pool.inventory.receive(f.actor, {
            idempotencyKey: 'b5',
            warehouse: 'US',
            lines,
          })
        ).ok,
      );
      assert.ok((await hold('first', 5)).ok);
      await hold('negative', -5).catch(() => undefined);
      const second = await hold('second', 5);
      assert.equal(second.ok, false, 'two holds of 5 are open on 5 units');
    });
  });
}
