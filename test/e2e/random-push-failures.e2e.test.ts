// Proves that random failures of single stock-update calls, on platforms that answer the rest, are
// retried within seconds and cost only their own listings: with both emulators answering 10% of
// calls with a 500 (not applied), three rounds of receipts over 8 SKUs each reach every listing of
// a TikTok Shop and a Shopee shop within a few seconds (the outage schedule would wait 5, 15 and
// 30 s), each failed call fails only its own listing (push_failed rows ≤ stock-update calls the
// platforms did not apply), and nothing becomes a dead letter.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { divergences, receiveStock, syncLogOf } from '../support/sync-queries.ts';

const SKUS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
const ROUNDS = 3;
/** Each round must converge within this: a failure or two retried after 1–2 s each, and slack. */
const ROUND_LIMIT_MS = 8_000;

/** Stock-update requests and the writes they applied, over both emulators. */
function stockUpdates(rig: SyncRig): { calls: number; applied: number } {
  let calls = 0;
  let applied = 0;
  for (const emulator of [rig.tiktok, rig.shopee]) {
    const stats = emulator.stats();
    for (const [path, n] of Object.entries(stats.requests))
      if (/inventory\/update$|\/product\/update_stock$/.test(path)) calls += n;
    applied += stats.stockWrites;
  }
  return { calls, applied };
}

for (const dialect of await availableDialects()) {
  describe(`random single-call failures are retried within seconds (${dialect})`, () => {
    let rig: SyncRig;
    let shops: ConnectedShop[];

    before(async () => {
      rig = await openSyncRig(dialect);
      for (const code of SKUS.slice(2))
        await rig.pool.catalog.createSku(rig.actor.tenantId, { code, name: `Item ${code}` });
      await receiveStock(
        rig,
        'opening',
        SKUS.map((sku) => ({ sku, quantity: 20 })),
      );
      const listings = SKUS.map((sellerSku) => ({ sellerSku }));
      shops = [
        await rig.connectShop({ platform: 'tiktok-shop', key: 'tt', listings }),
        await rig.connectShop({ platform: 'shopee', key: 'sp', listings }),
      ];
      await rig.pool.sync.worker.drain();
      rig.pool.sync.worker.start();
    });
    after(() => rig.close());

    test('every round converges within seconds; a failed call fails only its own listing', async (t) => {
      assert.deepEqual(await divergences(rig, shops, SKUS), []);
      const before = stockUpdates(rig);
      const failedBefore = (await syncLogOf(rig, 'push_failed')).length;
      for (const e of [rig.tiktok, rig.shopee]) e.faults.update({ errorRate: 0.1 });
      const took: number[] = [];
      try {
        for (let round = 0; round < ROUNDS; round++) {
          const startedAt = Date.now();
          await receiveStock(
            rig,
            `round-${round}`,
            SKUS.map((sku) => ({ sku, quantity: 1 })),
          );
          await waitFor(
            `round ${round} to converge`,
            async () => (await divergences(rig, shops, SKUS)).length === 0,
            ROUND_LIMIT_MS,
          );
          took.push(Date.now() - startedAt);
        }
      } finally {
        for (const e of [rig.tiktok, rig.shopee]) e.faults.update({ errorRate: 0 });
      }
      const after = stockUpdates(rig);
      const notApplied = after.calls - before.calls - (after.applied - before.applied);
      const failed = (await syncLogOf(rig, 'push_failed')).length - failedBefore;
      t.diagnostic(
        `rounds converged in ${took.join(', ')} ms; ${notApplied} of ${after.calls - before.calls} stock-update calls failed, ${failed} listing pushes failed`,
      );
      assert.ok(
        failed <= notApplied,
        `${failed} listing pushes failed for ${notApplied} failed calls: a failure spread to listings whose calls went through`,
      );
      await rig.pool.sync.worker.drain();
      const status = await rig.pool.sync.status(rig.actor.tenantId);
      assert.equal(status.queues.deadLetters, 0);
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
