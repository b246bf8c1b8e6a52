/**
 * Proves the Shopee emulator's buyer return (shopee.md §2.8): only a shipped order can go to
 * TO_RETURN; the move bumps update_time, is pushed (code 3, status TO_RETURN), leaves seller stock
 * alone (restocking is the seller's call), and the connector reads the order as `returned`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SHOP_ID, startShopeeFixture, type ShopeeFixture } from './emulator-fixture.ts';

const MUG = { itemId: '500', variantId: '0' };

describe('Shopee emulator returns', () => {
  let fixture: ShopeeFixture;

  before(async () => {
    // Pushes go nowhere (outage) and are given up at once: what was pushed is in the records.
    fixture = await startShopeeFixture({
      webhookUrl: 'http://127.0.0.1:9/push',
      emulator: { webhookRetryDelaysMs: [] },
    });
    fixture.emulator.faults.update({ webhookOutageUntilMs: Date.now() + 60_000 });
    fixture.emulator.seedProducts(SHOP_ID, [
      {
        itemId: '500',
        title: 'Mug',
        variants: [{ variantId: '0', sellerSku: 'MUG', stock: { SGZ: 5 } }],
      },
    ]);
  });
  after(() => fixture.close());

  it('returns only a shipped order, pushes TO_RETURN and leaves seller stock alone', async () => {
    const placed = fixture.emulator.placeOrder({
      platformShopId: SHOP_ID,
      lines: [{ ...MUG, quantity: 2 }],
      paid: true,
    });
    assert.ok(placed.ok);
    assert.throws(() => fixture.emulator.returnOrder(SHOP_ID, placed.orderId), /READY_TO_SHIP/);
    fixture.emulator.shipOrder(SHOP_ID, placed.orderId);
    const [shipped] = await fixture.connector.getOrders([placed.orderId]);
    const shown = fixture.emulator.shownStock(SHOP_ID, MUG);

    fixture.emulator.returnOrder(SHOP_ID, placed.orderId);
    assert.equal(fixture.emulator.orderStatus(SHOP_ID, placed.orderId), 'TO_RETURN');
    assert.deepEqual(fixture.emulator.shownStock(SHOP_ID, MUG), shown);
    const [returned] = await fixture.connector.getOrders([placed.orderId]);
    assert.equal(returned?.rawStatus, 'TO_RETURN');
    assert.equal(returned?.state, 'returned');
    assert.ok((returned?.updatedAtMs ?? 0) >= (shipped?.updatedAtMs ?? Infinity));
    await fixture.emulator.drainWebhooks();
    const push = JSON.parse(fixture.emulator.webhookDeliveries().at(-1)?.body ?? '{}') as {
      code: number;
      data: { ordersn: string; status: string; update_time: number };
    };
    assert.deepEqual(
      [push.code, push.data.ordersn, push.data.status, push.data.update_time * 1000],
      [3, placed.orderId, 'TO_RETURN', returned?.updatedAtMs],
    );
  });
});
