// Proves unpaid holds expire end to end: with the tenant's hold expiry at one minute, an unpaid
// order's unit is held on every TikTok Shop and Shopee shop until the expiry sweeper releases it
// (never before), then every shop shows it again; a payment that arrives afterwards takes the unit
// back when it is free, wins it from a later unpaid order, and loses it to an order paid first.
//
// Time: StockPool's clock starts four minutes behind the emulators' and jumps forward past each
// expiry (see shifted-clock.ts), so the minute of expiry passes at once while the platforms'
// signature timestamps stay valid.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sweepExpiredHolds } from '../../src/inventory/expiry-sweeper.ts';
import { updateTenantSettings } from '../../src/store/tenant-settings-repo.ts';
import { availableDialects } from '../support/databases.ts';
import { ShiftedClock } from '../support/shifted-clock.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import {
  allShow,
  holdStatusesOf,
  outcomeOf,
  receiveStock,
  stockOf,
} from '../support/sync-queries.ts';

/** Past the tenant's one-minute expiry. */
const PAST_EXPIRY_MS = 62_000;

for (const dialect of await availableDialects()) {
  describe(`unpaid holds expire and a late payment is served fairly (${dialect})`, () => {
    const clock = new ShiftedClock(-4 * 60_000);
    let rig: SyncRig;
    let tt1: ConnectedShop;
    let tt2: ConnectedShop;
    let sp1: ConnectedShop;
    let shops: ConnectedShop[];
    const sweep = () =>
      sweepExpiredHolds({ database: rig.pool.database, inventory: rig.pool.inventory, clock });

    /** An unpaid order for one unit of `sku` on `shop`, held on every shop, then expired. */
    async function placeAndExpire(shop: ConnectedShop, sku: string): Promise<string> {
      const placed = shop.emulator.placeOrder({
        platformShopId: shop.platformShopId,
        lines: [{ ...shop.ref(sku), quantity: 1 }],
      });
      assert.ok(placed.ok, 'the platform took the unpaid order');
      await waitFor(`every shop at 0 ${sku}`, () => allShow(shops, sku, 0));
      assert.deepEqual(await holdStatusesOf(rig, placed.orderId), ['held']);
      assert.equal((await sweep()).expired, 0, 'nothing expires early');
      clock.advance(PAST_EXPIRY_MS);
      assert.equal((await sweep()).expired, 1, 'the sweeper releases the unpaid hold');
      assert.deepEqual(await holdStatusesOf(rig, placed.orderId), ['expired']);
      await waitFor(`every shop to show the ${sku} unit again`, () => allShow(shops, sku, 1));
      return placed.orderId;
    }

    before(async () => {
      rig = await openSyncRig(dialect, { clock });
      await updateTenantSettings(rig.pool.database.db, rig.actor.tenantId, {
        holdExpiryMinutes: 1,
      });
      await rig.pool.catalog.createSku(rig.actor.tenantId, { code: 'C', name: 'Item C' });
      await receiveStock(
        rig,
        'opening',
        ['A', 'B', 'C'].map((sku) => ({ sku, quantity: 1 })),
      );
      const listings = ['A', 'B', 'C'].map((sellerSku) => ({ sellerSku }));
      tt1 = await rig.connectShop({ platform: 'tiktok-shop', key: 'tt1', listings });
      tt2 = await rig.connectShop({ platform: 'tiktok-shop', key: 'tt2', listings });
      sp1 = await rig.connectShop({ platform: 'shopee', key: 'sp1', listings });
      shops = [tt1, tt2, sp1];
      await rig.pool.sync.worker.drain();
      rig.pool.sync.worker.start();
    });
    after(() => rig.close());

    test('an expired hold shows the unit on every shop again, and the late payment takes it back', async () => {
      const orderId = await placeAndExpire(tt1, 'A');
      assert.equal(await outcomeOf(rig, orderId), 'applied', 'the order itself is not given up');
      tt1.emulator.payOrder(tt1.platformShopId, orderId);
      await waitFor('every shop at 0 A after the payment', () => allShow(shops, 'A', 0));
      assert.deepEqual(await holdStatusesOf(rig, orderId), ['expired', 'confirmed']);
      assert.deepEqual(await stockOf(rig, 'A'), { onHand: 1, reserved: 1 });
      assert.equal(tt1.emulator.stats().sellerCancellations.length, 0);
    });

    test('a late payment loses the unit to an order paid while its hold was expired', async () => {
      const lateId = await placeAndExpire(sp1, 'B');
      const first = tt2.emulator.placeOrder({
        platformShopId: tt2.platformShopId,
        lines: [{ ...tt2.ref('B'), quantity: 1 }],
        paid: true,
      });
      assert.ok(first.ok);
      await waitFor('every shop at 0 B', () => allShow(shops, 'B', 0));
      sp1.emulator.payOrder(sp1.platformShopId, lateId);
      await waitFor(
        'the late order to be cancelled for stock',
        async () => (await outcomeOf(rig, lateId)) === 'cancelled_oos',
      );
      assert.equal(sp1.emulator.orderStatus(sp1.platformShopId, lateId), 'CANCELLED');
      assert.deepEqual(
        sp1.emulator.stats().sellerCancellations.filter((c) => c.orderId === lateId),
        [{ orderId: lateId, reason: 'OUT_OF_STOCK' }],
      );
      assert.equal(await outcomeOf(rig, first.orderId), 'applied');
      await waitFor('every shop still at 0 B', () => allShow(shops, 'B', 0));
      assert.deepEqual(await stockOf(rig, 'B'), { onHand: 1, reserved: 1 });
    });

    test('a late payment wins the unit from an order placed unpaid while its hold was expired', async () => {
      const lateId = await placeAndExpire(sp1, 'C');
      const unpaid = tt2.emulator.placeOrder({
        platformShopId: tt2.platformShopId,
        lines: [{ ...tt2.ref('C'), quantity: 1 }],
      });
      assert.ok(unpaid.ok);
      await waitFor('every shop at 0 C', () => allShow(shops, 'C', 0));
      sp1.emulator.payOrder(sp1.platformShopId, lateId);
      await waitFor(
        'the unpaid order to give way',
        async () => (await outcomeOf(rig, unpaid.orderId)) === 'cancelled_oos',
      );
      // The oversold order's outcome is written before its hold is released (so a crash cannot
      // lose the alert), so its cancellation may be seen a moment before the late payment's new
      // hold is recorded.
      await waitFor(
        'the late payment to hold the unit again',
        async () =>
          JSON.stringify(await holdStatusesOf(rig, lateId)) ===
          JSON.stringify(['expired', 'confirmed']),
      );
      assert.equal(await outcomeOf(rig, lateId), 'applied');
      assert.equal(tt2.emulator.orderStatus(tt2.platformShopId, unpaid.orderId), 'CANCELLED');
      await waitFor('every shop at 0 C', () => allShow(shops, 'C', 0));
      assert.deepEqual(await stockOf(rig, 'C'), { onHand: 1, reserved: 1 });
    });

    test('the ledger and every invariant hold afterwards', async () => {
      await rig.pool.sync.worker.drain();
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
