// Proves returns end to end on both engines, over real HTTP against both emulators: an order
// placed, paid and shipped, then sent back by the buyer, puts its units back into the warehouse
// they left on a shop set to `restock` (a Shopee shop: TO_RETURN), so every shop shows them again;
// on a shop set to `quarantine` (a TikTok shop: a completed RETURN_AND_REFUND return) they go into
// the quarantine warehouse, which no shop sells from, so no figure rises. Each return is one
// `return` movement in the ledger; re-delivered return webhooks change nothing; invariants hold.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { allShow, receiveStock, recordedOrder } from '../support/sync-queries.ts';

/** Return movements of SKU A: warehouse code, on-hand delta, reference. */
async function returnMovements(rig: SyncRig) {
  const rows = await rig.pool.database.db
    .selectFrom('movements as m')
    .innerJoin('warehouses as w', 'w.id', 'm.warehouse_id')
    .select(['w.code', 'm.on_hand_delta', 'm.reserved_delta', 'm.reference_id'])
    .where('m.tenant_id', '=', rig.actor.tenantId)
    .where('m.kind', '=', 'return')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    warehouse: r.code,
    onHand: Number(r.on_hand_delta),
    reserved: Number(r.reserved_delta),
    reference: r.reference_id,
  }));
}

/** On hand per warehouse code of SKU A. */
async function onHandByWarehouse(rig: SyncRig): Promise<Record<string, number>> {
  const rows = await rig.pool.database.db
    .selectFrom('stock_levels as l')
    .innerJoin('warehouses as w', 'w.id', 'l.warehouse_id')
    .innerJoin('skus as s', 's.id', 'l.sku_id')
    .select(['w.code', 'l.on_hand'])
    .where('s.code', '=', 'A')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.code, Number(r.on_hand)]));
}

async function countOf(rig: SyncRig, table: 'movements' | 'inbox' | 'holds'): Promise<number> {
  const row = await rig.pool.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const stateIs = (rig: SyncRig, orderId: string, state: string) => async () =>
  (await recordedOrder(rig, orderId))?.state === state;

for (const dialect of await availableDialects()) {
  describe(`a returned order restocks or goes to quarantine, as the shop says (${dialect})`, () => {
    let rig: SyncRig;
    let restocking: ConnectedShop;
    let quarantining: ConnectedShop;
    let watcher: ConnectedShop;
    let shops: ConnectedShop[];
    const returned: string[] = [];

    before(async () => {
      rig = await openSyncRig(dialect);
      await rig.pool.catalog.createWarehouse(rig.actor.tenantId, {
        code: 'QZ',
        name: 'Quarantine',
        kind: 'domestic',
        country: 'CN',
      });
      await receiveStock(rig, 'opening', [{ sku: 'A', quantity: 10 }]);
      const listings = [{ sellerSku: 'A' }];
      restocking = await rig.connectShop({
        platform: 'shopee',
        key: 'sp-restock',
        listings,
        settings: { returns: { mode: 'restock', quarantineWarehouse: null } },
      });
      quarantining = await rig.connectShop({
        platform: 'tiktok-shop',
        key: 'tt-quarantine',
        listings,
        settings: { returns: { mode: 'quarantine', quarantineWarehouse: 'QZ' } },
      });
      watcher = await rig.connectShop({ platform: 'tiktok-shop', key: 'tt-watch', listings });
      shops = [restocking, quarantining, watcher];
      await rig.pool.sync.worker.drain();
      rig.pool.sync.worker.start();
    });
    after(() => rig.close());

    test('on a restocking shop the units come back to GZ and every shop shows them again', async () => {
      const orderId = restocking.order('A', { quantity: 2 });
      restocking.advance(orderId, 'pay', 'ship');
      await waitFor('the shipment to be applied', stateIs(rig, orderId, 'shipped'));
      await waitFor('every shop to show 8', () => allShow(shops, 'A', 8));
      assert.deepEqual(await onHandByWarehouse(rig), { GZ: 8 });

      restocking.advance(orderId, 'return');
      assert.equal(
        restocking.emulator.orderStatus(restocking.platformShopId, orderId),
        'TO_RETURN',
      );
      await waitFor('the return to be applied', stateIs(rig, orderId, 'returned'));
      await waitFor('the other shops to show 10 again', () =>
        allShow([quarantining, watcher], 'A', 10),
      );
      assert.deepEqual(await onHandByWarehouse(rig), { GZ: 10 });
      assert.deepEqual(await returnMovements(rig), [
        { warehouse: 'GZ', onHand: 2, reserved: 0, reference: `shopee:${orderId}` },
      ]);
      returned.push(orderId);
    });

    test('on a quarantining shop the units go to QZ and no shop shows them', async () => {
      await waitFor('every shop to show 10', () => allShow(shops, 'A', 10));
      const orderId = quarantining.order('A', { quantity: 1 });
      quarantining.advance(orderId, 'pay', 'ship');
      await waitFor('the shipment to be applied', stateIs(rig, orderId, 'shipped'));
      await waitFor('every shop to show 9', () => allShow(shops, 'A', 9));

      quarantining.advance(orderId, 'return');
      await waitFor('the return to be applied', stateIs(rig, orderId, 'returned'));
      await rig.pool.sync.worker.drain();
      assert.deepEqual(await onHandByWarehouse(rig), { GZ: 9, QZ: 1 });
      assert.deepEqual(
        shops.map((s) => s.shown('A')),
        [9, 9, 9],
        'quarantined units are not for sale',
      );
      assert.deepEqual((await returnMovements(rig)).at(-1), {
        warehouse: 'QZ',
        onHand: 1,
        reserved: 0,
        reference: `tiktok-shop:${orderId}`,
      });
      returned.push(orderId);
    });

    test('re-delivered return webhooks are acknowledged and change nothing', async () => {
      const before = await Promise.all([
        countOf(rig, 'movements'),
        countOf(rig, 'inbox'),
        onHandByWarehouse(rig),
      ]);
      const returnWebhooks = [rig.shopee, rig.tiktok]
        .flatMap((emulator) => emulator.webhookDeliveries())
        .filter((d) => d.delivered && /TO_RETURN|RETURN_OR_REFUND_REQUEST_COMPLETE/.test(d.body));
      assert.equal(returnWebhooks.length, 2, 'one return webhook per platform');
      for (const webhook of returnWebhooks) {
        const replay = await fetch(webhook.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...webhook.headers },
          body: webhook.body,
        });
        assert.equal(replay.status, 200);
      }
      await rig.pool.sync.worker.drain();
      const afterReplay = await Promise.all([
        countOf(rig, 'movements'),
        countOf(rig, 'inbox'),
        onHandByWarehouse(rig),
      ]);
      assert.deepEqual(afterReplay, before);
      assert.equal((await returnMovements(rig)).length, returned.length);
      assert.deepEqual(
        shops.map((s) => s.shown('A')),
        [9, 9, 9],
      );
    });

    test('every invariant holds', async () => {
      assert.deepEqual(await rig.invariants(), []);
    });
  });
}
