/**
 * Suite part: webhooks as the emulator really delivers them to a local HTTP receiver. A delivered
 * webhook verifies with the app's secret and fails with another secret, with a changed body or
 * without its signature; a redelivered body has the same event id and another notification a
 * different one; a body that is not the platform's shape is BAD_PAYLOAD.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import type { WebhookRequest } from '../contract.ts';
import { isConnectorError } from '../errors.ts';
import type { SuiteContext } from './context.ts';
import { refOf } from './context.ts';

/** A local endpoint that records each webhook exactly as received and answers 200. */
class WebhookReceiver {
  readonly received: WebhookRequest[] = [];
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.received.push({
        rawBody: Buffer.concat(chunks),
        headers: { ...request.headers },
        url: `${this.url.replace(/\/hooks$/, '')}${request.url ?? ''}`,
      });
      response.writeHead(200).end();
    });
  });

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  start(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export function registerWebhookTests(suite: SuiteContext): void {
  const receiver = new WebhookReceiver();
  before(() => receiver.start());
  after(() => receiver.stop());

  /** A shop on the shared emulator whose order placement and payment sent two webhooks. */
  const twoWebhooks = async () => {
    const [product] = suite.products(1, { stock: 5 });
    const shop = suite.newShop({ products: [product!], webhookUrl: receiver.url });
    const already = receiver.received.length;
    const orderId = suite.placeOrder(shop, refOf(product), 1);
    shop.emulator.payOrder(shop.shopId, orderId);
    await shop.emulator.drainWebhooks();
    const mine = receiver.received.slice(already);
    assert.ok(mine.length >= 2, `expected two webhooks, got ${mine.length}`);
    return { shop, orderId, webhooks: mine };
  };

  it('a delivered webhook verifies with the app secret, and not with another secret, a changed body or no signature', async () => {
    const { shop, webhooks } = await twoWebhooks();
    const { module } = suite.harness;
    const webhook = webhooks[0]!;
    assert.equal(module.verifyWebhook(webhook, shop.secrets), true);
    const otherSecret = { ...shop.secrets, appSecret: `${shop.secrets.appSecret}x` };
    assert.equal(module.verifyWebhook(webhook, otherSecret), false);
    const changed = Buffer.from(
      webhook.rawBody.toString('utf8').replace(/\d(?=\D*$)/, (d) => String((Number(d) + 1) % 10)),
    );
    assert.notDeepEqual(changed, webhook.rawBody);
    assert.equal(module.verifyWebhook({ ...webhook, rawBody: changed }, shop.secrets), false);
    const unsigned = { ...webhook, headers: { 'content-type': 'application/json' } };
    assert.equal(module.verifyWebhook(unsigned, shop.secrets), false);
  });

  it('an order webhook names the order and the shop; a replayed body keeps its event id', async () => {
    const { shop, orderId, webhooks } = await twoWebhooks();
    const { module } = suite.harness;
    // With the headers as received: some platforms name the shop and delivery only there.
    const first = module.parseWebhook(webhooks[0]!.rawBody, webhooks[0]!.headers);
    const replayed = module.parseWebhook(Buffer.from(webhooks[0]!.rawBody), webhooks[0]!.headers);
    const second = module.parseWebhook(webhooks[1]!.rawBody, webhooks[1]!.headers);
    assert.equal(first.kind, 'order');
    assert.ok(first.kind === 'order' && second.kind === 'order', 'both are order events');
    assert.equal(first.orderId, orderId);
    assert.equal(first.platformShopId, shop.shopId);
    assert.equal(replayed.eventId, first.eventId);
    assert.notEqual(second.eventId, first.eventId);
    assert.ok(second.updatedAtMs >= first.updatedAtMs, 'the later event is not older');
  });

  it('a body that is not the platform webhook shape is BAD_PAYLOAD', () => {
    for (const body of ['not json', '[]', '{"unexpected":true}']) {
      assert.throws(
        () => suite.harness.module.parseWebhook(Buffer.from(body)),
        (error: unknown) => isConnectorError(error) && error.code === 'BAD_PAYLOAD',
        body,
      );
    }
  });
}
