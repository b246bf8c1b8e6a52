// Proves WooCommerce webhook handling (woocommerce.md §6.4): a body signed with the webhook secret
// verifies, a forged, changed or unsigned one does not; order bodies become order events carrying
// the whole order and naming the store (by X-WC-Webhook-Source, else by the order's _links); the
// ping, product and deleted-order bodies are 'other'; anything else is BAD_PAYLOAD.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isConnectorError } from '../errors.ts';
import {
  normalizeWooStoreUrl,
  parseWooCommerceWebhook,
  verifyWooCommerceWebhook,
  wooWebhookSecrets,
  wooWebhookSignature,
} from './webhook.ts';

const SECRET = 'cs_store_secret';
const ORDER = {
  id: 727,
  status: 'on-hold',
  date_created_gmt: '2026-11-28T10:00:00',
  date_modified_gmt: '2026-11-28T10:00:05',
  date_paid_gmt: null,
  line_items: [{ id: 315, product_id: 93, variation_id: 0, quantity: 2, sku: 'WOO-ALBUM' }],
  _links: { self: [{ href: 'https://Shop.Example.com/wp-json/wc/v3/orders/727' }] },
};
const body = Buffer.from(JSON.stringify(ORDER).replace(/\//g, '\\/'));
const signed = (raw: Buffer, secret = SECRET) => ({
  rawBody: raw,
  headers: {
    'x-wc-webhook-signature': wooWebhookSignature(secret, raw),
    'x-wc-webhook-topic': 'order.created',
    'x-wc-webhook-source': 'https://shop.example.com/',
  },
  url: 'https://stockpool.example/webhooks/woocommerce',
});
const secrets = { appKey: 'ck_store', appSecret: SECRET };

describe('verifyWooCommerceWebhook', () => {
  it('accepts a body signed with the webhook secret', () => {
    assert.equal(verifyWooCommerceWebhook(signed(body), secrets), true);
  });

  it('refuses a forged signature, a changed body, a missing header and an empty secret', () => {
    assert.equal(verifyWooCommerceWebhook(signed(body, 'other'), secrets), false);
    const changed = {
      ...signed(body),
      rawBody: Buffer.from(body.toString().replace('727', '728')),
    };
    assert.equal(verifyWooCommerceWebhook(changed, secrets), false);
    assert.equal(verifyWooCommerceWebhook({ ...signed(body), headers: {} }, secrets), false);
    assert.equal(verifyWooCommerceWebhook(signed(body, ''), { ...secrets, appSecret: '' }), false);
  });

  it('refuses the unsigned ping', () => {
    const ping = { rawBody: Buffer.from('webhook_id=12'), headers: {}, url: '' };
    assert.equal(verifyWooCommerceWebhook(ping, secrets), false);
  });

  it('takes the webhook secret from extra.webhookSecret when given, else the consumer secret', () => {
    const auth = { appKey: 'ck', appSecret: 'cs' };
    assert.deepEqual(wooWebhookSecrets(auth), { appKey: 'ck', appSecret: 'cs' });
    assert.deepEqual(wooWebhookSecrets({ ...auth, extra: { webhookSecret: 'wh' } }), {
      appKey: 'ck',
      appSecret: 'wh',
    });
  });
});

describe('parseWooCommerceWebhook', () => {
  it('reads an order body into an order event carrying the order, the store from the header', () => {
    const event = parseWooCommerceWebhook(body, signed(body).headers);
    assert.equal(event.kind, 'order');
    assert.ok(event.kind === 'order');
    assert.equal(event.platformShopId, 'https://shop.example.com');
    assert.equal(event.orderId, '727');
    assert.equal(event.rawStatus, 'on-hold');
    assert.equal(event.updatedAtMs, Date.UTC(2026, 10, 28, 10, 0, 5));
    assert.equal(event.order?.state, 'placed');
    assert.deepEqual(
      event.order?.lines.map((l) => [l.itemId, l.variantId, l.quantity]),
      [['93', '', 2]],
    );
  });

  it('names the store from _links without headers, and keeps the event id for the same body', () => {
    const event = parseWooCommerceWebhook(body);
    assert.equal(event.platformShopId, 'https://shop.example.com');
    assert.equal(parseWooCommerceWebhook(Buffer.from(body)).eventId, event.eventId);
    const later = Buffer.from(body.toString().replace('on-hold', 'processing'));
    assert.notEqual(parseWooCommerceWebhook(later).eventId, event.eventId);
  });

  it('reads the ping, a product and a deleted order as other events', () => {
    const ping = parseWooCommerceWebhook(Buffer.from('webhook_id=12'));
    assert.deepEqual([ping.kind, ping.kind === 'other' && ping.type], ['other', 'ping']);
    const product = Buffer.from(
      JSON.stringify({ id: 93, type: 'simple', stock_status: 'instock' }),
    );
    const productEvent = parseWooCommerceWebhook(product, {
      'X-WC-Webhook-Topic': 'product.updated',
    });
    assert.deepEqual(
      [productEvent.kind, productEvent.kind === 'other' && productEvent.type],
      ['other', 'product.updated'],
    );
    const deleted = parseWooCommerceWebhook(Buffer.from('{"id":727}'), {
      'x-wc-webhook-topic': 'order.deleted',
    });
    assert.deepEqual(
      [deleted.kind, deleted.kind === 'other' && deleted.type],
      ['other', 'order.deleted'],
    );
  });

  it('refuses malformed bodies as BAD_PAYLOAD', () => {
    const { _links: _ignored, ...withoutLinks } = ORDER;
    const bad = [
      'not json',
      '[]',
      'null',
      '{"unexpected":true}',
      '{"id":1,"status":"pending"}',
      JSON.stringify(withoutLinks),
    ];
    for (const text of bad)
      assert.throws(
        () => parseWooCommerceWebhook(Buffer.from(text)),
        (error: unknown) => isConnectorError(error) && error.code === 'BAD_PAYLOAD',
        text,
      );
  });
});

describe('normalizeWooStoreUrl', () => {
  it('lowercases scheme and host, keeps the path, drops trailing slashes', () => {
    assert.equal(normalizeWooStoreUrl('HTTPS://Shop.Example.com/'), 'https://shop.example.com');
    assert.equal(normalizeWooStoreUrl('https://example.com/Store//'), 'https://example.com/Store');
  });
});
