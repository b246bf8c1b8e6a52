/**
 * Proves the order reads and seller cancellation against the Shopee emulator over real HTTP:
 * listOrders walks a window longer than 15 days in slices Shopee accepts and pages with its
 * cursor, every order comes with full detail (lines, quantities, locations, pay time), getOrders
 * batches get_order_detail by 50, statuses map as §2.8 says, and cancelOrder cancels with
 * OUT_OF_STOCK before shipping only, giving the stock back.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PlatformOrder } from '../contract.ts';
import { ConnectorError } from '../errors.ts';
import {
  ManualClock,
  SHOP_ID,
  startShopeeFixture,
  type ShopeeFixture,
} from './emulator-fixture.ts';

const DAY_MS = 24 * 3600 * 1000;
const DETAIL = '/api/v2/order/get_order_detail';
const LIST = '/api/v2/order/get_order_list';

describe('Shopee connector orders', () => {
  const clock = new ManualClock(Date.UTC(2026, 2, 1));
  const startMs = clock.now;
  let fixture: ShopeeFixture;
  const placed: string[] = [];

  before(async () => {
    fixture = await startShopeeFixture({
      emulator: { nowMs: clock.nowMs },
      tokenLifetimeMs: 90 * DAY_MS,
    });
    fixture.emulator.seedProducts(SHOP_ID, [
      {
        itemId: '500',
        title: 'Mug',
        variants: [{ variantId: '0', sellerSku: 'MUG', stock: { SGZ: 1000 } }],
      },
      {
        itemId: '600',
        title: 'Tee',
        variants: [{ variantId: '61', sellerSku: 'TEE-S', stock: { SGZ: 1000 } }],
      },
    ]);
    // 170 orders spread over 40 days: 10 on each of days 0..3 and 130 on day 38.
    for (let i = 0; i < 170; i++) {
      clock.now = startMs + (i < 40 ? Math.floor(i / 10) : 38) * DAY_MS + i * 1000;
      const result = fixture.emulator.placeOrder({
        platformShopId: SHOP_ID,
        lines: [
          { itemId: '500', variantId: '0', quantity: 1 },
          { itemId: '600', variantId: '61', quantity: 2 },
        ],
        paid: i % 2 === 0,
      });
      assert.ok(result.ok);
      placed.push(result.orderId);
    }
    clock.now = startMs + 40 * DAY_MS;
  });
  after(() => fixture.close());

  async function listAll(
    fromMs: number,
    toMs: number,
  ): Promise<{ orders: PlatformOrder[]; pages: number }> {
    const orders: PlatformOrder[] = [];
    let pageToken: string | null = null;
    let pages = 0;
    do {
      const page = await fixture.connector.listOrders({
        updatedFromMs: fromMs,
        updatedToMs: toMs,
        pageToken,
      });
      orders.push(...page.items);
      pageToken = page.nextPageToken;
      pages += 1;
    } while (pageToken !== null);
    return { orders, pages };
  }

  it('walks a 40-day window in 15-day slices and Shopee cursor pages, each order once', async () => {
    const listCalls = fixture.emulator.stats().requests[LIST] ?? 0;
    const { orders, pages } = await listAll(startMs, clock.now);
    assert.deepEqual(orders.map((o) => o.orderId).sort(), [...placed].sort());
    // Slices [0,15d] (40 orders), [15d,30d] (none), [30d,40d] (130 orders: pages of 100 and 30).
    assert.equal(pages, 4);
    assert.equal((fixture.emulator.stats().requests[LIST] ?? 0) - listCalls, 4);
  });

  it('returns full detail: lines with order_item_id:model_id ids, quantities, location, pay time', async () => {
    const [paid, unpaid] = await fixture.connector.getOrders([placed[0] ?? '', placed[1] ?? '']);
    assert.equal(paid?.rawStatus, 'READY_TO_SHIP');
    assert.equal(paid?.state, 'paid');
    assert.equal(paid?.createdAtMs, startMs);
    assert.equal(paid?.paidAtMs, startMs);
    assert.deepEqual(paid?.lines, [
      {
        lineId: '500:0',
        itemId: '500',
        variantId: '0',
        sellerSku: 'MUG',
        quantity: 1,
        warehouseId: 'SGZ',
      },
      {
        lineId: '600:61',
        itemId: '600',
        variantId: '61',
        sellerSku: 'TEE-S',
        quantity: 2,
        warehouseId: 'SGZ',
      },
    ]);
    assert.equal(unpaid?.state, 'placed');
    assert.equal(unpaid?.paidAtMs, null);
  });

  it('batches getOrders of 170 orders into get_order_detail calls of 50', async () => {
    const before = fixture.emulator.stats().requests[DETAIL] ?? 0;
    const orders = await fixture.connector.getOrders([...placed, 'UNKNOWN0000001']);
    assert.equal(orders.length, 170);
    assert.deepEqual(
      orders.map((o) => o.orderId),
      placed,
    );
    assert.equal((fixture.emulator.stats().requests[DETAIL] ?? 0) - before, 4);
  });

  it('follows shipping and buyer cancellation in the mapped state', async () => {
    const [shipped, cancelled] = [placed[2] ?? '', placed[3] ?? ''];
    fixture.emulator.shipOrder(SHOP_ID, shipped);
    fixture.emulator.cancelOrderAsBuyer(SHOP_ID, cancelled);
    const orders = await fixture.connector.getOrders([shipped, cancelled]);
    assert.deepEqual(
      orders.map((o) => [o.rawStatus, o.state]),
      [
        ['SHIPPED', 'shipped'],
        ['CANCELLED', 'cancelled'],
      ],
    );
  });

  it('cancels an unshipped order as the seller with OUT_OF_STOCK and gives the stock back', async () => {
    const orderId = placed[4] ?? '';
    const stockBefore = fixture.emulator.shownStock(SHOP_ID, { itemId: '600', variantId: '61' })[0];
    const result = await fixture.connector.cancelOrder({ orderId, state: 'paid' });
    assert.match(result.reference, /^\d+$/);
    assert.equal(fixture.emulator.orderStatus(SHOP_ID, orderId), 'CANCELLED');
    const stockAfter = fixture.emulator.shownStock(SHOP_ID, { itemId: '600', variantId: '61' })[0];
    assert.equal((stockAfter?.available ?? 0) - (stockBefore?.available ?? 0), 2);
    assert.equal((stockBefore?.committed ?? 0) - (stockAfter?.committed ?? 0), 2);
    assert.deepEqual(fixture.emulator.stats().sellerCancellations.at(-1), {
      orderId,
      reason: 'OUT_OF_STOCK',
    });
  });

  it('is refused (REJECTED) when the order has already shipped', async () => {
    const orderId = placed[2] ?? '';
    const [order] = await fixture.connector.getOrders([orderId]);
    await assert.rejects(
      fixture.connector.cancelOrder({ orderId, state: 'shipped', lines: order?.lines }),
      (error: unknown) => error instanceof ConnectorError && error.code === 'REJECTED',
    );
  });
});
