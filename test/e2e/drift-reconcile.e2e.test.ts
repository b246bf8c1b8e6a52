// Proves reconciliation end to end against the TikTok Shop and Shopee emulators: stock changed on
// a platform behind StockPool's back (a seller editing the back office) is found by reading the
// platform, recorded as drift in the sync log and as an accuracy below 1, and corrected by a push
// so the platform shows the target again; the next run finds every listing in step (accuracy 1).
// Both ways to run it are covered: a direct reconcileShop call, and the worker's periodic job.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { divergences, receiveStock, syncLogOf } from '../support/sync-queries.ts';

for (const dialect of await availableDialects()) {
  describe(`drift is found, recorded and corrected (${dialect})`, () => {
    let rig: SyncRig;
    let tt1: ConnectedShop;
    let tt2: ConnectedShop;
    let sp1: ConnectedShop;

    /** Buyers see something else: the platform's own figure is set, StockPool is not told. */
    const drift = (shop: ConnectedShop, sku: string, quantity: number) => {
      const warehouseId = shop.emulator.shownStock(shop.platformShopId, shop.ref(sku))[0]
        ?.warehouseId;
      assert.ok(warehouseId, 'the listing has a warehouse');
      shop.emulator.setShownStock(shop.platformShopId, shop.ref(sku), warehouseId, quantity);
    };
    const lastRunOf = async (shop: ConnectedShop) => {
      const run = await rig.pool.database.db
        .selectFrom('reconcile_runs')
        .select(['listings_checked', 'listings_matched', 'corrections', 'error'])
        .where('shop_id', '=', shop.view.id)
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      return {
        checked: run.listings_checked,
        matched: run.listings_matched,
        corrections: run.corrections,
        error: run.error,
      };
    };

    before(async () => {
      // Periodic jobs on: each shop is reconciled once at the start, then on its own interval.
      rig = await openSyncRig(dialect, { worker: { periodic: true } });
      await receiveStock(rig, 'opening', [
        { sku: 'A', quantity: 10 },
        { sku: 'B', quantity: 5 },
      ]);
      const listings = [{ sellerSku: 'A' }, { sellerSku: 'B' }];
      const rarely = { reconcileIntervalSeconds: 24 * 3600 };
      tt1 = await rig.connectShop({
        platform: 'tiktok-shop',
        key: 'tt1',
        listings,
        settings: rarely,
      });
      tt2 = await rig.connectShop({
        platform: 'tiktok-shop',
        key: 'tt2',
        listings,
        settings: rarely,
      });
      // The shortest interval allowed, for the periodic job's test.
      sp1 = await rig.connectShop({
        platform: 'shopee',
        key: 'sp1',
        listings,
        settings: { reconcileIntervalSeconds: 5 },
      });
      await rig.pool.sync.worker.drain();
      rig.pool.sync.worker.start();
    });
    after(() => rig.close());

    test('once the catalogue figures have landed, reconciliation finds every shop in step', async () => {
      // Landed means every shop shows its figure and no push is still queued (a queued push is
      // propagation, which reconciliation does not count as drift nor check).
      await waitFor(
        'the first pushes to land',
        async () =>
          (await divergences(rig, [tt1, tt2, sp1], ['A', 'B'])).length === 0 &&
          (await rig.pool.sync.status(rig.actor.tenantId)).queues.pushes === 0,
      );
      for (const shop of [tt1, tt2, sp1]) {
        const summary = await rig.reconcile(shop);
        assert.deepEqual(summary, { checked: 2, matched: 2, corrections: 0, added: 0 });
      }
      const { accuracy } = await rig.pool.sync.status(rig.actor.tenantId);
      assert.equal(accuracy.shops.length, 3);
      assert.equal(accuracy.lastCheck, 1);
    });

    test('drift on two TikTok shops is found by reconcileShop, recorded, and pushed back to the target', async () => {
      drift(tt2, 'A', 25); // shows more than exists: the dangerous way
      drift(tt1, 'B', 0); // shows less: lost sales
      const first = await rig.reconcile(tt2);
      assert.deepEqual(first, { checked: 2, matched: 1, corrections: 1, added: 0 });
      const second = await rig.reconcile(tt1);
      assert.deepEqual(second, { checked: 2, matched: 1, corrections: 1, added: 0 });
      const drifts = (await syncLogOf(rig, 'drift')).slice(-2);
      assert.deepEqual(
        drifts.map((d) => ({ shopId: d.shopId, shown: d.previous, target: d.quantity })),
        [
          { shopId: tt2.view.id, shown: 25, target: 10 },
          { shopId: tt1.view.id, shown: 0, target: 5 },
        ],
      );
      assert.deepEqual(await lastRunOf(tt2), {
        checked: 2,
        matched: 1,
        corrections: 1,
        error: null,
      });
      const { accuracy } = await rig.pool.sync.status(rig.actor.tenantId);
      assert.ok(
        accuracy.lastCheck !== null && accuracy.lastCheck < 1,
        `accuracy ${accuracy.lastCheck}`,
      );
      await waitFor(
        'the platforms to show the targets again',
        () => tt2.shown('A') === 10 && tt1.shown('B') === 5,
      );
      assert.deepEqual(await divergences(rig, [tt1, tt2, sp1], ['A', 'B']), []);
    });

    test('the next run finds every listing in step: accuracy is back to 1', async () => {
      for (const shop of [tt1, tt2]) {
        assert.deepEqual(await rig.reconcile(shop), {
          checked: 2,
          matched: 2,
          corrections: 0,
          added: 0,
        });
        assert.deepEqual(await lastRunOf(shop), {
          checked: 2,
          matched: 2,
          corrections: 0,
          error: null,
        });
      }
      const { accuracy } = await rig.pool.sync.status(rig.actor.tenantId);
      assert.equal(accuracy.lastCheck, 1);
    });

    test("the worker's periodic reconciliation corrects drift on the Shopee shop within its interval", async () => {
      const before = (await syncLogOf(rig, 'drift')).length;
      drift(sp1, 'A', 3);
      await waitFor('the periodic run to find and fix it', () => sp1.shown('A') === 10, 15_000);
      const drifts = (await syncLogOf(rig, 'drift')).slice(before);
      assert.deepEqual(
        drifts.map((d) => ({ shopId: d.shopId, shown: d.previous, target: d.quantity })),
        [{ shopId: sp1.view.id, shown: 3, target: 10 }],
      );
      await waitFor(
        'a clean periodic run',
        async () => (await lastRunOf(sp1)).corrections === 0,
        15_000,
      );
      assert.equal((await rig.pool.sync.status(rig.actor.tenantId)).accuracy.lastCheck, 1);
    });

    test('pushes and reconciliations leave every invariant sound', async () => {
      await rig.pool.sync.worker.drain();
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
