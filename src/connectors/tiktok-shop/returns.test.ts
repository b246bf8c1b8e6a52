// Proves how the TikTok Shop connector sees returns (tiktok-shop.md §1.8, §1.9): a shipped order
// all of whose line items came back in a completed RETURN_AND_REFUND return reads as `returned`
// (refund-only, replacement, unfinished and partial returns do not), RETURN_STATUS_CHANGE (type 12)
// is read as an order event, and, against the emulator over real HTTP, a buyer's return is
// signed and delivered as that webhook and found by the connector through Search Returns.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { PlatformEmulator } from '../../../sandbox/kit/emulator.ts';
import { startTikTokShopEmulator } from '../../../sandbox/tiktok-shop/server.ts';
import type { PlatformOrder } from '../contract.ts';
import { tiktokShop } from './index.ts';
import type { RawReturnOrder } from './raw-types.ts';
import { toReturnedOrder } from './returns.ts';
import { parseTikTokShopWebhook, verifyTikTokShopWebhook } from './webhook.ts';

const shipped: PlatformOrder = {
  orderId: 'o1',
  rawStatus: 'DELIVERED',
  state: 'shipped',
  createdAtMs: 1_000_000,
  updatedAtMs: 2_000_000,
  paidAtMs: 1_000_000,
  lines: ['l1', 'l2'].map((lineId) => ({
    lineId,
    itemId: 'p',
    variantId: 's',
    sellerSku: 'A',
    quantity: 1,
    warehouseId: 'w',
  })),
};

const aReturn = (over: Partial<RawReturnOrder> = {}): RawReturnOrder => ({
  return_id: 'r1',
  order_id: 'o1',
  return_type: 'RETURN_AND_REFUND',
  return_status: 'RETURN_OR_REFUND_REQUEST_COMPLETE',
  update_time: 3_000,
  return_line_items: [{ order_line_item_id: 'l1' }, { order_line_item_id: 'l2' }],
  ...over,
});

describe('toReturnedOrder', () => {
  it('marks a shipped order returned once every line came back, at the later update time', () => {
    const order = toReturnedOrder(shipped, [aReturn()]);
    assert.equal(order.state, 'returned');
    assert.equal(order.rawStatus, 'RETURN_OR_REFUND_REQUEST_COMPLETE');
    assert.equal(order.updatedAtMs, 3_000_000);
    const split = [
      aReturn({ return_line_items: [{ order_line_item_id: 'l1' }] }),
      aReturn({ return_id: 'r2', return_line_items: [{ order_line_item_id: 'l2' }] }),
    ];
    assert.equal(toReturnedOrder(shipped, split).state, 'returned');
  });

  it('leaves the order shipped for refund-only, replacement, unfinished and partial returns', () => {
    for (const other of [
      aReturn({ return_type: 'REFUND' }),
      aReturn({ return_type: 'REPLACEMENT' }),
      aReturn({ return_status: 'BUYER_SHIPPED_ITEM' }),
      aReturn({ return_line_items: [{ order_line_item_id: 'l1' }] }),
    ])
      assert.deepEqual(toReturnedOrder(shipped, [other]), shipped);
    const cancelled = { ...shipped, state: 'cancelled' as const };
    assert.deepEqual(toReturnedOrder(cancelled, [aReturn()]), cancelled);
  });
});

describe('TikTok Shop returns against the emulator', () => {
  const APP = { appKey: 'ret-app', appSecret: 'ret-secret' };
  const SHOP = '7494049642642449999';
  const WH = '7068517275539710001';
  const REF = { itemId: '1729000000000000001', variantId: '1729000000000000002' };
  let emulator: PlatformEmulator;
  let receiver: Server;
  const received: Array<{ body: Buffer; authorization: string | undefined }> = [];

  before(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          body: Buffer.concat(chunks),
          authorization: request.headers.authorization,
        });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    emulator = await startTikTokShopEmulator();
    emulator.seedShop({
      platformShopId: SHOP,
      shopCipher: 'ROW_returns',
      ...APP,
      accessToken: 'ret-access',
      refreshToken: 'ret-refresh',
      accessTokenExpiresAtMs: Date.now() + 3600_000,
      webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/tt`,
      warehouseIds: [WH],
    });
    emulator.seedProducts(SHOP, [
      {
        itemId: REF.itemId,
        title: 'Mug',
        variants: [{ ...REF, sellerSku: 'A', stock: { [WH]: 5 } }],
      },
    ]);
  });
  after(async () => {
    await emulator.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const connector = () =>
    tiktokShop.createConnector({
      auth: {
        ...APP,
        accessToken: 'ret-access',
        refreshToken: 'ret-refresh',
        accessTokenExpiresAtMs: Date.now() + 3600_000,
        refreshTokenExpiresAtMs: null,
        platformShopId: SHOP,
        shopCipher: 'ROW_returns',
      },
      baseUrl: emulator.baseUrl,
    });

  it('refuses to return an order that has not shipped', () => {
    const placed = emulator.placeOrder({ platformShopId: SHOP, lines: [{ ...REF, quantity: 1 }] });
    assert.ok(placed.ok);
    assert.throws(() => emulator.returnOrder(SHOP, placed.orderId), /expected/);
    emulator.cancelOrderAsBuyer(SHOP, placed.orderId);
  });

  it('sends a signed RETURN_STATUS_CHANGE and reads the shipped order as returned', async () => {
    const placed = emulator.placeOrder({
      platformShopId: SHOP,
      lines: [{ ...REF, quantity: 2 }],
      paid: true,
    });
    assert.ok(placed.ok);
    emulator.shipOrder(SHOP, placed.orderId);
    const before = (await connector().getOrders([placed.orderId]))[0];
    assert.equal(before?.state, 'shipped');
    const shown = emulator.shownStock(SHOP, REF);

    emulator.returnOrder(SHOP, placed.orderId);
    await emulator.drainWebhooks();
    assert.equal(
      emulator.orderStatus(SHOP, placed.orderId),
      'IN_TRANSIT',
      'the order keeps its status',
    );
    assert.deepEqual(emulator.shownStock(SHOP, REF), shown, 'restocking is the seller’s call');
    const webhook = received.at(-1);
    assert.ok(webhook);
    const request = {
      rawBody: webhook.body,
      headers: { authorization: webhook.authorization },
      url: '',
    };
    assert.ok(verifyTikTokShopWebhook(request, APP));
    const event = parseTikTokShopWebhook(webhook.body);
    assert.equal(event.kind, 'order');
    assert.equal(event.kind === 'order' && event.orderId, placed.orderId);
    assert.equal(event.kind === 'order' && event.rawStatus, 'RETURN_OR_REFUND_REQUEST_COMPLETE');
    const envelope = JSON.parse(webhook.body.toString('utf8')) as { type: number };
    assert.equal(envelope.type, 12);

    const [after] = await connector().getOrders([placed.orderId]);
    assert.equal(after?.state, 'returned');
    assert.equal(after?.lines.length, 2);
    assert.ok((after?.updatedAtMs ?? 0) >= (before?.updatedAtMs ?? Infinity));
    const polled = await connector().listOrders({
      updatedFromMs: 0,
      updatedToMs: Date.now() + 1000,
    });
    assert.equal(polled.items.find((o) => o.orderId === placed.orderId)?.state, 'returned');
  });
});
