// Proves StockPool rides out one platform's outage end to end: while the TikTok Shop emulator
// answers every call with 503, orders keep arriving on two Shopee shops and those shops stay in
// step; the pushes to both TikTok shops fail and are retried on the schedule (recorded in the
// push queue and the sync log); once TikTok answers again every shop converges on its target,
// with no 429 from either platform, no dead letter and every invariant sound.
//
// Time scale: the "several minutes" of outage is played at one second per minute. The
// outage lasts 8 s, and the push retry schedule (5 s, 15 s, 30 s, then backoff from a minute:
// domain/sync/retry-schedule.ts) runs 60 times faster through the worker's `retrySchedule`
// option, so the whole file stays well under a minute per engine. The recovery probe
// (sync/push-recovery.ts) runs at the same scale.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nextRetryAtMs } from '../../src/domain/sync/retry-schedule.ts';
import { PROBE_INTERVAL_MS } from '../../src/sync/push-recovery.ts';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { divergences, receiveStock, syncLogOf } from '../support/sync-queries.ts';

const SKUS = ['A', 'B', 'C', 'D', 'E'];
/** One real second plays one minute. */
const TIME_SCALE = 1 / 60;
const OUTAGE_MS = 8_000;
const ORDERS = 16;
const ORDER_GAP_MS = 250;

/** The real retry schedule, 60 times faster. */
const scaledRetrySchedule: typeof nextRetryAtMs = (input) => {
  const at = nextRetryAtMs({ ...input, nowMs: 0 });
  return at === null ? null : input.nowMs + Math.ceil(at * TIME_SCALE);
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const dialect of await availableDialects()) {
  describe(`one platform down, the others unaffected, all converge after recovery (${dialect})`, () => {
    let rig: SyncRig;
    let tiktokShops: ConnectedShop[];
    let shopeeShops: ConnectedShop[];
    let outageUntilMs = 0;

    before(async () => {
      rig = await openSyncRig(dialect, {
        worker: {
          retrySchedule: scaledRetrySchedule,
          probeIntervalMs: PROBE_INTERVAL_MS * TIME_SCALE,
        },
      });
      for (const code of ['C', 'D', 'E'])
        await rig.pool.catalog.createSku(rig.actor.tenantId, { code, name: `Item ${code}` });
      await receiveStock(
        rig,
        'opening',
        SKUS.map((sku) => ({ sku, quantity: 40 })),
      );
      const listings = SKUS.map((sellerSku) => ({ sellerSku }));
      tiktokShops = [
        await rig.connectShop({ platform: 'tiktok-shop', key: 'tt1', listings }),
        await rig.connectShop({ platform: 'tiktok-shop', key: 'tt2', listings }),
      ];
      shopeeShops = [
        await rig.connectShop({ platform: 'shopee', key: 'sp1', listings }),
        await rig.connectShop({ platform: 'shopee', key: 'sp2', listings }),
      ];
      await rig.pool.sync.worker.drain();
      rig.pool.sync.worker.start();
    });
    after(() => rig.close());

    test('while TikTok Shop is down, Shopee orders keep both Shopee shops in step', async (t) => {
      assert.deepEqual(await divergences(rig, [...tiktokShops, ...shopeeShops], SKUS), []);
      outageUntilMs = Date.now() + OUTAGE_MS;
      rig.tiktok.faults.update({ outageUntilMs });
      for (let i = 0; i < ORDERS; i++) {
        const shop = shopeeShops[i % 2] as ConnectedShop;
        const sku = SKUS[i % SKUS.length] as string;
        const placed = shop.emulator.placeOrder({
          platformShopId: shop.platformShopId,
          lines: [{ ...shop.ref(sku), quantity: 1 + (i % 3) }],
          paid: i % 4 === 0,
        });
        assert.ok(placed.ok, `order ${i} taken`);
        await sleep(ORDER_GAP_MS);
      }
      await waitFor(
        'the Shopee shops to converge',
        async () => (await divergences(rig, shopeeShops, SKUS)).length === 0,
      );
      const convergedAtMs = Date.now();
      t.diagnostic(
        `Shopee shops converged ${outageUntilMs - convergedAtMs} ms before TikTok came back`,
      );
      assert.ok(
        convergedAtMs < outageUntilMs,
        'the healthy platform did not wait for the down one',
      );
      assert.ok((await divergences(rig, tiktokShops, SKUS)).length > 0, 'TikTok shops are behind');
    });

    test('pushes to the down shops fail and are retried, not dropped', async () => {
      const tiktokIds = new Set(tiktokShops.map((s) => s.view.id));
      await waitFor('TikTok pushes to be retried', async () => {
        const rows = await rig.pool.database.db
          .selectFrom('push_queue')
          .select(['shop_id', 'attempts', 'dead'])
          .execute();
        return rows.some((r) => tiktokIds.has(r.shop_id) && r.attempts >= 2);
      });
      const failed = await syncLogOf(rig, 'push_failed');
      assert.ok(
        failed.length > 0 && failed.every((f) => tiktokIds.has(f.shopId)),
        'only TikTok failed',
      );
      assert.ok(
        failed.some((f) => /503|UNAVAILABLE|server/i.test(f.detail ?? '')),
        failed[0]?.detail ?? '',
      );
      const dead = await rig.pool.database.db
        .selectFrom('push_queue')
        .select('listing_id')
        .where('dead', '=', 1)
        .execute();
      assert.deepEqual(dead, [], 'no dead letter during the outage');
    });

    test('after recovery every shop converges on its target without a single 429', async (t) => {
      const all = [...tiktokShops, ...shopeeShops];
      await waitFor('the outage to end', () => Date.now() >= outageUntilMs, OUTAGE_MS + 1_000);
      await waitFor(
        'every shop to converge',
        async () => (await divergences(rig, all, SKUS)).length === 0,
        20_000,
      );
      const tookMs = Date.now() - outageUntilMs;
      t.diagnostic(`converged ${tookMs} ms after TikTok Shop came back`);
      // R6's bound (QUALITY.md): distinct SKUs ÷ write rate + 60 s, here a few ms + 1 s at this
      // scale, plus one probe interval for noticing the platform is back and 2 s of slack for a
      // loaded machine. Without the probe each listing waits out its own backoff: 6–8 s here.
      assert.ok(
        tookMs < (60_000 + PROBE_INTERVAL_MS) * TIME_SCALE + 2_000,
        `converged ${tookMs} ms after recovery`,
      );
      assert.equal(rig.tiktok.stats().throttled, 0, 'no 429 from TikTok Shop');
      assert.equal(rig.shopee.stats().throttled, 0, 'no 429 from Shopee');
      await rig.pool.sync.worker.drain();
      const status = await rig.pool.sync.status(rig.actor.tenantId);
      assert.equal(status.queues.deadLetters, 0);
      assert.equal(status.queues.pushes, 0, 'nothing left to push');
      const listings = await rig.pool.database.db
        .selectFrom('listings')
        .select(['target_quantity', 'pushed_quantity', 'out_of_sync_since'])
        .execute();
      assert.ok(
        listings.every(
          (l) =>
            Number(l.pushed_quantity) === Number(l.target_quantity) && l.out_of_sync_since === null,
        ),
        'every listing confirmed at its target (I5)',
      );
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
