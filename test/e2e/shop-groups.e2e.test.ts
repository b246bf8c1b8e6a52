// Proves end to end that what the platforms show follows the shop-group split: the SKU's policy
// splits the pool between an ungrouped shop and a group, the group's policy splits its share
// among its members, and changing the group's policy or its members is pushed to every platform
// without any stock moving.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { receiveStock } from '../support/sync-queries.ts';

for (const dialect of await availableDialects()) {
  describe(`shown figures follow shop groups (${dialect})`, () => {
    let rig: SyncRig;
    let tt1: ConnectedShop;
    let sp1: ConnectedShop;
    let sp2: ConnectedShop;
    let groupId: number;

    const shown = () => [tt1.shown('A'), sp1.shown('A'), sp2.shown('A')];
    const groups = () => rig.pool.sync.policies.groups;

    before(async () => {
      rig = await openSyncRig(dialect);
      await receiveStock(rig, 'opening', [{ sku: 'A', quantity: 40 }]);
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
      sp2 = await rig.connectShop({
        platform: 'shopee',
        key: 'sp2',
        listings: [{ sellerSku: 'A' }],
      });
      const group = await groups().create(rig.actor, {
        name: 'Shopee',
        policy: { mode: 'partitioned', weights: { [sp1.view.id]: 3, [sp2.view.id]: 1 } },
      });
      assert.ok(group.ok);
      groupId = group.value.id;
      // Half to TikTok, half to the Shopee group.
      const set = await rig.pool.sync.policies.set(rig.actor, 'A', {
        mode: 'partitioned',
        weights: { [tt1.view.id]: 1, [group.value.unitKey]: 1 },
      });
      assert.ok(set.ok);
      for (const shop of [sp1, sp2])
        assert.ok((await groups().addShop(rig.actor, groupId, shop.view.id)).ok);
      await rig.pool.sync.worker.drain();
    });
    after(() => rig.close());

    test("the group's half is split 3 : 1 among its members", () => {
      assert.deepEqual(shown(), [20, 15, 5]);
    });

    test("a new group policy is pushed to the members; the SKU level's figure stays", async () => {
      const r = await groups().update(rig.actor, groupId, { policy: { mode: 'partitioned' } });
      assert.ok(r.ok);
      await rig.pool.sync.worker.drain();
      assert.deepEqual(shown(), [20, 10, 10]);
    });

    test('a shop taken out of the group becomes a unit of its own at the SKU level', async () => {
      assert.ok((await groups().removeShop(rig.actor, groupId, sp2.view.id)).ok);
      await rig.pool.sync.worker.drain();
      // Three units of weight 1 share 40: 14 to the group (its key sorts first), 13 each to the others.
      assert.deepEqual(shown(), [13, 14, 13]);
    });
  });
}
