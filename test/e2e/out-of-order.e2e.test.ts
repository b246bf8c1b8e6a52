// Proves webhook delivery order and repetition do not matter end to end: every recorded delivery
// of two TikTok shops and a Shopee shop re-sent, shuffled, three times changes nothing; distinct
// status webhooks delivered newest first and twice leave the state of in-order single delivery; a
// cancel whose webhook arrives before the create is remembered and holds nothing; and an order
// for a listing StockPool cannot tie to a SKU waits as unmatched, alerted, until the seller maps
// the listing, then holds its units and every shop shows the new figure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../../sandbox/kit/faults.ts';
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
import {
  deliverTo,
  startWebhookRelay,
  type HeldWebhook,
  type WebhookRelay,
} from '../support/webhook-relay.ts';

/** Fisher–Yates with a seeded generator, so a failing order replays. */
function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The order status a TikTok ORDER_STATUS_CHANGE webhook carries. */
function statusIn(w: HeldWebhook): string {
  return (JSON.parse(w.body) as { data: { order_status: string } }).data.order_status;
}

for (const dialect of await availableDialects()) {
  describe(`webhooks in any order, any number of times (${dialect})`, () => {
    let rig: SyncRig;
    let relay: WebhookRelay;
    let tt1: ConnectedShop;
    let tt2: ConnectedShop;
    let sp1: ConnectedShop;
    let shops: ConnectedShop[];
    const random = seededRandom(20261127);

    /** Everything applied and pushed: no pending event, no queued push, no task running. */
    const settled = async () => {
      await Promise.all([rig.tiktok.drainWebhooks(), rig.shopee.drainWebhooks()]);
      await waitFor(
        'the inbox to be applied',
        async () => (await rig.pool.sync.status(rig.actor.tenantId)).queues.inboxPending === 0,
      );
      await rig.pool.sync.worker.drain();
    };
    const snapshot = async () => {
      const db = rig.pool.database.db;
      const movements = await db
        .selectFrom('movements')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return {
        stock: { A: await stockOf(rig, 'A'), B: await stockOf(rig, 'B') },
        holds: await db
          .selectFrom('holds')
          .select(['order_ref', 'status', 'quantity'])
          .orderBy('id')
          .execute(),
        orders: await db
          .selectFrom('channel_orders')
          .select(['platform_order_id', 'state', 'outcome'])
          .orderBy('platform_order_id')
          .execute(),
        movements: Number(movements.n),
        shown: shops.map((s) => [s.shown('A'), s.shown('B')]),
      };
    };
    /** A buyer action followed by its webhook's delivery, so events arrive in order, once. */
    const act = async (shop: ConnectedShop, action: () => void) => {
      action();
      await shop.emulator.drainWebhooks();
    };
    const place = (shop: ConnectedShop, sku: string, quantity: number, paid = false) => {
      const placed = shop.emulator.placeOrder({
        platformShopId: shop.platformShopId,
        lines: [{ ...shop.ref(sku), quantity }],
        paid,
      });
      assert.ok(placed.ok, `the platform took ${quantity} ${sku}`);
      return placed.orderId;
    };

    before(async () => {
      rig = await openSyncRig(dialect);
      relay = await startWebhookRelay(rig.url);
      await receiveStock(rig, 'opening', [
        { sku: 'A', quantity: 20 },
        { sku: 'B', quantity: 10 },
      ]);
      const listings = [{ sellerSku: 'A' }, { sellerSku: 'B' }];
      tt1 = await rig.connectShop({ platform: 'tiktok-shop', key: 'tt1', listings });
      tt2 = await rig.connectShop({
        platform: 'tiktok-shop',
        key: 'tt2',
        listings,
        webhookUrl: `${relay.url}/webhooks/tiktok-shop`,
      });
      // NEW-1 is a seller SKU code StockPool does not know: the listing stays unmatched.
      sp1 = await rig.connectShop({
        platform: 'shopee',
        key: 'sp1',
        listings: [...listings, { sellerSku: 'NEW-1', shown: 5 }],
      });
      shops = [tt1, tt2, sp1];
      await rig.pool.sync.worker.drain();
      rig.pool.sync.worker.start();
    });
    after(async () => {
      await rig.close();
      await relay.close();
    });

    test('in-order single delivery of a day of orders gives the expected stock', async () => {
      const o1 = place(tt1, 'A', 2);
      await tt1.emulator.drainWebhooks();
      await act(tt1, () => tt1.emulator.payOrder(tt1.platformShopId, o1));
      await act(tt1, () => tt1.emulator.shipOrder(tt1.platformShopId, o1));
      const o2 = place(tt1, 'A', 1);
      await act(tt1, () => tt1.emulator.cancelOrderAsBuyer(tt1.platformShopId, o2));
      place(sp1, 'B', 1, true);
      const o4 = place(sp1, 'A', 3);
      await act(sp1, () => sp1.emulator.cancelOrderAsBuyer(sp1.platformShopId, o4));
      place(sp1, 'B', 2);
      const o6 = place(tt2, 'A', 1);
      await act(tt2, () => tt2.emulator.payOrder(tt2.platformShopId, o6));
      await settled();
      assert.ok(
        [...rig.tiktok.webhookDeliveries(), ...rig.shopee.webhookDeliveries()].every(
          (d) => d.delivered && d.attempts === 1,
        ),
        'every webhook delivered once',
      );
      // A: 2 shipped, 1 held (paid); B: 1 paid + 2 unpaid held.
      assert.deepEqual(await stockOf(rig, 'A'), { onHand: 18, reserved: 1 });
      assert.deepEqual(await stockOf(rig, 'B'), { onHand: 10, reserved: 3 });
      assert.ok(allShow(shops, 'A', 17) && allShow(shops, 'B', 7), 'every shop shows the pool');
    });

    test('every delivery re-sent three times in shuffled order changes nothing', async () => {
      const before = await snapshot();
      const inboxBefore = await rig.pool.database.db
        .selectFrom('inbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const deliveries = [...rig.tiktok.webhookDeliveries(), ...rig.shopee.webhookDeliveries()];
      assert.ok(deliveries.length >= 12, `${deliveries.length} deliveries recorded`);
      for (let round = 0; round < 3; round++) {
        for (const d of shuffled(deliveries, random)) {
          const url = new URL(d.url);
          const status = await deliverTo(url.origin, {
            path: url.pathname,
            body: d.body,
            headers: d.headers,
          });
          assert.equal(status, 200, 'a re-delivery is acknowledged');
        }
      }
      await settled();
      const inboxAfter = await rig.pool.database.db
        .selectFrom('inbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(inboxAfter.n), Number(inboxBefore.n), 'no event stored twice');
      assert.deepEqual(await snapshot(), before);
    });

    test('status webhooks delivered newest first, each twice, end where in-order delivery ends', async () => {
      relay.holding = true;
      const shippedId = place(tt2, 'A', 2);
      tt2.emulator.payOrder(tt2.platformShopId, shippedId);
      tt2.emulator.shipOrder(tt2.platformShopId, shippedId);
      const cancelledId = place(tt2, 'B', 1);
      tt2.emulator.cancelOrderAsBuyer(tt2.platformShopId, cancelledId);
      await tt2.emulator.drainWebhooks();
      const held = relay.take();
      // TikTok's webhook says CANCEL where its API says CANCELLED (tiktok-shop.md §1.9).
      assert.deepEqual(held.map(statusIn), [
        'UNPAID',
        'AWAITING_SHIPMENT',
        'IN_TRANSIT',
        'UNPAID',
        'CANCEL',
      ]);
      relay.holding = false;
      for (const w of [...held].reverse()) assert.equal(await deliverTo(rig.url, w), 200);
      for (const w of shuffled(held, random)) assert.equal(await deliverTo(rig.url, w), 200);
      await settled();
      // TikTok lists one line item per unit (tiktok-shop.md §1.7): two units, two holds.
      assert.deepEqual(await holdStatusesOf(rig, shippedId), ['shipped', 'shipped']);
      assert.deepEqual(await holdStatusesOf(rig, cancelledId), []);
      assert.equal((await recordedOrder(rig, shippedId))?.state, 'shipped');
      assert.equal((await recordedOrder(rig, cancelledId))?.state, 'cancelled');
      // As if in order: A 2 more shipped; B untouched.
      assert.deepEqual(await stockOf(rig, 'A'), { onHand: 16, reserved: 1 });
      assert.deepEqual(await stockOf(rig, 'B'), { onHand: 10, reserved: 3 });
      assert.ok(allShow(shops, 'A', 15) && allShow(shops, 'B', 7), 'every shop shows the pool');
    });

    test('a cancel whose webhook arrives before the create is remembered and holds nothing', async () => {
      relay.holding = true;
      const orderId = place(tt2, 'B', 2);
      tt2.emulator.cancelOrderAsBuyer(tt2.platformShopId, orderId);
      await tt2.emulator.drainWebhooks();
      const [create, cancel] = relay.take();
      assert.ok(create && cancel);
      assert.deepEqual([statusIn(create), statusIn(cancel)], ['UNPAID', 'CANCEL']);
      relay.holding = false;
      assert.equal(await deliverTo(rig.url, cancel), 200);
      await settled();
      assert.equal(
        (await recordedOrder(rig, orderId))?.state,
        'cancelled',
        'the cancel is recorded',
      );
      assert.equal(await deliverTo(rig.url, create), 200);
      await settled();
      assert.equal(
        (await recordedOrder(rig, orderId))?.state,
        'cancelled',
        'the late create changes nothing',
      );
      assert.deepEqual(await holdStatusesOf(rig, orderId), []);
      assert.deepEqual(await stockOf(rig, 'B'), { onHand: 10, reserved: 3 });
      assert.ok(allShow(shops, 'B', 7), 'every shop still shows 7 B');
    });

    test('an order for an unmapped listing waits as unmatched, alerted, and applies once the listing is mapped', async () => {
      const [listing] = await rig.pool.sync.listings.list(rig.actor, {
        shopId: sp1.view.id,
        unmatchedOnly: true,
        limit: 10,
      });
      assert.equal(listing?.sellerSku, 'NEW-1');
      const orderId = place(sp1, 'NEW-1', 2);
      await settled();
      assert.equal(await outcomeOf(rig, orderId), 'unmatched');
      const order = await recordedOrder(rig, orderId);
      const alerts = await openAlerts(rig, 'unmatched_order');
      assert.deepEqual(
        alerts.filter((a) => a.subject === order?.id).map((a) => a.level),
        ['orange'],
      );
      assert.deepEqual(await stockOf(rig, 'B'), { onHand: 10, reserved: 3 }, 'nothing held yet');

      const mapped = await rig.pool.sync.listings.map(rig.actor, listing.id, {
        sku: 'B',
        unitsPerListing: 1,
      });
      assert.ok(mapped.ok, 'the seller mapped the listing');
      assert.equal(await outcomeOf(rig, orderId), 'applied');
      assert.deepEqual(await holdStatusesOf(rig, orderId), ['held']);
      assert.deepEqual(await stockOf(rig, 'B'), { onHand: 10, reserved: 5 });
      assert.equal(
        (await openAlerts(rig, 'unmatched_order')).filter((a) => a.subject === order?.id).length,
        0,
      );
      await waitFor(
        'every B listing at 5',
        () => allShow(shops, 'B', 5) && sp1.shown('NEW-1') === 5,
      );
    });

    test('the ledger and every invariant hold after all that', async () => {
      await settled();
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
