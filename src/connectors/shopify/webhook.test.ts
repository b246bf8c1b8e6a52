// Proves Shopify webhook handling of shopify.md §5.4: a body signed with the app's client secret
// verifies and a forged, altered or unsigned one does not; orders/* bodies become order events
// carrying the mapped order, named by the shop-domain and webhook-id headers; refunds/create names
// its order; other topics are 'other'; malformed bodies are BAD_PAYLOAD.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WebhookRequest } from '../contract.ts';
import { isConnectorError } from '../errors.ts';
import { shopifyWebhookHmac } from './signing.ts';
import { parseShopifyWebhook, verifyShopifyWebhook } from './webhook.ts';

const SECRETS = { appKey: 'c0ffee', appSecret: 'shpss_webhook_test_secret' };
const SHOP = 'demo-shop.myshopify.com';

const ORDER = {
  id: 5_600_000_123,
  admin_graphql_api_id: 'gid://shopify/Order/5600000123',
  created_at: '2026-11-28T10:00:00+00:00',
  updated_at: '2026-11-28T10:02:00+00:00',
  processed_at: '2026-11-28T10:00:00+00:00',
  cancelled_at: null,
  financial_status: 'paid',
  fulfillment_status: null,
  line_items: [{ id: 77, product_id: 810000001, variant_id: 920000002, sku: 'SKU-1', quantity: 3 }],
};

function signed(body: string, headers: Record<string, string> = {}): WebhookRequest {
  return {
    rawBody: Buffer.from(body),
    url: 'https://stockpool.example/webhooks/shopify',
    headers: {
      'x-shopify-hmac-sha256': shopifyWebhookHmac(SECRETS.appSecret, body),
      'x-shopify-topic': 'orders/paid',
      'x-shopify-shop-domain': SHOP,
      'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      ...headers,
    },
  };
}

const isBadPayload = (error: unknown) => isConnectorError(error) && error.code === 'BAD_PAYLOAD';

describe('verifyShopifyWebhook', () => {
  it('accepts a body signed with the client secret, in either header spelling', () => {
    const request = signed(JSON.stringify(ORDER));
    assert.equal(verifyShopifyWebhook(request, SECRETS), true);
    const hmac = request.headers['x-shopify-hmac-sha256'] as string;
    const events = { ...request, headers: { 'shopify-hmac-sha256': hmac } };
    assert.equal(verifyShopifyWebhook(events, SECRETS), true);
  });

  it('refuses a forged signature, an altered body, another secret and a missing header', () => {
    const request = signed(JSON.stringify(ORDER));
    const forged = { ...request, headers: { ...request.headers, 'x-shopify-hmac-sha256': 'AAAA' } };
    assert.equal(verifyShopifyWebhook(forged, SECRETS), false);
    const altered = { ...request, rawBody: Buffer.from(JSON.stringify({ ...ORDER, id: 1 })) };
    assert.equal(verifyShopifyWebhook(altered, SECRETS), false);
    assert.equal(verifyShopifyWebhook(request, { ...SECRETS, appSecret: 'other' }), false);
    assert.equal(verifyShopifyWebhook({ ...request, headers: {} }, SECRETS), false);
  });
});

describe('parseShopifyWebhook', () => {
  it('reads an orders/* body as an order event with the whole order, named by its headers', () => {
    const request = signed(JSON.stringify(ORDER));
    const event = parseShopifyWebhook(request.rawBody, request.headers);
    assert.ok(event.kind === 'order');
    assert.equal(event.eventId, 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043');
    assert.equal(event.platformShopId, SHOP);
    assert.equal(event.orderId, '5600000123');
    assert.equal(event.rawStatus, 'paid/unfulfilled');
    assert.equal(event.updatedAtMs, Date.parse('2026-11-28T10:02:00Z'));
    assert.equal(event.order?.state, 'paid');
    assert.deepEqual(
      event.order?.lines.map((l) => [l.itemId, l.variantId, l.quantity]),
      [['810000001', '920000002', 3]],
    );
  });

  it('reads refunds/create as an order event naming the order, to be read again', () => {
    const refund = {
      id: 9,
      order_id: 5_600_000_123,
      created_at: '2026-11-29T10:00:00+00:00',
      refund_line_items: [],
    };
    const request = signed(JSON.stringify(refund), { 'x-shopify-topic': 'refunds/create' });
    const event = parseShopifyWebhook(request.rawBody, request.headers);
    assert.ok(event.kind === 'order');
    assert.equal(event.orderId, '5600000123');
    assert.equal(event.order, undefined);
    assert.equal(event.updatedAtMs, Date.parse('2026-11-29T10:00:00Z'));
  });

  it('reads other topics as other events', () => {
    const request = signed('{"id":1}', { 'x-shopify-topic': 'app/uninstalled' });
    assert.deepEqual(parseShopifyWebhook(request.rawBody, request.headers), {
      kind: 'other',
      eventId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      platformShopId: SHOP,
      type: 'app/uninstalled',
    });
  });

  it('without headers, tells the topic by shape and keys the event by a hash of the body', () => {
    const body = Buffer.from(JSON.stringify(ORDER));
    assert.throws(() => parseShopifyWebhook(body), isBadPayload, 'an order needs its shop');
    const withShop = { 'x-shopify-shop-domain': SHOP };
    const first = parseShopifyWebhook(body, withShop);
    const again = parseShopifyWebhook(Buffer.from(body), withShop);
    assert.ok(first.kind === 'order' && first.eventId.startsWith('sha256:'));
    assert.equal(again.eventId, first.eventId);
  });

  it('refuses bodies that are not JSON, not an object or not the topic shape as BAD_PAYLOAD', () => {
    const headers = signed('{}').headers;
    for (const body of ['not json', '[]', '{"unexpected":true}', '{"id":1,"line_items":"x"}'])
      assert.throws(() => parseShopifyWebhook(Buffer.from(body), headers), isBadPayload, body);
    const badTime = JSON.stringify({ ...ORDER, updated_at: 'yesterday' });
    assert.throws(() => parseShopifyWebhook(Buffer.from(badTime), headers), isBadPayload);
    const refundHeaders = { ...headers, 'x-shopify-topic': 'refunds/create' };
    assert.throws(() => parseShopifyWebhook(Buffer.from('{"id":1}'), refundHeaders), isBadPayload);
  });
});
