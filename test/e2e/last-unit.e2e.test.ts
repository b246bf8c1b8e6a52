// Proves the last-unit rules end to end against the TikTok Shop and Shopee emulators: when two
// buyers on two platforms pay for the last unit in the same instant exactly one order survives and
// the other is cancelled on its platform with the out-of-stock reason, counted as an oversell and
// alerted in red; a paid order takes the unit from an unpaid hold on another shop; and a shop set
// to 'park' keeps its unfillable order for the seller, who applies it once stock arrives.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import {
  allShow,
  holdStatusesOf,
  openAlerts,
  outcomeOf,
  receiveStock,
  recordedOrder,
  stockOf,
} from '../support/sync-queries.ts';
import { startWebhookRelay, type WebhookRelay } from '../support/webhook-relay.ts';

/** The platform's word for a paid order waiting to ship. */
const paidStatusOf = (shop: ConnectedShop) =>
  shop.emulator.platform === 'shopee' ? 'READY_TO_SHIP' : 'AWAITING_SHIPMENT';

for (const dialect of await availableDialects()) {
  describe(`the last unit goes to one buyer (${dialect})`, () => {
    let rig: SyncRig;
    let relay: WebhookRelay;
    let tt1: ConnectedShop;
    let tt2: ConnectedShop;
    let sp1: ConnectedShop;
    let sp2: ConnectedShop;

    before(async () => {
      rig = await openSyncRig(dialect);
      // Shopee's webhooks pass through a relay, so a test can make them arrive late.
      relay = await startWebhookRelay(rig.url);
      await rig.pool.catalog.createSku(rig.actor.tenantId, { code: 'C', name: 'Item C' });
      await receiveStock(rig, 'opening', [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 1 },
        { sku: 'C', quantity: 1 },
      ]);
      const listings = ['A', 'B', 'C'].map((sellerSku) => ({ sellerSku }));
      tt1 = await rig.connectShop({ platform: 'tiktok-shop', key: 'tt1', listings });
      tt2 = await rig.connectShop({ platform: 'tiktok-shop', key: 'tt2', listings });
      const viaRelay = `${relay.url}/webhooks/shopee`;
      sp1 = await rig.connectShop({
        platform: 'shopee',
        key: 'sp1',
        listings,
        webhookUrl: viaRelay,
      });
      sp2 = await rig.connectShop({
        platform: 'shopee',
        key: 'sp2',
        listings: [{ sellerSku: 'C' }],
        webhookUrl: viaRelay,
        settings: { onUnfillable: 'park' },
      });
      await rig.pool.sync.worker.drain();
      rig.pool.sync.worker.start();
    });
    after(async () => {
      await rig.close();
      await relay.close();
    });

    test('every shop starts by showing the one unit of each SKU', () => {
      for (const sku of ['A', 'B', 'C'])
        assert.ok(allShow([tt1, tt2, sp1], sku, 1), `all show 1 ${sku}`);
      assert.equal(sp2.shown('C'), 1);
    });

    test('two buyers paying for the last unit at once: one order survives, the other is cancelled for stock', async () => {
      const onTikTok = tt1.emulator.placeOrder({
        platformShopId: tt1.platformShopId,
        lines: [{ ...tt1.ref('A'), quantity: 1 }],
        paid: true,
      });
      const onShopee = sp1.emulator.placeOrder({
        platformShopId: sp1.platformShopId,
        lines: [{ ...sp1.ref('A'), quantity: 1 }],
        paid: true,
      });
      assert.ok(onTikTok.ok && onShopee.ok, 'both platforms showed 1 and took the order');
      const contenders = [
        { shop: tt1, orderId: onTikTok.orderId },
        { shop: sp1, orderId: onShopee.orderId },
      ];
      await waitFor('one order applied and the other cancelled for stock', async () => {
        const outcomes = await Promise.all(contenders.map((c) => outcomeOf(rig, c.orderId)));
        return outcomes.includes('applied') && outcomes.includes('cancelled_oos');
      });
      const outcomes = await Promise.all(contenders.map((c) => outcomeOf(rig, c.orderId)));
      const winner = contenders[outcomes.indexOf('applied')];
      const loser = contenders[outcomes.indexOf('cancelled_oos')];
      assert.ok(winner && loser && winner !== loser, 'exactly one survivor');
      const cancels = loser.shop.emulator.stats().sellerCancellations;
      assert.deepEqual(
        cancels
          .filter((c) => c.orderId === loser.orderId)
          .map((c) => /out_of_stock/i.test(c.reason)),
        [true],
        'cancelled once through the platform with its out-of-stock reason',
      );
      assert.equal(
        loser.shop.emulator.orderStatus(loser.shop.platformShopId, loser.orderId),
        'CANCELLED',
      );
      assert.equal(
        winner.shop.emulator.orderStatus(winner.shop.platformShopId, winner.orderId),
        paidStatusOf(winner.shop),
      );
      assert.equal(
        winner.shop.emulator.stats().sellerCancellations.filter((c) => c.orderId === winner.orderId)
          .length,
        0,
      );
      assert.equal((await rig.pool.sync.status(rig.actor.tenantId)).oversells.total, 1);
      const loserRecord = await recordedOrder(rig, loser.orderId);
      const alerts = await openAlerts(rig, 'oversell');
      assert.deepEqual(
        alerts.filter((a) => a.subject === loserRecord?.id).map((a) => a.level),
        ['red'],
      );
      // The platform put the cancelled unit back on sale: StockPool must take it down again.
      await waitFor('every shop at 0 A', () => allShow([tt1, tt2, sp1], 'A', 0));
      assert.deepEqual(await stockOf(rig, 'A'), { onHand: 1, reserved: 1 });
    });

    test('a paid order takes the last unit from an unpaid hold on another shop', async () => {
      relay.holding = true;
      const unpaid = tt1.emulator.placeOrder({
        platformShopId: tt1.platformShopId,
        lines: [{ ...tt1.ref('B'), quantity: 1 }],
      });
      // Same instant on Shopee: its buyer saw 1 too; its webhook is late.
      const paid = sp1.emulator.placeOrder({
        platformShopId: sp1.platformShopId,
        lines: [{ ...sp1.ref('B'), quantity: 1 }],
        paid: true,
      });
      assert.ok(unpaid.ok && paid.ok, 'both platforms took the order');
      await waitFor(
        'the unpaid order to hold the unit',
        async () => (await stockOf(rig, 'B')).reserved === 1,
      );
      assert.equal(await outcomeOf(rig, unpaid.orderId), 'applied');
      await waitFor('TikTok shops at 0 B', () => allShow([tt1, tt2], 'B', 0));
      // Another applier holds the unpaid order (its payment, read by another worker): the paid
      // order must not take its hold from under it, and waits its turn.
      const victimClaim = (untilMs: number) =>
        rig.pool.database.db
          .updateTable('channel_orders')
          .set({ applying_until: untilMs })
          .where('platform_order_id', '=', unpaid.orderId)
          .execute();
      await victimClaim(Date.now() + 60_000);
      await relay.release();
      await waitFor(
        'the paid order to be read',
        async () => (await outcomeOf(rig, paid.orderId)) !== '',
      );
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.equal(
        await outcomeOf(rig, unpaid.orderId),
        'applied',
        'the held order keeps its unit',
      );
      assert.deepEqual(await holdStatusesOf(rig, unpaid.orderId), ['held']);
      assert.ok((await rig.pool.sync.status(rig.actor.tenantId)).queues.inboxPending > 0);
      await victimClaim(0);
      await waitFor(
        'the paid order applied, the unpaid one cancelled for stock',
        async () =>
          (await outcomeOf(rig, paid.orderId)) === 'applied' &&
          (await outcomeOf(rig, unpaid.orderId)) === 'cancelled_oos',
      );
      assert.deepEqual(
        tt1.emulator.stats().sellerCancellations.filter((c) => c.orderId === unpaid.orderId),
        [{ orderId: unpaid.orderId, reason: 'seller_cancel_unpaid_reason_out_of_stock' }],
      );
      assert.equal(tt1.emulator.orderStatus(tt1.platformShopId, unpaid.orderId), 'CANCELLED');
      assert.equal(sp1.emulator.orderStatus(sp1.platformShopId, paid.orderId), 'READY_TO_SHIP');
      assert.equal((await rig.pool.sync.status(rig.actor.tenantId)).oversells.total, 2);
      await waitFor('every shop at 0 B', () => allShow([tt1, tt2, sp1], 'B', 0));
      assert.deepEqual(await stockOf(rig, 'B'), { onHand: 1, reserved: 1 });
    });

    test("a shop set to 'park' parks its unfillable order, and the seller's retry applies it after a receipt", async () => {
      relay.holding = true;
      const first = tt2.emulator.placeOrder({
        platformShopId: tt2.platformShopId,
        lines: [{ ...tt2.ref('C'), quantity: 1 }],
        paid: true,
      });
      const second = sp2.emulator.placeOrder({
        platformShopId: sp2.platformShopId,
        lines: [{ ...sp2.ref('C'), quantity: 1 }],
        paid: true,
      });
      assert.ok(first.ok && second.ok, 'both platforms took the order');
      await waitFor(
        'the TikTok order to hold the unit',
        async () => (await outcomeOf(rig, first.orderId)) === 'applied',
      );
      await relay.release();
      await waitFor(
        'the Shopee order to be parked',
        async () => (await outcomeOf(rig, second.orderId)) === 'parked',
      );
      const parked = await recordedOrder(rig, second.orderId);
      assert.ok(parked);
      const alertOf = async () =>
        (await openAlerts(rig, 'oversell')).find((a) => a.subject === parked.id);
      await waitFor('the oversell alert', async () => (await alertOf()) !== undefined);
      const alert = await alertOf();
      assert.equal(alert?.level, 'red');
      assert.equal(alert?.params.parked, true);
      assert.equal((await rig.pool.sync.status(rig.actor.tenantId)).oversells.total, 3);
      await rig.pool.sync.worker.drain();
      assert.equal(
        sp2.emulator.stats().sellerCancellations.filter((c) => c.orderId === second.orderId).length,
        0,
        'a parked order is not cancelled',
      );
      assert.equal(sp2.emulator.orderStatus(sp2.platformShopId, second.orderId), 'READY_TO_SHIP');

      await receiveStock(rig, 'restock-C', [{ sku: 'C', quantity: 1 }]);
      const retried = await rig.pool.sync.orders.retry(rig.actor, parked.id);
      assert.ok(retried.ok, 'the retry was accepted');
      assert.equal(retried.value.outcome, 'applied');
      assert.ok(retried.value.lines?.every((l) => l.holdId !== null && l.appliedState === 'paid'));
      assert.deepEqual(await stockOf(rig, 'C'), { onHand: 2, reserved: 2 });
      await waitFor('every shop at 0 C', () => allShow([tt1, tt2, sp1, sp2], 'C', 0));
    });

    test('the ledger and every invariant hold after the contest', async () => {
      await rig.pool.sync.worker.drain();
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
