// Proves end to end that what the platforms show follows the shop-group split: the SKU's policy
// splits the pool between an ungrouped shop and a group, the group's policy splits its share
// among its members, and changing the group's policy or its members is pushed to every platform
// without any stock moving. During a burst, a member of a split group counts as split (its figure
// may not rise) even when the SKU's own policy is shared.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { receiveStock } from '../support/sync-queries.ts';
import { findSkusByCodes } from '../../src/store/catalog-lookup.ts';
import { listingsOfSkus } from '../../src/store/listings-repo.ts';
import { listShops } from '../../src/store/shops-repo.ts';
import { computeTargets } from '../../src/sync/listing-targets.ts';

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

    test('in a burst, members of a split group may not rise while shops under a shared SKU may', async () => {
      assert.ok((await rig.pool.sync.policies.set(rig.actor, 'A', { mode: 'shared' })).ok);
      assert.ok((await groups().addShop(rig.actor, groupId, sp2.view.id)).ok);
      await rig.pool.sync.worker.drain();
      assert.deepEqual(shown(), [40, 20, 20]);
      tt1.order('A', { paid: true });
      await rig.tiktok.drainWebhooks();
      await rig.pool.sync.worker.drain();
      const db = rig.pool.database.db;
      const skuId = (await findSkusByCodes(db, rig.actor.tenantId, ['A'])).get('A')?.id ?? 0;
      const shops = new Map((await listShops(db, rig.actor.tenantId)).map((s) => [s.id, s]));
      const listings = await listingsOfSkus(db, rig.actor.tenantId, [skuId]);
      const targets = await computeTargets(db, rig.actor.tenantId, listings, shops, Date.now());
      const riseAllowed = Object.fromEntries(
        listings.map((l, i) => [l.shopId, targets[i]?.riseAllowed]),
      );
      assert.deepEqual(riseAllowed, {
        [tt1.view.id]: true,
        [sp1.view.id]: false,
        [sp2.view.id]: false,
      });
    });
  });
}
