// Proves the heart of channel sync end to end, over real HTTP against the TikTok Shop and Shopee
// emulators: a sale on one shop lowers what every other shop shows, cancellations give the units
// back, duplicate, out-of-order and forged webhooks change nothing, and the ledger stays sound.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';

for (const dialect of await availableDialects()) {
  describe(`a sale propagates to every shop (${dialect})`, () => {
    let rig: SyncRig;
    let tt1: ConnectedShop;
    let tt2: ConnectedShop;
    let sp1: ConnectedShop;

    before(async () => {
      rig = await openSyncRig(dialect);
      const received = await rig.pool.inventory.receive(rig.actor, {
        idempotencyKey: 'opening',
        warehouse: 'GZ',
        lines: [{ sku: 'A', quantity: 10 }],
      });
      assert.ok(received.ok, 'opening stock recorded');
      tt1 = await rig.connectShop({
        platform: 'tiktok-shop',
        key: 'tt1',
        listings: [{ sellerSku: 'A' }],
      });
      tt2 = await rig.connectShop({
        platform: 'tiktok-shop',
        key: 'tt2',
        listings: [{ sellerSku: 'A' }],
      });
      sp1 = await rig.connectShop({
        platform: 'shopee',
        key: 'sp1',
        listings: [{ sellerSku: 'A' }],
      });
      await rig.pool.sync.worker.drain();
      rig.pool.sync.worker.start();
    });
    after(() => rig.close());

    test('after the catalogue import every shop shows the pool', () => {
      assert.deepEqual([tt1.shown('A'), tt2.shown('A'), sp1.shown('A')], [10, 10, 10]);
    });

    test('an order on one TikTok shop lowers the other TikTok shop and the Shopee shop', async () => {
      const placed = tt1.emulator.placeOrder({
        platformShopId: tt1.platformShopId,
        lines: [{ ...tt1.ref('A'), quantity: 2 }],
      });
      assert.ok(placed.ok, 'the platform accepted the order');
      await waitFor('tt2 and sp1 to show 8', () => tt2.shown('A') === 8 && sp1.shown('A') === 8);
      assert.equal(tt1.shown('A'), 8, 'the shop that sold shows 8 as well');
    });

    test('an order on Shopee lowers both TikTok shops; its cancellation gives the units back', async () => {
      const placed = sp1.emulator.placeOrder({
        platformShopId: sp1.platformShopId,
        lines: [{ ...sp1.ref('A'), quantity: 3 }],
      });
      assert.ok(placed.ok, 'the platform accepted the order');
      await waitFor('TikTok shops to show 5', () => tt1.shown('A') === 5 && tt2.shown('A') === 5);
      sp1.emulator.cancelOrderAsBuyer(sp1.platformShopId, placed.orderId);
      await waitFor('every shop back at 8', () => [tt1, tt2, sp1].every((s) => s.shown('A') === 8));
      // The shop view says when the shop was last heard from; a shop with no webhook yet: never.
      const views = await rig.pool.sync.shops.list(rig.actor);
      const heard = (id: string) => views.find((v) => v.id === id)?.lastEventAt ?? null;
      assert.ok(Date.parse(heard(sp1.view.id) ?? '') > 0, 'Shopee shop last heard from');
      assert.equal(heard(tt2.view.id), null, 'tt2 has sent no webhook yet');
    });

    test('paying and shipping keep the figure; the ledger holds and invariants stay sound', async () => {
      const placed = tt2.emulator.placeOrder({
        platformShopId: tt2.platformShopId,
        lines: [{ ...tt2.ref('A'), quantity: 1 }],
      });
      assert.ok(placed.ok, 'the platform accepted the order');
      await waitFor('every shop at 7', () => [tt1, tt2, sp1].every((s) => s.shown('A') === 7));
      tt2.emulator.payOrder(tt2.platformShopId, placed.orderId);
      tt2.emulator.shipOrder(tt2.platformShopId, placed.orderId);
      await waitFor('the order to be applied as shipped', async () => {
        const row = await rig.pool.database.db
          .selectFrom('channel_orders')
          .select('state')
          .where('platform_order_id', '=', placed.orderId)
          .executeTakeFirst();
        return row?.state === 'shipped';
      });
      await rig.pool.sync.worker.drain();
      assert.deepEqual(
        [tt1, tt2, sp1].map((s) => s.shown('A')),
        [7, 7, 7],
      );
      const level = await rig.pool.database.db
        .selectFrom('stock_levels')
        .select(['on_hand', 'reserved'])
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [Number(level.on_hand), Number(level.reserved)],
        [9, 2],
        'one shipped, two held',
      );
      assert.deepEqual(await rig.invariants(), []);
    });

    test('a forged webhook is refused with 401 and stores nothing', async () => {
      const before = await rig.pool.database.db
        .selectFrom('inbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const body = JSON.stringify({
        type: 1,
        tts_notification_id: 'forged-1',
        shop_id: tt1.platformShopId,
        timestamp: Math.floor(Date.now() / 1000),
        data: {
          order_id: '1',
          order_status: 'CANCELLED',
          update_time: Math.floor(Date.now() / 1000),
        },
      });
      const response = await fetch(`${rig.url}/webhooks/tiktok-shop`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'f'.repeat(64) },
        body,
      });
      assert.equal(response.status, 401);
      const payload = (await response.json()) as { error: { code: string } };
      assert.equal(payload.error.code, 'WEBHOOK_SIGNATURE_INVALID');
      const afterCount = await rig.pool.database.db
        .selectFrom('inbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n), Number(before.n));
    });

    test('re-delivered webhooks are acknowledged and change nothing', async () => {
      const deliveries = tt1.emulator.webhookDeliveries().filter((d) => d.delivered);
      assert.ok(deliveries.length > 0, 'the emulator delivered webhooks');
      const orders = await rig.pool.database.db
        .selectFrom('holds')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      for (const d of deliveries) {
        const replay = await fetch(d.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...d.headers },
          body: d.body,
        });
        assert.equal(replay.status, 200);
      }
      await rig.pool.sync.worker.drain();
      const again = await rig.pool.database.db
        .selectFrom('holds')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(again.n), Number(orders.n), 'no new hold');
      assert.deepEqual(
        [tt1, tt2, sp1].map((s) => s.shown('A')),
        [7, 7, 7],
      );
    });
  });
}
