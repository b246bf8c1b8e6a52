// Proves the burst rule of split pools end to end: while a partitioned SKU is selling, StockPool
// sends no re-split figures (each platform already keeps its shop within its share, and a figure
// sent now could overwrite sales still on their way and put sold units back on sale); once the
// SKU has been quiet for the burst window, the shares are re-split and every shop shows its target.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BURST_QUIET_MS } from '../../src/sync/demand.ts';
import type { DialectName } from '../../src/store/dialect-name.ts';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { divergences, receiveStock, stockOf } from '../support/sync-queries.ts';

/** 10 units of A, partitioned between one TikTok Shop and one Shopee shop, opening split sent. */
async function openPartitionedPair(
  dialect: DialectName,
): Promise<{ rig: SyncRig; tt1: ConnectedShop; sp1: ConnectedShop }> {
  const rig = await openSyncRig(dialect);
  await receiveStock(rig, 'opening', [{ sku: 'A', quantity: 10 }]);
  const set = await rig.pool.sync.policies.set(rig.actor, 'A', { mode: 'partitioned' });
  assert.ok(set.ok);
  const tt1 = await rig.connectShop({
    platform: 'tiktok-shop',
    key: 'tt1',
    listings: [{ sellerSku: 'A' }],
  });
  const sp1 = await rig.connectShop({
    platform: 'shopee',
    key: 'sp1',
    listings: [{ sellerSku: 'A' }],
  });
  await rig.pool.sync.worker.drain();
  return { rig, tt1, sp1 };
}

for (const dialect of await availableDialects()) {
  describe(`a partitioned SKU is re-split only after its burst (${dialect})`, () => {
    let rig: SyncRig;
    let tt1: ConnectedShop;
    let sp1: ConnectedShop;
    let lastOrderAtMs = 0;

    before(async () => {
      ({ rig, tt1, sp1 } = await openPartitionedPair(dialect));
    });
    after(() => rig.close());

    test('the opening split is 5 / 5', () => {
      assert.equal(tt1.shown('A'), 5);
      assert.equal(sp1.shown('A'), 5);
    });

    test('during the burst no re-split goes out: each shop sells from its own share', async () => {
      for (let i = 0; i < 3; i++) tt1.order('A', { paid: true });
      lastOrderAtMs = Date.now();
      await rig.tiktok.drainWebhooks();
      await rig.pool.sync.worker.drain();
      assert.deepEqual(await stockOf(rig, 'A'), { onHand: 10, reserved: 3 });
      // A fresh split of the 7 left would cut sp1 to 3 or 4 and raise tt1: neither is sent yet.
      assert.equal(tt1.shown('A'), 2, 'tt1 shows what its own platform left of its share');
      assert.equal(sp1.shown('A'), 5, 'sp1 keeps its share');
      const queued = await rig.pool.sync.status(rig.actor.tenantId);
      assert.ok(queued.queues.pushes >= 1, 'the re-split waits in the queue for the burst to end');
    });

    test('once the SKU has been quiet for the burst window, the shares are re-split', async () => {
      const waitMs = lastOrderAtMs + BURST_QUIET_MS - Date.now();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitMs)));
      await waitFor('the re-split to land', async () => {
        await rig.pool.sync.worker.drain();
        return (await divergences(rig, [tt1, sp1], ['A'])).length === 0;
      });
      assert.equal(tt1.shown('A') + sp1.shown('A'), 7);
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}

// A stock-take during the burst takes units from the pool that no shop's sales took: the shops
// together could now sell more than the pool holds. The only figure that cannot put a sale on its
// way back on sale is zero, so the shop showing most goes to zero and the others keep selling.
for (const dialect of await availableDialects()) {
  describe(`a split pool that shrinks during its burst cuts a shop to zero (${dialect})`, () => {
    let rig: SyncRig;
    let tt1: ConnectedShop;
    let sp1: ConnectedShop;

    before(async () => {
      ({ rig, tt1, sp1 } = await openPartitionedPair(dialect));
    });
    after(() => rig.close());

    test('sales alone send nothing; a stock-take that overcommits the shops zeroes the larger one', async () => {
      for (let i = 0; i < 3; i++) tt1.order('A', { paid: true });
      await rig.tiktok.drainWebhooks();
      await rig.pool.sync.worker.drain();
      assert.equal(tt1.shown('A'), 2);
      assert.equal(sp1.shown('A'), 5);
      // 10 on hand, 3 reserved: counted 6 leaves 3 available, while the shops show 2 + 5.
      const counted = await rig.pool.inventory.stocktake(rig.actor, {
        idempotencyKey: 'count-1',
        warehouse: 'GZ',
        lines: [{ sku: 'A', counted: 6 }],
      });
      assert.ok(counted.ok);
      await waitFor('the cut', async () => {
        await rig.pool.sync.worker.drain();
        return sp1.shown('A') === 0;
      });
      assert.equal(tt1.shown('A'), 2, 'the other keeps what its platform left of its share');
      const available = (await stockOf(rig, 'A')).onHand - (await stockOf(rig, 'A')).reserved;
      assert.ok(tt1.shown('A') + sp1.shown('A') <= available);
    });

    test('after the burst the rest is re-split over both shops', async () => {
      await waitFor('the re-split to land', async () => {
        await rig.pool.sync.worker.drain();
        return (await divergences(rig, [tt1, sp1], ['A'])).length === 0;
      });
      assert.equal(tt1.shown('A') + sp1.shown('A'), 3);
      assert.ok(sp1.shown('A') > 0, 'the zeroed shop sells again');
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
