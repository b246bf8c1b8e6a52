// Proves that one stock write the platform applies and never answers costs only its own listing:
// the other listings of the same push round are recorded as soon as their calls are answered, a
// newer figure for them goes out while the hung call still waits out its timeout (6 s), and once
// it has, the hung listing converges too. Before, a round ended with its slowest call, so every
// listing of the shop waited behind the hang (R5: half of all 30-listing rounds under its fault
// mix), and Shopee sent its per-item calls one after another, so the calls behind a hang were not
// even sent.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SandboxPlatform } from '../../sandbox/platform-profiles.ts';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { divergences, receiveStock } from '../support/sync-queries.ts';

const SKUS = ['A', 'B'];
/** Well under the 6 s stock-write timeout: what "not behind the hang" means here. */
const PROMPT_MS = 3_000;

/** The figure StockPool has recorded as confirmed by the platform, per seller SKU. */
async function confirmed(rig: SyncRig, shop: ConnectedShop): Promise<Map<string, number | null>> {
  const rows = await rig.pool.database.db
    .selectFrom('listings')
    .select(['seller_sku', 'pushed_quantity'])
    .where('shop_id', '=', shop.view.id)
    .execute();
  return new Map(
    rows.map((r) => [r.seller_sku, r.pushed_quantity === null ? null : Number(r.pushed_quantity)]),
  );
}

for (const dialect of await availableDialects()) {
  for (const platform of ['tiktok-shop', 'shopee'] as const satisfies SandboxPlatform[]) {
    describe(`a hung stock write holds only its own listing (${platform}, ${dialect})`, () => {
      let rig: SyncRig;
      let shop: ConnectedShop;

      before(async () => {
        rig = await openSyncRig(dialect);
        await receiveStock(
          rig,
          'opening',
          SKUS.map((sku) => ({ sku, quantity: 20 })),
        );
        shop = await rig.connectShop({
          platform,
          key: 'hang',
          listings: SKUS.map((sellerSku) => ({ sellerSku })),
        });
        await rig.pool.sync.worker.drain();
        rig.pool.sync.worker.start();
      });
      after(() => rig.close());

      test('the other listing is confirmed and pushed again while the hung call waits', async (t) => {
        assert.deepEqual(await divergences(rig, [shop], SKUS), []);
        const startedAt = Date.now();
        // The next platform request (one of the round's two item calls) is applied, never answered.
        shop.emulator.faults.update({ hangNextRequests: 1 });
        await receiveStock(
          rig,
          'both',
          SKUS.map((sku) => ({ sku, quantity: 1 })),
        );
        let free = '';
        await waitFor(
          'one listing confirmed at 21',
          async () => {
            const figures = await confirmed(rig, shop);
            free = SKUS.find((sku) => figures.get(sku) === 21) ?? '';
            return free !== '';
          },
          PROMPT_MS,
        );
        const firstConfirmedMs = Date.now() - startedAt;
        const hung = SKUS.find((sku) => sku !== free) ?? '';
        assert.equal(shop.emulator.faults.settings.hangNextRequests, 0, 'the hang was used');
        assert.notEqual(
          (await confirmed(rig, shop)).get(hung),
          21,
          `${hung}'s write is not answered yet`,
        );

        // A newer figure for the free listing goes out beside the round still waiting.
        await receiveStock(rig, 'free-again', [{ sku: free, quantity: 1 }]);
        await waitFor(`${free} shown at 22`, () => shop.shown(free) === 22, PROMPT_MS);
        const secondShownMs = Date.now() - startedAt;
        assert.notEqual(
          (await confirmed(rig, shop)).get(hung),
          21,
          `${hung}'s write is still not answered while ${free} moved on`,
        );

        await waitFor(
          'every listing converged after the hung write timed out',
          async () => {
            const figures = await confirmed(rig, shop);
            return (
              figures.get(hung) === 21 &&
              figures.get(free) === 22 &&
              (await divergences(rig, [shop], SKUS)).length === 0
            );
          },
          15_000,
        );
        t.diagnostic(
          `${free} confirmed after ${firstConfirmedMs} ms and shown at its next figure after ${secondShownMs} ms; ${hung} (hung) converged after ${Date.now() - startedAt} ms`,
        );
        await rig.pool.sync.worker.drain();
        const status = await rig.pool.sync.status(rig.actor.tenantId);
        assert.equal(status.queues.deadLetters, 0);
        assert.deepEqual(await rig.invariants(), []);
      });
    });
  }
}
