// Proves the push that goes out while a shop's order is announced but not read yet: the webhook is
// in StockPool's inbox, the platform has already taken the unit off its figure, and a receipt of
// new stock calls for a push. The push to that shop holds one listing back for the unread order,
// so the absolute figure it sends does not put the sold unit back on sale; once the order is read
// and applied, the listing is pushed again and shows the exact target, and nothing stays held back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { listShops, findShop } from '../../src/store/shops-repo.ts';
import { pushShop, type PusherDeps } from '../../src/sync/pusher.ts';
import { markSkusForPush } from '../../src/sync/push-marks.ts';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { receiveStock, stockOf, syncLogOf } from '../support/sync-queries.ts';

for (const dialect of await availableDialects()) {
  describe(`a push made while an order is unread holds it back (${dialect})`, () => {
    let rig: SyncRig;
    let tt1: ConnectedShop;
    let sp1: ConnectedShop;
    let deps: PusherDeps;

    const heldBackOf = async (shop: ConnectedShop) => {
      const row = await rig.pool.database.db
        .selectFrom('listings')
        .select('held_back')
        .where('shop_id', '=', shop.view.id)
        .executeTakeFirstOrThrow();
      return Number(row.held_back);
    };
    const pendingEvents = async () =>
      (await rig.pool.sync.status(rig.actor.tenantId)).queues.inboxPending;

    before(async () => {
      rig = await openSyncRig(dialect);
      await receiveStock(rig, 'opening', [{ sku: 'A', quantity: 10 }]);
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
      deps = {
        db: rig.pool.database.db,
        connectors: rig.pool.sync.connectors,
        clock: rig.pool.clock,
        ids: rig.pool.ids,
        skipLocked: dialect === 'postgres',
        tenantShops: async (tenantId) =>
          new Map((await listShops(rig.pool.database.db, tenantId)).map((s) => [s.id, s])),
      };
    });
    after(() => rig.close());

    test('the push to the ordering shop holds back the unread order; the other shop gets the pool', async () => {
      assert.equal(tt1.shown('A'), 10);
      // The worker is not running: the order's webhook is stored and stays unread.
      tt1.order('A');
      await waitFor('the webhook to be stored', async () => (await pendingEvents()) === 1);
      assert.equal(tt1.shown('A'), 9, 'the platform took the unit off sale itself');

      await receiveStock(rig, 'second delivery', [{ sku: 'A', quantity: 5 }]);
      const sku = await rig.pool.database.db
        .selectFrom('skus')
        .select('id')
        .where('tenant_id', '=', rig.actor.tenantId)
        .where('code', '=', 'A')
        .executeTakeFirstOrThrow();
      await markSkusForPush(rig.pool.database.db, {
        tenantId: rig.actor.tenantId,
        skuIds: [Number(sku.id)],
        originAtMs: Date.now(),
        nowMs: Date.now(),
      });
      for (const shop of [tt1, sp1]) {
        const record = await findShop(rig.pool.database.db, rig.actor.tenantId, shop.view.id);
        assert.ok(record);
        assert.equal(await pushShop(deps, record), 1, `one listing pushed to ${shop.view.name}`);
      }
      // 15 in the pool, which does not know the order yet: tt1 would show the sold unit again at 15.
      assert.equal(tt1.shown('A'), 14, 'tt1 shows the pool less its unread order');
      assert.equal(sp1.shown('A'), 15, 'sp1 has nothing unread: the pool as StockPool knows it');
      assert.equal(await heldBackOf(tt1), 1);
      assert.equal(await heldBackOf(sp1), 0);
      const pushes = await syncLogOf(rig, 'push');
      assert.equal(pushes.at(-2)?.detail, 'held_back:1');
    });

    test('once the order is applied every shop shows the exact figure and nothing stays held back', async () => {
      await rig.pool.sync.worker.drain();
      assert.equal(await pendingEvents(), 0);
      assert.deepEqual(await stockOf(rig, 'A'), { onHand: 15, reserved: 1 });
      assert.equal(tt1.shown('A'), 14);
      assert.equal(sp1.shown('A'), 14);
      assert.equal(await heldBackOf(tt1), 0);
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
