// Proves a shop's catalogue import counts exactly the listings it added: a second import of the
// same catalogue adds none (even within the same millisecond as the first, which the count
// by creation time used to get wrong), and a product the seller adds on the platform afterwards
// counts once, matched to its master SKU by seller SKU code.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';

for (const dialect of await availableDialects()) {
  describe(`catalogue import counts what it added (${dialect})`, () => {
    let rig: SyncRig;
    let shop: ConnectedShop;

    before(async () => {
      rig = await openSyncRig(dialect);
      await rig.pool.catalog.createSku(rig.actor.tenantId, { code: 'C', name: 'Item C' });
      shop = await rig.connectShop({
        platform: 'shopee',
        key: 'sp1',
        listings: [{ sellerSku: 'A' }, { sellerSku: 'B' }],
      });
    });
    after(() => rig.close());

    test('importing the same catalogue again adds nothing', async () => {
      const again = await rig.pool.sync.listings.importCatalogue(rig.actor, shop.view.id);
      assert.ok(again.ok);
      assert.equal(again.value.read, 2);
      assert.equal(again.value.added, 0);
    });

    test('a product added on the platform counts once, matched by its seller SKU', async () => {
      shop.emulator.seedProducts(shop.platformShopId, [
        {
          itemId: '990001',
          title: 'Listing C',
          variants: [{ variantId: '990002', sellerSku: 'C', stock: {} }],
        },
      ]);
      const first = await rig.pool.sync.listings.importCatalogue(rig.actor, shop.view.id);
      assert.ok(first.ok);
      assert.deepEqual({ read: first.value.read, added: first.value.added }, { read: 3, added: 1 });
      const second = await rig.pool.sync.listings.importCatalogue(rig.actor, shop.view.id);
      assert.ok(second.ok);
      assert.equal(second.value.added, 0);
      const listing = await rig.pool.database.db
        .selectFrom('listings as l')
        .innerJoin('skus as s', 's.id', 'l.sku_id')
        .select(['s.code', 'l.match_state'])
        .where('l.item_id', '=', '990001')
        .executeTakeFirstOrThrow();
      assert.deepEqual(listing, { code: 'C', match_state: 'auto' });
    });
  });
}
