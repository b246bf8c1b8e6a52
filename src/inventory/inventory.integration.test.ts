// Proves the inventory commands keep the ledger, balances and holds exact on both real engines:
// receipts, holds (plain and bundle), confirm / ship / release / expiry, stock-takes, returns,
// transfers, idempotent replays, and clean failures that write nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { availableDialects } from '../../test/support/databases.ts';
import { openFixture, seedCatalog, type Fixture } from '../../test/support/stockpool-fixture.ts';
import { readLevel } from '../store/stock-levels-repo.ts';
import { findSkusByCodes, findWarehouseByCode } from '../store/catalog-lookup.ts';
import { sweepExpiredHolds } from './expiry-sweeper.ts';

for (const dialect of await availableDialects()) {
  describe(`inventory on ${dialect}`, () => {
    let f: Fixture;
    before(async () => {
      f = await openFixture(dialect);
      await seedCatalog(f);
    });
    after(async () => {
      assert.deepEqual(await f.invariants(), []);
      await f.close();
    });

    async function level(sku: string, warehouse = 'GZ') {
      const db = f.pool.database.db;
      const s = (await findSkusByCodes(db, f.actor.tenantId, [sku])).get(sku);
      const w = await findWarehouseByCode(db, f.actor.tenantId, warehouse);
      assert.ok(s && w);
      return readLevel(db, { tenantId: f.actor.tenantId, skuId: s.id, warehouseId: w.id });
    }

    it('a receipt raises on hand, and replaying it with the same key changes nothing', async () => {
      const input = {
        idempotencyKey: 'po-1',
        warehouse: 'GZ',
        reference: 'PO-1',
        lines: [
          { sku: 'A', quantity: 10 },
          { sku: 'B', quantity: 4 },
        ],
      };
      const first = await f.pool.inventory.receive(f.actor, input);
      assert.ok(first.ok);
      assert.equal(first.value.replayed, false);
      const again = await f.pool.inventory.receive(f.actor, input);
      assert.ok(again.ok);
      assert.equal(again.value.replayed, true);
      assert.deepEqual(await level('A'), { onHand: 10, reserved: 0 });
      assert.deepEqual(await level('B'), { onHand: 4, reserved: 0 });
    });

    it('reusing a key for a different request is refused', async () => {
      const out = await f.pool.inventory.receive(f.actor, {
        idempotencyKey: 'po-1',
        warehouse: 'GZ',
        lines: [{ sku: 'A', quantity: 99 }],
      });
      assert.equal(out.ok, false);
      assert.equal(!out.ok && out.error.code, 'IDEMPOTENCY_KEY_REUSED');
      assert.deepEqual(await level('A'), { onHand: 10, reserved: 0 });
    });

    it('a hold that cannot be met names SKU, warehouse, asked and available, and writes nothing', async () => {
      const out = await f.pool.inventory.placeHold(f.actor, {
        idempotencyKey: 'h-big',
        sku: 'A',
        warehouse: 'GZ',
        quantity: 11,
        orderRef: 'O-1',
      });
      assert.equal(out.ok, false);
      assert.deepEqual(!out.ok && out.error, {
        code: 'INSUFFICIENT_STOCK',
        details: { sku: 'A', warehouse: 'GZ', requested: 11, available: 10 },
      });
      assert.deepEqual(await level('A'), { onHand: 10, reserved: 0 });
    });

    it('a bundle hold reserves every component at once, or none when one is short', async () => {
      const ok = await f.pool.inventory.placeHold(f.actor, {
        idempotencyKey: 'h-kit',
        sku: 'KIT',
        warehouse: 'GZ',
        quantity: 3,
        orderRef: 'O-2',
      });
      assert.ok(ok.ok);
      assert.deepEqual(ok.value.lines, [
        { sku: 'A', quantity: 6 },
        { sku: 'B', quantity: 3 },
      ]);
      assert.deepEqual(await level('A'), { onHand: 10, reserved: 6 });
      assert.deepEqual(await level('B'), { onHand: 4, reserved: 3 });
      const short = await f.pool.inventory.placeHold(f.actor, {
        idempotencyKey: 'h-kit2',
        sku: 'KIT',
        warehouse: 'GZ',
        quantity: 2,
        orderRef: 'O-3',
      });
      assert.equal(!short.ok && short.error.code, 'INSUFFICIENT_STOCK');
      assert.equal(!short.ok && short.error.details.sku, 'B');
      assert.deepEqual(await level('A'), { onHand: 10, reserved: 6 });
      const released = await f.pool.inventory.transitionHold(f.actor, ok.value.id, 'release');
      assert.ok(released.ok);
      assert.equal(released.value.status, 'released');
      assert.deepEqual(await level('A'), { onHand: 10, reserved: 0 });
      assert.deepEqual(await level('B'), { onHand: 4, reserved: 0 });
    });

    it('hold → confirm → ship deducts on hand and reserved; repeating a step is a no-op', async () => {
      const hold = await f.pool.inventory.placeHold(f.actor, {
        idempotencyKey: 'h-1',
        sku: 'A',
        warehouse: 'GZ',
        quantity: 3,
        orderRef: 'O-4',
      });
      assert.ok(hold.ok);
      const replay = await f.pool.inventory.placeHold(f.actor, {
        idempotencyKey: 'h-1',
        sku: 'A',
        warehouse: 'GZ',
        quantity: 3,
        orderRef: 'O-4',
      });
      assert.ok(replay.ok && replay.value.replayed && replay.value.id === hold.value.id);
      assert.deepEqual(await level('A'), { onHand: 10, reserved: 3 });
      assert.ok((await f.pool.inventory.transitionHold(f.actor, hold.value.id, 'confirm')).ok);
      assert.ok((await f.pool.inventory.transitionHold(f.actor, hold.value.id, 'confirm')).ok);
      const shipped = await f.pool.inventory.transitionHold(f.actor, hold.value.id, 'ship');
      assert.ok(shipped.ok && shipped.value.status === 'shipped');
      assert.ok((await f.pool.inventory.transitionHold(f.actor, hold.value.id, 'ship')).ok);
      assert.deepEqual(await level('A'), { onHand: 7, reserved: 0 });
      const release = await f.pool.inventory.transitionHold(f.actor, hold.value.id, 'release');
      assert.equal(!release.ok && release.error.code, 'INVALID_HOLD_TRANSITION');
    });

    it('an unpaid hold expires after its time, never before, and cannot be confirmed after', async () => {
      const hold = await f.pool.inventory.placeHold(f.actor, {
        idempotencyKey: 'h-exp',
        sku: 'A',
        warehouse: 'GZ',
        quantity: 2,
        orderRef: 'O-5',
      });
      assert.ok(hold.ok);
      f.clock.advanceMs(14 * 60_000);
      assert.equal(
        (
          await sweepExpiredHolds({
            database: f.pool.database,
            inventory: f.pool.inventory,
            clock: f.clock,
          })
        ).expired,
        0,
      );
      assert.deepEqual(await level('A'), { onHand: 7, reserved: 2 });
      f.clock.advanceMs(60_000);
      const confirm = await f.pool.inventory.transitionHold(f.actor, hold.value.id, 'confirm');
      assert.equal(!confirm.ok && confirm.error.code, 'HOLD_EXPIRED');
      assert.equal(
        (
          await sweepExpiredHolds({
            database: f.pool.database,
            inventory: f.pool.inventory,
            clock: f.clock,
          })
        ).expired,
        1,
      );
      assert.deepEqual(await level('A'), { onHand: 7, reserved: 0 });
    });

    it('a stock-take records the count and the difference; a count below reserved is refused', async () => {
      const hold = await f.pool.inventory.placeHold(f.actor, {
        idempotencyKey: 'h-st',
        sku: 'A',
        warehouse: 'GZ',
        quantity: 5,
        orderRef: 'O-6',
        paid: true,
      });
      assert.ok(hold.ok);
      const low = await f.pool.inventory.stocktake(f.actor, {
        idempotencyKey: 'st-1',
        warehouse: 'GZ',
        lines: [{ sku: 'A', counted: 4 }],
      });
      assert.equal(!low.ok && low.error.code, 'COUNT_BELOW_RESERVED');
      const st = await f.pool.inventory.stocktake(f.actor, {
        idempotencyKey: 'st-2',
        warehouse: 'GZ',
        lines: [
          { sku: 'A', counted: 6 },
          { sku: 'C', counted: 9 },
        ],
      });
      assert.ok(st.ok);
      assert.deepEqual(
        st.value.lines.map((l) => [l.sku, l.previousOnHand, l.delta]),
        [
          ['A', 7, -1],
          ['C', 0, 9],
        ],
      );
      assert.deepEqual(await level('A'), { onHand: 6, reserved: 5 });
      assert.ok((await f.pool.inventory.transitionHold(f.actor, hold.value.id, 'release')).ok);
    });

    it('a transfer leaves the source at once and arrives on receipt, exactly once', async () => {
      const t = await f.pool.inventory.createTransfer(f.actor, {
        idempotencyKey: 'tr-1',
        from: 'GZ',
        to: 'US',
        lines: [{ sku: 'C', quantity: 4 }],
      });
      assert.ok(t.ok && t.value.status === 'in_transit');
      assert.deepEqual(await level('C', 'GZ'), { onHand: 5, reserved: 0 });
      assert.deepEqual(await level('C', 'US'), { onHand: 0, reserved: 0 });
      assert.ok((await f.pool.inventory.receiveTransfer(f.actor, t.value.id)).ok);
      assert.ok((await f.pool.inventory.receiveTransfer(f.actor, t.value.id)).ok);
      assert.deepEqual(await level('C', 'US'), { onHand: 4, reserved: 0 });
      const tooMuch = await f.pool.inventory.createTransfer(f.actor, {
        idempotencyKey: 'tr-2',
        from: 'GZ',
        to: 'US',
        lines: [{ sku: 'C', quantity: 6 }],
      });
      assert.equal(!tooMuch.ok && tooMuch.error.code, 'INSUFFICIENT_STOCK');
    });

    it('a return puts stock back on hand', async () => {
      const r = await f.pool.inventory.recordReturn(f.actor, {
        idempotencyKey: 'ret-1',
        warehouse: 'GZ',
        reference: 'O-4',
        lines: [{ sku: 'A', quantity: 1 }],
      });
      assert.ok(r.ok);
      assert.deepEqual(await level('A'), { onHand: 7, reserved: 0 });
    });
  });
}
