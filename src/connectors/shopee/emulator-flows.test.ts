/**
 * Proves the Shopee emulator's stock model and pushes: orders withhold seller stock at creation,
 * a cancellation gives it back, shipping releases the reservation; order status pushes (code 3)
 * are signed over url|body and retried until a 2xx; the /_emulator/ control routes drive it all.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PARTNER_KEY,
  SHOP_ID,
  startShopeeFixture,
  type ShopeeFixture,
} from './emulator-fixture.ts';

const MUG = { itemId: '500', variantId: '0' };

describe('Shopee emulator stock model', () => {
  let fixture: ShopeeFixture;

  before(async () => {
    fixture = await startShopeeFixture();
    fixture.emulator.seedProducts(SHOP_ID, [
      {
        itemId: '500',
        title: 'Mug',
        variants: [{ variantId: '0', sellerSku: 'MUG', stock: { SGZ: 5 } }],
      },
    ]);
  });
  after(() => fixture.close());

  const shown = () => fixture.emulator.shownStock(SHOP_ID, MUG)[0];

  it('withholds seller stock at order creation and refuses an order larger than it', () => {
    const placed = fixture.emulator.placeOrder({
      platformShopId: SHOP_ID,
      lines: [{ ...MUG, quantity: 2 }],
    });
    assert.ok(placed.ok);
    assert.deepEqual(shown(), { warehouseId: 'SGZ', available: 3, committed: 2 });
    assert.deepEqual(
      fixture.emulator.placeOrder({ platformShopId: SHOP_ID, lines: [{ ...MUG, quantity: 4 }] }),
      {
        ok: false,
        reason: 'OUT_OF_STOCK',
      },
    );
    fixture.emulator.cancelOrderAsBuyer(SHOP_ID, placed.orderId);
    assert.deepEqual(shown(), { warehouseId: 'SGZ', available: 5, committed: 0 });
  });

  it('releases the reservation on shipping without giving stock back', () => {
    const placed = fixture.emulator.placeOrder({
      platformShopId: SHOP_ID,
      lines: [{ ...MUG, quantity: 2 }],
      paid: true,
    });
    assert.ok(placed.ok);
    assert.equal(fixture.emulator.orderStatus(SHOP_ID, placed.orderId), 'READY_TO_SHIP');
    fixture.emulator.shipOrder(SHOP_ID, placed.orderId);
    assert.equal(fixture.emulator.orderStatus(SHOP_ID, placed.orderId), 'SHIPPED');
    assert.deepEqual(shown(), { warehouseId: 'SGZ', available: 3, committed: 0 });
    assert.throws(() => fixture.emulator.cancelOrderAsBuyer(SHOP_ID, placed.orderId));
  });

  it('lets the back office set seller stock without touching the reservation', () => {
    const placed = fixture.emulator.placeOrder({
      platformShopId: SHOP_ID,
      lines: [{ ...MUG, quantity: 1 }],
    });
    assert.ok(placed.ok);
    fixture.emulator.setShownStock(SHOP_ID, MUG, 'SGZ', 7);
    assert.deepEqual(shown(), { warehouseId: 'SGZ', available: 7, committed: 1 });
  });
});

describe('Shopee emulator pushes and control routes', () => {
  let receiver: Server;
  let status = 500;
  const received: Array<{ url: string; body: string; authorization: string | undefined }> = [];
  let callbackUrl = '';
  let fixture: ShopeeFixture;

  before(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          url: request.url ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
          authorization: request.headers.authorization,
        });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/shopee/push`;
    fixture = await startShopeeFixture({
      webhookUrl: callbackUrl,
      emulator: { webhookRetryDelaysMs: [10, 10] },
    });
  });
  after(async () => {
    await fixture.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('seeds, orders and pays through /_emulator/ and pushes code 3 signed over url|body, retrying until 2xx', async () => {
    const control = (path: string, body: unknown) =>
      fetch(`${fixture.emulator.baseUrl}/_emulator${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }));
    const seeded = await control(`/shops/${SHOP_ID}/products`, {
      products: [
        {
          itemId: '900',
          title: 'Cap',
          variants: [{ variantId: '0', sellerSku: 'CAP', stock: { SGZ: 3 } }],
        },
      ],
    });
    assert.equal(seeded.status, 200);
    const placed = await control('/orders', {
      platformShopId: SHOP_ID,
      lines: [{ itemId: '900', variantId: '0', quantity: 1 }],
    });
    const orderId = String(placed.body.orderId);
    await fixture.emulator.drainWebhooks();
    status = 200;
    assert.equal(
      (await control(`/orders/${orderId}/pay`, { platformShopId: SHOP_ID })).status,
      200,
    );
    await fixture.emulator.drainWebhooks();

    const deliveries = fixture.emulator.webhookDeliveries();
    assert.deepEqual(
      deliveries.map((d) => [d.attempts, d.delivered]),
      [
        [3, false],
        [1, true],
      ],
    );
    const last = received.at(-1);
    assert.ok(last);
    const push = JSON.parse(last.body) as {
      code: number;
      shop_id: number;
      data: Record<string, unknown>;
    };
    assert.equal(push.code, 3);
    assert.equal(push.shop_id, Number(SHOP_ID));
    assert.equal(push.data.ordersn, orderId);
    assert.equal(push.data.status, 'READY_TO_SHIP');
    const expected = createHmac('sha256', PARTNER_KEY)
      .update(`${callbackUrl}|${last.body}`)
      .digest('hex');
    assert.equal(last.authorization, expected);

    const stats = (await (await fetch(`${fixture.emulator.baseUrl}/_emulator/stats`)).json()) as {
      throttled: number;
    };
    assert.equal(stats.throttled, 0);
    const refused = await control('/orders', {
      platformShopId: SHOP_ID,
      lines: [{ itemId: '404', variantId: '0', quantity: 1 }],
    });
    assert.equal(refused.status, 400);
  });
});
