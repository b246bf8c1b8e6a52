// Proves allocation reads demand as it is now. Adaptive shows every shop the whole pool while
// nothing sells, and splits it once the last minute's sales rate, over one sync round trip, could
// empty it. A split pool leaves out the orders shops have announced but StockPool has not read yet,
// so a re-split never hands one shop units another has already sold.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { allShow, receiveStock } from '../support/sync-queries.ts';

for (const dialect of await availableDialects()) {
  describe(`allocation follows demand (${dialect})`, () => {
    let rig: SyncRig;
    let tt1: ConnectedShop;
    let sp1: ConnectedShop;

    const allocation = async () => {
      const view = await rig.pool.sync.policies.allocation(rig.actor, 'A');
      assert.ok(view.ok);
      const [warehouse] = view.value.warehouses;
      assert.ok(warehouse);
      return {
        modeUsed: warehouse.modeUsed,
        shares: warehouse.shares.map((s) => s.units).sort((a, b) => a - b),
      };
    };
    const order = (shop: ConnectedShop) => shop.order('A', { paid: true });

    before(async () => {
      rig = await openSyncRig(dialect);
      await receiveStock(rig, 'opening', [{ sku: 'A', quantity: 20 }]);
      // Safety factor 2 × a round trip of 100 s: 6 sales in the last minute (0.1/s) want 20
      // units in the pool to stay shared.
      const set = await rig.pool.sync.policies.set(rig.actor, 'A', {
        mode: 'adaptive',
        adaptive: { roundTripSeconds: 100 },
      });
      assert.ok(set.ok);
      tt1 = await rig.connectShop({
        platform: 'tiktok-shop',
        key: 'tt1',
        listings: [{ sellerSku: 'A' }],
      });
      sp1 = await rig.connectShop({
        platform: 'shopee',
        key: 'sp1',
        listings: [{ sellerSku: 'A' }],
      });
      await rig.pool.sync.worker.drain();
    });
    after(() => rig.close());

    test('with no sales adaptive shares the whole pool', async () => {
      assert.deepEqual(await allocation(), { modeUsed: 'shared', shares: [20, 20] });
      assert.ok(allShow([tt1, sp1], 'A', 20));
    });

    test('once the sales rate could empty the pool in a round trip, adaptive splits it', async () => {
      for (let i = 0; i < 6; i++) order(i % 2 === 0 ? tt1 : sp1);
      await Promise.all([rig.tiktok.drainWebhooks(), rig.shopee.drainWebhooks()]);
      await rig.pool.sync.worker.drain();
      // 14 left, 0.1 sales/s × 100 s × 2 = 20 wanted: split 7 / 7.
      assert.deepEqual(await allocation(), { modeUsed: 'partitioned', shares: [7, 7] });
      // Each shop still shows 17 of a pool of 14, in a burst: the one figure that cannot put an
      // order on its way back on sale is zero (ADR 0004 decision 9); the shares follow the burst.
      assert.ok(allShow([tt1, sp1], 'A', 0), 'both shops are cut to zero at once');
      await waitFor('both shops to show their share', async () => {
        await rig.pool.sync.worker.drain();
        return allShow([tt1, sp1], 'A', 7);
      });
    });

    test('unread orders are left out of a split pool until they are read', async () => {
      // The worker is stopped: two orders are announced (stored in the inbox) but not read.
      order(tt1);
      order(sp1);
      await Promise.all([rig.tiktok.drainWebhooks(), rig.shopee.drainWebhooks()]);
      // A paid order may be announced twice (placed, then paid): two orders, two or more events.
      await waitFor(
        'both orders to be announced',
        async () => (await rig.pool.sync.status(rig.actor.tenantId)).queues.inboxPending >= 2,
      );
      // The pool still counts 14 available, but two of them are sold: split 12, not 14.
      assert.deepEqual(await allocation(), { modeUsed: 'partitioned', shares: [6, 6] });
      await rig.pool.sync.worker.drain();
      assert.deepEqual(await allocation(), { modeUsed: 'partitioned', shares: [6, 6] });
      await waitFor('both shops to show their share', async () => allShow([tt1, sp1], 'A', 6));
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
