/**
 * Suite part for platforms that put their events on a queue instead of calling a webhook (Amazon
 * SP-API's SQS): events are received through `connector.eventQueue`, read with parseWebhook and
 * deleted; no HTTP request verifies as the platform's webhook; a message sent again keeps its event
 * id; a message received and not deleted comes back after the visibility timeout, and a deleted one
 * never does; a body that is not the platform's shape is BAD_PAYLOAD.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { EventQueueSource, QueuedEvent, WebhookEvent } from '../contract.ts';
import { isConnectorError } from '../errors.ts';
import type { SuiteContext, SuiteShopOn } from './context.ts';
import { refOf } from './context.ts';

/** Receives at most this many times while emptying a queue (10 messages each at most). */
const MAX_RECEIVES = 20;

interface Received {
  message: QueuedEvent;
  event: WebhookEvent;
}

export function registerEventQueueTests(suite: SuiteContext): void {
  const visibilityMs = () => suite.harness.eventQueue?.visibilityTimeoutMs ?? 30_000;

  /** A subscribed shop, its queue, and an order placed and paid (two events). */
  const shopWithTwoEvents = async () => {
    const [product] = suite.products(1, { stock: 5 });
    const shop = suite.newShop({ products: [product!], webhookUrl: 'queue' });
    const queue = queueOf(suite, shop);
    const orderId = suite.placeOrder(shop, refOf(product), 1);
    shop.emulator.payOrder(shop.shopId, orderId);
    await shop.emulator.drainWebhooks();
    return { shop, queue, orderId };
  };

  /** Everything visible on the queue now, read; only this order's events. */
  const receiveAll = async (queue: EventQueueSource, orderId: string): Promise<Received[]> => {
    const received: Received[] = [];
    for (let round = 0; round < MAX_RECEIVES; round++) {
      const batch = await queue.receive();
      if (batch.length === 0) break;
      for (const message of batch) {
        const event = suite.harness.module.parseWebhook(message.rawBody);
        if (event.kind === 'order' && event.orderId === orderId) received.push({ message, event });
      }
    }
    return received;
  };

  it('queued events are received, name the order and the shop, and are gone once deleted; no HTTP request verifies as a webhook', async () => {
    const { shop, queue, orderId } = await shopWithTwoEvents();
    const received = await receiveAll(queue, orderId);
    assert.ok(received.length >= 2, `expected two events, got ${received.length}`);
    const [first, second] = received.map((r) => r.event);
    assert.ok(first?.kind === 'order' && second?.kind === 'order', 'both are order events');
    assert.equal(first.platformShopId, shop.shopId);
    assert.notEqual(second.eventId, first.eventId);
    assert.ok(second.updatedAtMs >= first.updatedAtMs, 'the later event is not older');
    const asWebhook = {
      rawBody: received[0]!.message.rawBody,
      headers: {},
      url: 'http://127.0.0.1/hooks',
    };
    assert.equal(suite.harness.module.verifyWebhook(asWebhook, shop.secrets), false);
    await queue.delete(received.map((r) => r.message.receiptHandle));
    suite.offsetMs += visibilityMs() + 1_000;
    assert.deepEqual(await receiveAll(queue, orderId), [], 'a deleted message came back');
  });

  it('a message sent again keeps its event id', async () => {
    const { shop, queue, orderId } = await shopWithTwoEvents();
    const received = await receiveAll(queue, orderId);
    await queue.delete(received.map((r) => r.message.receiptHandle));
    assert.ok(shop.emulator.redeliverLastWebhooks(1) >= 1, 'the platform sent a message again');
    const again = await receiveAll(queue, orderId);
    assert.equal(again.length, 1);
    const last = received[received.length - 1]!;
    assert.equal(again[0]!.event.eventId, last.event.eventId);
    assert.notEqual(again[0]!.message.messageId, last.message.messageId);
    await queue.delete(again.map((r) => r.message.receiptHandle));
  });

  it('a message received and not deleted comes back after the visibility timeout, with its event id', async () => {
    const { queue, orderId } = await shopWithTwoEvents();
    const taken = await receiveAll(queue, orderId);
    assert.ok(taken.length >= 2, `expected two events, got ${taken.length}`);
    assert.deepEqual(await receiveAll(queue, orderId), [], 'a received message stayed visible');
    suite.offsetMs += visibilityMs() + 1_000;
    const back = await receiveAll(queue, orderId);
    assert.deepEqual(
      back.map((r) => r.event.eventId).sort(),
      taken.map((r) => r.event.eventId).sort(),
    );
    assert.ok(back.every((r, i) => r.message.receiptHandle !== taken[i]?.message.receiptHandle));
    await queue.delete(back.map((r) => r.message.receiptHandle));
    suite.offsetMs += visibilityMs() + 1_000;
    assert.deepEqual(await receiveAll(queue, orderId), []);
  });

  it('a body that is not the platform event shape is BAD_PAYLOAD', () => {
    for (const body of ['not json', '[]', '{"unexpected":true}']) {
      assert.throws(
        () => suite.harness.module.parseWebhook(Buffer.from(body)),
        (error: unknown) => isConnectorError(error) && error.code === 'BAD_PAYLOAD',
        body,
      );
    }
  });
}

function queueOf(suite: SuiteContext, shop: SuiteShopOn): EventQueueSource {
  const queue = suite.connector(shop).eventQueue;
  assert.ok(queue, 'a subscribed shop has an event queue');
  return queue;
}
