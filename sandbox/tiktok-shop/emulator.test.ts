// Proves the TikTok Shop emulator behaves as tiktok-shop.md describes the platform: its own
// signature check reproduces the doc vector, the timestamp window is −5 min..+30 s, throttling is
// per (app, shop, API), stock moves between available and committed through the order lifecycle,
// order search filters and sorts by update time, and signed ORDER_STATUS_CHANGE webhooks are
// retried until accepted (401 counts as received).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { TikTokShopClient } from '../../src/connectors/tiktok-shop/client.ts';
import { resolveTikTokOptions } from '../../src/connectors/tiktok-shop/options.ts';
import { isConnectorError } from '../../src/connectors/errors.ts';
import type { PlatformEmulator } from '../kit/emulator.ts';
import { startTikTokShopEmulator } from './server.ts';
import { expectedTikTokSign } from './sign-check.ts';
import { webhookAuthorization } from './webhooks.ts';

const APP = { appKey: 'emu-app', appSecret: 'emu-secret' };
const W1 = '7068517275539719942';
const Anything = z.unknown();
const Orders = z.object({ orders: z.array(z.object({ id: z.string(), update_time: z.number() })) });

describe('TikTok Shop emulator', () => {
  let emulator: PlatformEmulator;
  let nextShop = 1;
  before(async () => {
    emulator = await startTikTokShopEmulator({ webhookRetryDelaysMs: [10, 10, 10, 10] });
  });
  after(() => emulator.close());

  function newShop(webhookUrl: string | null = null) {
    const n = nextShop++;
    const auth = {
      ...APP,
      accessToken: `emu-access-${n}`,
      refreshToken: `emu-refresh-${n}`,
      accessTokenExpiresAtMs: Date.now() + 86_400_000,
      refreshTokenExpiresAtMs: null,
      platformShopId: `749400000000000${n}`,
      shopCipher: `ROW_emu_${n}`,
    };
    emulator.seedShop({ ...auth, shopCipher: auth.shopCipher, webhookUrl, warehouseIds: [W1] });
    const ref = { itemId: `30${n}`, variantId: `40${n}` };
    emulator.seedProducts(auth.platformShopId, [
      {
        itemId: ref.itemId,
        title: 'Item',
        variants: [{ ...ref, sellerSku: 'SKU', stock: { [W1]: 10 } }],
      },
    ]);
    const client = (offsetMs = 0, rateLimitPerSecond = 50) =>
      new TikTokShopClient(
        resolveTikTokOptions({
          auth,
          baseUrl: emulator.baseUrl,
          nowMs: () => Date.now() + offsetMs,
          rateLimitPerSecond,
        }),
      );
    return { shopId: auth.platformShopId, ref, client };
  }
  const errorOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    assert.ok(isConnectorError(error), `expected a ConnectorError, got ${String(error)}`);
    return error;
  };
  const ordersCall = {
    method: 'GET' as const,
    path: '/order/202309/orders',
    query: { ids: '1' },
    schema: Anything,
  };

  it("its own signature check reproduces the doc's worked example", () => {
    const request = {
      path: '/authorization/202309/shops',
      rawQuery: 'app_key=29a39d&timestamp=1623812664&sign=ignored',
      rawBody: '',
      contentType: 'application/json',
    };
    assert.equal(
      expectedTikTokSign(request, 'e59af819cc'),
      'b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8',
    );
  });

  it('accepts timestamps from 5 minutes before to 30 seconds after its clock, and no others', async () => {
    const { client } = newShop();
    for (const offsetMs of [-290_000, 25_000]) await client(offsetMs).call(ordersCall);
    for (const offsetMs of [-310_000, 35_000]) {
      const error = await errorOf(client(offsetMs).call(ordersCall));
      assert.equal(error.platformCode, '36009004', `offset ${offsetMs}`);
    }
  });

  it('throttles per (app, shop, API): a burst on one API leaves other APIs and shops alone', async () => {
    const slow = await startTikTokShopEmulator({ rateLimitPerSecond: 5 });
    try {
      const shops = [1, 2].map((n) => {
        const auth = {
          ...APP,
          accessToken: `slow-${n}`,
          refreshToken: `slow-r-${n}`,
          platformShopId: `88${n}`,
        };
        const seed = {
          ...auth,
          accessTokenExpiresAtMs: Date.now() + 86_400_000,
          shopCipher: `C${n}`,
        };
        slow.seedShop({ ...seed, webhookUrl: null, warehouseIds: [W1] });
        const options = { auth: { ...seed, refreshTokenExpiresAtMs: null }, baseUrl: slow.baseUrl };
        return new TikTokShopClient(resolveTikTokOptions({ ...options, rateLimitPerSecond: 1e6 }));
      });
      const [first, other] = shops as [TikTokShopClient, TikTokShopClient];
      const burst = await Promise.allSettled(
        Array.from({ length: 20 }, () => first.call(ordersCall)),
      );
      const throttled = burst.filter(
        (entry) =>
          entry.status === 'rejected' &&
          isConnectorError(entry.reason) &&
          entry.reason.code === 'RATE_LIMITED',
      ).length;
      assert.ok(throttled >= 10, `only ${throttled} of 20 were throttled`);
      assert.equal(slow.stats().throttled, throttled);
      const search = {
        method: 'POST' as const,
        path: '/order/202309/orders/search',
        query: { page_size: '10' },
      };
      await first.call({ ...search, schema: Anything });
      await other.call(ordersCall);
      assert.equal(slow.stats().throttled, throttled);
    } finally {
      await slow.close();
    }
  });

  it('moves units from available to committed on placing, back on cancelling, out on shipping', () => {
    const { shopId, ref } = newShop();
    const stock = () => emulator.shownStock(shopId, ref)[0];
    const place = (quantity: number, paid = false) => {
      const result = emulator.placeOrder({
        platformShopId: shopId,
        lines: [{ ...ref, quantity }],
        paid,
      });
      assert.ok(result.ok, 'order placed');
      return result.orderId;
    };
    const shipped = place(3, true);
    assert.deepEqual(stock(), { warehouseId: W1, available: 7, committed: 3 });
    emulator.shipOrder(shopId, shipped);
    assert.deepEqual(stock(), { warehouseId: W1, available: 7, committed: 0 });
    const cancelled = place(2);
    assert.equal(emulator.orderStatus(shopId, cancelled), 'UNPAID');
    emulator.cancelOrderAsBuyer(shopId, cancelled);
    assert.deepEqual(stock(), { warehouseId: W1, available: 7, committed: 0 });
    assert.equal(emulator.orderStatus(shopId, cancelled), 'CANCELLED');
    assert.throws(() => emulator.shipOrder(shopId, cancelled), /CANCELLED/);
  });

  it('searches orders by update time, sorted, and refuses more than 50 ids in a detail call', async () => {
    const { shopId, ref, client } = newShop();
    const ids = [1, 2, 3].map(() => {
      const result = emulator.placeOrder({
        platformShopId: shopId,
        lines: [{ ...ref, quantity: 1 }],
      });
      assert.ok(result.ok, 'order placed');
      return result.orderId;
    });
    const nowSec = Math.floor(Date.now() / 1000);
    const search = (body: Record<string, unknown>, sortOrder: string) =>
      client().call({
        method: 'POST',
        path: '/order/202309/orders/search',
        query: { page_size: '2', sort_field: 'update_time', sort_order: sortOrder },
        body,
        schema: Orders,
      });
    const ascending = await search(
      { update_time_ge: nowSec - 5, update_time_lt: nowSec + 5 },
      'ASC',
    );
    assert.deepEqual(
      ascending.orders.map((order) => order.id),
      ids.slice(0, 2),
    );
    const descending = await search({ update_time_ge: nowSec - 5 }, 'DESC');
    assert.deepEqual(
      descending.orders.map((order) => order.id),
      [ids[2], ids[1]],
    );
    assert.equal((await search({ update_time_ge: nowSec + 5 }, 'ASC')).orders.length, 0);
    const tooMany = Array.from({ length: 51 }, (_, i) => String(i + 1)).join(',');
    const error = await errorOf(client().call({ ...ordersCall, query: { ids: tooMany } }));
    assert.deepEqual([error.code, error.platformCode], ['REJECTED', '36009022']);
  });

  it('answers an unknown path with 36009009 in its envelope', async () => {
    const response = await fetch(`${emulator.baseUrl}/product/202309/nothing`);
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as { code: number }).code, 36009009);
  });

  describe('webhooks', () => {
    const received: Array<{ body: string; authorization: string | undefined }> = [];
    let answers: number[] = [];
    const receiver: Server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          body: Buffer.concat(chunks).toString('utf8'),
          authorization: request.headers.authorization,
        });
        response.writeHead(answers.shift() ?? 200).end();
      });
    });
    const url = () => `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tts`;
    before(() => new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve)));
    after(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

    it('sends a signed ORDER_STATUS_CHANGE per status change, cancelled spelled CANCEL, each with its own id', async () => {
      received.length = 0;
      const { shopId, ref } = newShop(url());
      const result = emulator.placeOrder({
        platformShopId: shopId,
        lines: [{ ...ref, quantity: 1 }],
        paid: true,
      });
      assert.ok(result.ok, 'order placed');
      emulator.cancelOrderAsBuyer(shopId, result.orderId);
      await emulator.drainWebhooks();
      const bodies = received.map((entry) => JSON.parse(entry.body) as Record<string, unknown>);
      assert.deepEqual(
        bodies.map((body) => [
          body.type,
          body.shop_id,
          (body.data as Record<string, unknown>).order_status,
        ]),
        [
          [1, shopId, 'UNPAID'],
          [1, shopId, 'AWAITING_SHIPMENT'],
          [1, shopId, 'CANCEL'],
        ],
      );
      assert.equal(new Set(bodies.map((body) => body.tts_notification_id)).size, 3);
      for (const entry of received)
        assert.equal(
          entry.authorization,
          webhookAuthorization(APP.appKey, APP.appSecret, entry.body),
        );
    });

    it('retries a failed delivery on the schedule, stops when accepted, and counts 401 as received', async () => {
      const { shopId, ref } = newShop(url());
      const deliveriesBefore = emulator.webhookDeliveries().length;
      answers = [500, 503, 200, 401];
      emulator.placeOrder({ platformShopId: shopId, lines: [{ ...ref, quantity: 1 }] });
      await emulator.drainWebhooks();
      emulator.placeOrder({ platformShopId: shopId, lines: [{ ...ref, quantity: 1 }] });
      await emulator.drainWebhooks();
      const records = emulator.webhookDeliveries().slice(deliveriesBefore);
      assert.deepEqual(
        records.map((record) => [record.attempts, record.delivered, record.lastStatus]),
        [
          [3, true, 200],
          [1, true, 401],
        ],
      );
      answers = [500, 500, 500, 500, 500];
      emulator.placeOrder({ platformShopId: shopId, lines: [{ ...ref, quantity: 1 }] });
      await emulator.drainWebhooks();
      const last = emulator.webhookDeliveries().at(-1);
      assert.deepEqual([last?.attempts, last?.delivered], [5, false]);
    });
  });
});
