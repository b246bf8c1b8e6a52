// Proves the SQS event source (amazon.md §4.5) through @aws-sdk/client-sqs against the emulator's
// SQS endpoint: batches of 10, deletion by the latest receipt handle only (an older one deletes
// nothing and the message comes back), more than 10 deletions in several batches, an unknown key
// or a wrong secret (the emulator checks SigV4) as AUTH_FAILED, an unknown queue as REJECTED, an
// endpoint down or out of reach as UNAVAILABLE (messages wait), no queue without a queue URL, and the emulator's delivery
// records of what it enqueued.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isConnectorError } from '../errors.ts';
import { AmazonEventQueue } from './event-queue.ts';
import type { Fixture } from './emulator-fixture.ts';
import { product, SELLER_ID, startFixture } from './emulator-fixture.ts';
import { parseAmazonNotification } from './webhook.ts';

const REF = { itemId: 'B0QUEUE001', variantId: 'SKU-Q1' };
const VISIBILITY_MS = 30_000;

describe('Amazon event queue', () => {
  let f: Fixture;
  let offsetMs = 0;
  const now = () => Date.now() + offsetMs;
  before(async () => {
    f = await startFixture({
      emulator: { nowMs: now, visibilityTimeoutMs: VISIBILITY_MS },
      products: [product('B0QUEUE001', { 'SKU-Q1': { DEFAULT: 500 } })],
    });
  });
  after(() => f.close());
  const queue = () => {
    const q = f.connector().eventQueue;
    assert.ok(q, 'the shop names a queue');
    return q;
  };
  const order = () => {
    const placed = f.emulator.placeOrder({
      platformShopId: SELLER_ID,
      lines: [{ ...REF, quantity: 1 }],
    });
    assert.ok(placed.ok);
    return placed.orderId;
  };
  const drain = async () => {
    const q = queue();
    for (;;) {
      const batch = await q.receive();
      if (batch.length === 0) return;
      await q.delete(batch.map((m) => m.receiptHandle));
    }
  };

  it('receives at most 10 messages at once and deletes more than 10 in batches', async () => {
    await drain();
    for (let i = 0; i < 12; i++) order();
    const q = queue();
    const first = await q.receive();
    const second = await q.receive();
    assert.equal(first.length, 10);
    assert.equal(second.length, 2);
    await q.delete([...first, ...second].map((m) => m.receiptHandle));
    offsetMs += VISIBILITY_MS + 1_000;
    assert.deepEqual(await q.receive(), []);
    const records = f.emulator.webhookDeliveries().slice(-12);
    assert.ok(
      records.every((r) => r.delivered && r.attempts === 1),
      'each was received once and deleted',
    );
  });

  it('an older receipt handle deletes nothing: the message comes back with its notification id', async () => {
    await drain();
    const orderId = order();
    const q = queue();
    const [taken] = await q.receive();
    assert.ok(taken);
    offsetMs += VISIBILITY_MS + 1_000;
    const [again] = await q.receive();
    assert.ok(again && again.receiptHandle !== taken.receiptHandle);
    await q.delete([taken.receiptHandle]);
    offsetMs += VISIBILITY_MS + 1_000;
    const [third] = await q.receive();
    assert.ok(third, 'the message came back');
    const event = parseAmazonNotification(third.rawBody);
    assert.ok(event.kind === 'order' && event.orderId === orderId);
    assert.equal(event.eventId, parseAmazonNotification(taken.rawBody).eventId);
    await q.delete([third.receiptHandle]);
  });

  it('a key AWS does not know or a wrong secret is AUTH_FAILED; an unknown queue is REJECTED', async () => {
    const extra = f.auth.extra ?? {};
    const wrongKey = new AmazonEventQueue({
      queueUrl: extra.sqsQueueUrl ?? '',
      extra: { ...extra, awsAccessKeyId: 'AKIAWRONGKEY0000' },
      timeoutMs: 2_000,
    });
    const refused: unknown = await wrongKey.receive().catch((e: unknown) => e);
    assert.ok(isConnectorError(refused) && refused.code === 'AUTH_FAILED', String(refused));
    assert.equal(refused.retryable, false);
    const wrongSecret = new AmazonEventQueue({
      queueUrl: extra.sqsQueueUrl ?? '',
      extra: { ...extra, awsSecretAccessKey: 'not-the-secret' },
      timeoutMs: 2_000,
    });
    const mismatch: unknown = await wrongSecret.receive().catch((e: unknown) => e);
    assert.ok(isConnectorError(mismatch) && mismatch.code === 'AUTH_FAILED', String(mismatch));
    const missing = new AmazonEventQueue({
      queueUrl: `${f.emulator.baseUrl}/000000000000/no-such-queue`,
      extra,
      timeoutMs: 2_000,
    });
    const unknown: unknown = await missing.receive().catch((e: unknown) => e);
    assert.ok(isConnectorError(unknown) && unknown.code === 'REJECTED', String(unknown));
  });

  it('an endpoint that does not answer is UNAVAILABLE (retryable)', async () => {
    const down = new AmazonEventQueue({
      queueUrl: 'http://127.0.0.1:9/000000000000/q',
      extra: {
        ...(f.auth.extra ?? {}),
        sqsEndpoint: 'http://127.0.0.1:9',
        sqsWaitTimeSeconds: '0',
      },
      timeoutMs: 1_000,
    });
    const error: unknown = await down.receive().catch((e: unknown) => e);
    assert.ok(
      isConnectorError(error) && error.code === 'UNAVAILABLE' && error.retryable,
      String(error),
    );
  });

  it('while the reader cannot reach SQS, receives are UNAVAILABLE and the messages wait', async () => {
    await drain();
    const orderId = order();
    f.emulator.faults.update({ webhookOutageUntilMs: now() + 60_000 });
    const error: unknown = await queue()
      .receive()
      .catch((e: unknown) => e);
    assert.ok(isConnectorError(error) && error.code === 'UNAVAILABLE', String(error));
    f.emulator.faults.update({ webhookOutageUntilMs: 0 });
    const [message] = await queue().receive();
    assert.ok(message, 'the message waited');
    const event = parseAmazonNotification(message.rawBody);
    assert.ok(event.kind === 'order' && event.orderId === orderId);
    await queue().delete([message.receiptHandle]);
  });

  it('a shop without a queue URL has no event queue; its source id names the queue', () => {
    assert.equal(f.connector({ auth: { ...f.auth, extra: {} } }).eventQueue, undefined);
    assert.equal(queue().sourceId, `amazon:${f.auth.extra?.sqsQueueUrl}`);
  });
});
