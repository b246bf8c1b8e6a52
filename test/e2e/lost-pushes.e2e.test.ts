// Proves Shopee's lost pushes close the gap a webhook-receiver outage leaves, on both engines:
// while the receiver is down every delivery of an order's push fails and Shopee gives up; the
// lost-push job fetches the push from Shopee, stores it through the webhook intake under the event
// id the live push would have had, confirms it, and the order is applied once — the other shop's
// figure follows. A second run finds nothing; the same push delivered late is a duplicate that
// changes nothing; invariants hold. Order polling is off, so only the job can find the order.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { systemClock } from '../../src/adapters/clock.ts';
import { recoverLostPushes } from '../../src/sync/lost-pushes.ts';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { deliverTo } from '../support/webhook-relay.ts';
import { receiveStock, recordedOrder, stockOf } from '../support/sync-queries.ts';

async function countOf(rig: SyncRig, table: 'movements' | 'inbox' | 'holds'): Promise<number> {
  const row = await rig.pool.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const dialect of await availableDialects()) {
  describe(`a push lost while the receiver was down is recovered once (${dialect})`, () => {
    let rig: SyncRig;
    let shopee: ConnectedShop;
    let tiktok: ConnectedShop;
    let orderId = '';
    const recover = () =>
      recoverLostPushes({
        db: rig.pool.database.db,
        connectors: rig.pool.sync.connectors,
        clock: systemClock,
      });

    before(async () => {
      rig = await openSyncRig(dialect);
      await receiveStock(rig, 'opening', [{ sku: 'A', quantity: 10 }]);
      shopee = await rig.connectShop({
        platform: 'shopee',
        key: 'sp',
        listings: [{ sellerSku: 'A' }],
      });
      tiktok = await rig.connectShop({
        platform: 'tiktok-shop',
        key: 'tt',
        listings: [{ sellerSku: 'A' }],
      });
      await rig.pool.sync.worker.drain();
      rig.pool.sync.worker.start();
    });
    after(() => rig.close());

    test('during the outage Shopee gives up on the push and StockPool hears nothing', async () => {
      // Longer than the rig's whole retry schedule (200 + 500 + 1000 ms).
      rig.shopee.faults.update({ webhookOutageUntilMs: Date.now() + 5_000 });
      orderId = shopee.order('A', { quantity: 3, paid: true });
      await rig.shopee.drainWebhooks();
      rig.shopee.faults.update({ webhookOutageUntilMs: 0 });
      const lost = rig.shopee.webhookDeliveries().filter((d) => d.body.includes(orderId));
      assert.ok(lost.length > 0 && lost.every((d) => !d.delivered));
      await rig.pool.sync.worker.drain();
      assert.equal(await recordedOrder(rig, orderId), undefined);
      assert.equal(tiktok.shown('A'), 10);
    });

    test('the lost-push job stores it, confirms it, and the order is applied', async () => {
      const inboxBefore = await countOf(rig, 'inbox');
      const stored = await recover();
      assert.equal(stored, 2, 'the UNPAID and READY_TO_SHIP pushes');
      assert.equal(await countOf(rig, 'inbox'), inboxBefore + 2);
      await waitFor('the order to be applied', async () => {
        return (await recordedOrder(rig, orderId))?.state === 'paid';
      });
      await waitFor('the TikTok shop to show 7', () => tiktok.shown('A') === 7);
      assert.deepEqual(await stockOf(rig, 'A'), { onHand: 10, reserved: 3 });
      assert.equal(await recover(), 0, 'confirmed: nothing left to fetch');
    });

    test('the same push delivered late is a duplicate and changes nothing', async () => {
      const counts = await Promise.all([
        countOf(rig, 'inbox'),
        countOf(rig, 'holds'),
        countOf(rig, 'movements'),
      ]);
      const lost = rig.shopee.webhookDeliveries().filter((d) => d.body.includes(orderId));
      for (const push of lost) {
        const url = new URL(push.url);
        const status = await deliverTo(url.origin, {
          path: url.pathname,
          body: push.body,
          headers: push.headers,
        });
        assert.equal(status, 200);
      }
      await rig.pool.sync.worker.drain();
      assert.deepEqual(
        await Promise.all([
          countOf(rig, 'inbox'),
          countOf(rig, 'holds'),
          countOf(rig, 'movements'),
        ]),
        counts,
      );
      assert.deepEqual(await stockOf(rig, 'A'), { onHand: 10, reserved: 3 });
      assert.equal(tiktok.shown('A'), 7);
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
