// Proves that an order StockPool must cancel for stock is cancelled even when its buyer paid after
// StockPool last read it: TikTok Shop takes different out-of-stock reasons before and after payment
// and refuses one that does not fit (25001021). StockPool then reads the order again and cancels it
// for the state it is in now, instead of parking it with its hold already released.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { outcomeOf, receiveStock, stockOf } from '../support/sync-queries.ts';
import { startWebhookRelay, type WebhookRelay } from '../support/webhook-relay.ts';

for (const dialect of await availableDialects()) {
  describe(`an unfillable order paid since it was read is still cancelled (${dialect})`, () => {
    let rig: SyncRig;
    let relay: WebhookRelay;
    let tt1: ConnectedShop;
    let sp1: ConnectedShop;

    before(async () => {
      rig = await openSyncRig(dialect);
      relay = await startWebhookRelay(rig.url);
      await receiveStock(rig, 'opening', [{ sku: 'A', quantity: 1 }]);
      tt1 = await rig.connectShop({
        platform: 'tiktok-shop',
        key: 'tt1',
        listings: [{ sellerSku: 'A' }],
        webhookUrl: `${relay.url}/webhooks/tiktok-shop`,
      });
      sp1 = await rig.connectShop({
        platform: 'shopee',
        key: 'sp1',
        listings: [{ sellerSku: 'A' }],
      });
      await rig.pool.sync.worker.drain();
      rig.pool.sync.worker.start();
    });
    after(async () => {
      await rig.close();
      await relay.close();
    });

    test('the paid Shopee order takes the unit; the TikTok order, paid meanwhile, is cancelled with the paid reason', async () => {
      const unpaid = tt1.emulator.placeOrder({
        platformShopId: tt1.platformShopId,
        lines: [{ ...tt1.ref('A'), quantity: 1 }],
      });
      assert.ok(unpaid.ok);
      await waitFor('the unpaid order to hold the unit', async () => {
        return (await stockOf(rig, 'A')).reserved === 1;
      });
      // TikTok's API is down until the buyer has paid: StockPool's cancellation, whenever it goes
      // out, cannot reach TikTok before the payment (without this the test raced the worker).
      tt1.emulator.faults.update({ outageUntilMs: Date.now() + 60_000 });
      // Same unit bought and paid on Shopee (its buyer still saw 1): the paid order wins.
      const paid = sp1.emulator.placeOrder({
        platformShopId: sp1.platformShopId,
        lines: [{ ...sp1.ref('A'), quantity: 1 }],
        paid: true,
      });
      assert.ok(paid.ok);
      await waitFor(
        'the TikTok order to be found unfillable',
        async () => (await outcomeOf(rig, unpaid.orderId)) === 'unfillable',
      );
      // Its buyer pays now; the webhook saying so is held back, so StockPool still reads it unpaid
      // when its cancellation goes out (after the SKU has been quiet for the burst window).
      relay.holding = true;
      tt1.emulator.payOrder(tt1.platformShopId, unpaid.orderId);
      tt1.emulator.faults.update({ outageUntilMs: 0 });
      await waitFor(
        'the TikTok order cancelled for stock',
        async () => (await outcomeOf(rig, unpaid.orderId)) === 'cancelled_oos',
        45_000,
      );
      const cancellations = tt1.emulator
        .stats()
        .sellerCancellations.filter((c) => c.orderId === unpaid.orderId);
      assert.deepEqual(cancellations, [
        { orderId: unpaid.orderId, reason: 'seller_cancel_reason_out_of_stock' },
      ]);
      assert.equal(tt1.emulator.orderStatus(tt1.platformShopId, unpaid.orderId), 'CANCELLED');
      await relay.release();
      await waitFor('the order book settled', async () => {
        return (await rig.pool.sync.status(rig.actor.tenantId)).queues.inboxPending === 0;
      });
      assert.equal(await outcomeOf(rig, unpaid.orderId), 'cancelled_oos');
      assert.equal(await outcomeOf(rig, paid.orderId), 'applied');
      assert.deepEqual(await stockOf(rig, 'A'), { onHand: 1, reserved: 1 });
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
