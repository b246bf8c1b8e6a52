// Proves the WooCommerce emulator refuses what a WooCommerce site refuses (woocommerce.md §6.1,
// §6.2), with its codes: no credentials, missing OAuth parameters, an unknown key, a wrong
// signature, a stale timestamp, a replayed nonce, oversized batches and pages; that it delivers
// order webhooks with WooCommerce's headers and disables the webhook after more than 5
// consecutive failed deliveries; and that /_emulator/ drives it from another process.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { oauthQuery } from '../../src/connectors/woocommerce/signing.ts';
import { wooWebhookSignature } from '../../src/connectors/woocommerce/webhook.ts';
import type { WooCommerceEmulator } from './server.ts';
import { startWooCommerceEmulator } from './server.ts';

const STORE = {
  platformShopId: 'https://emulated.example',
  appKey: 'ck_emulated',
  appSecret: 'cs_emulated',
  accessToken: '',
  refreshToken: '',
  accessTokenExpiresAtMs: Number.MAX_SAFE_INTEGER,
  webhookUrl: 'http://127.0.0.1:9/unreachable',
  warehouseIds: ['default'],
};
const PRODUCTS = [
  {
    itemId: '93',
    title: 'Album',
    variants: [{ variantId: '', sellerSku: 'ALB', stock: { default: 5 } }],
  },
];

let emulator: WooCommerceEmulator;
before(async () => {
  emulator = await startWooCommerceEmulator({ webhookRetryDelaysMs: [] });
  emulator.seedShop(STORE);
  emulator.seedProducts(STORE.platformShopId, PRODUCTS);
});
after(() => emulator.close());

interface Call {
  method?: string;
  path?: string;
  query?: Record<string, string>;
  body?: unknown;
  nowMs?: number;
  nonce?: string;
  secret?: string;
  key?: string;
  tamper?: (query: Record<string, string>) => void;
}

/** A signed call as StockPool's connector makes it, with the parts a test wants wrong. */
async function call(c: Call = {}): Promise<{
  status: number;
  body: { code?: string; message?: string } & Record<string, unknown>;
}> {
  const method = c.method ?? 'GET';
  const url = `${emulator.baseUrl}/wp-json/wc/v3${c.path ?? '/products'}`;
  const query = oauthQuery({
    method,
    url,
    query: c.query ?? {},
    consumerKey: c.key ?? STORE.appKey,
    consumerSecret: c.secret ?? STORE.appSecret,
    nowMs: c.nowMs ?? Date.now(),
    nonce: c.nonce,
  });
  c.tamper?.(query);
  const response = await fetch(`${url}?${new URLSearchParams(query).toString()}`, {
    method,
    headers: c.body === undefined ? {} : { 'content-type': 'application/json' },
    body: c.body === undefined ? undefined : JSON.stringify(c.body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('WooCommerce emulator: authentication', () => {
  it('answers a signed call', async () => {
    const answer = await call();
    assert.equal(answer.status, 200);
  });

  it('refuses what WooCommerce refuses, with its codes and messages', async () => {
    const cases: Array<[Call, number, string, string]> = [
      [
        { secret: 'cs_wrong' },
        401,
        'woocommerce_rest_authentication_error',
        'Invalid signature - provided signature does not match.',
      ],
      [
        { key: 'ck_unknown' },
        401,
        'woocommerce_rest_authentication_error',
        'Consumer key is invalid.',
      ],
      [
        { nowMs: Date.now() - 16 * 60_000 },
        401,
        'woocommerce_rest_authentication_error',
        'Invalid timestamp.',
      ],
      [
        { nowMs: Date.now() + 16 * 60_000 },
        401,
        'woocommerce_rest_authentication_error',
        'Invalid timestamp.',
      ],
      [
        { tamper: (q) => delete q.oauth_nonce },
        401,
        'woocommerce_rest_authentication_missing_parameter',
        'Missing OAuth parameter oauth_nonce',
      ],
      [
        {
          tamper: (q) => {
            q.oauth_signature_method = 'PLAINTEXT';
          },
        },
        401,
        'woocommerce_rest_authentication_error',
        'Invalid signature - signature method is invalid.',
      ],
      [
        {
          tamper: (q) => {
            q.per_page = '5';
          },
        },
        401,
        'woocommerce_rest_authentication_error',
        'Invalid signature - provided signature does not match.',
      ],
    ];
    for (const [c, status, code, message] of cases) {
      const answer = await call(c);
      assert.deepEqual(
        [answer.status, answer.body.code, answer.body.message],
        [status, code, message],
      );
      assert.deepEqual(answer.body.data, { status });
    }
  });

  it('refuses a nonce used before', async () => {
    assert.equal((await call({ nonce: 'once-only' })).status, 200);
    const again = await call({ nonce: 'once-only' });
    assert.deepEqual(
      [again.status, again.body.message],
      [401, 'Invalid nonce - nonce has already been used.'],
    );
  });

  it('treats a call without OAuth as anonymous: the endpoint refuses to list', async () => {
    const response = await fetch(`${emulator.baseUrl}/wp-json/wc/v3/products`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${STORE.appKey}:${STORE.appSecret}`).toString('base64')}`,
      },
    });
    assert.equal(response.status, 401);
    assert.equal(
      ((await response.json()) as { code: string }).code,
      'woocommerce_rest_cannot_view',
    );
  });
});

describe('WooCommerce emulator: limits and errors', () => {
  it('refuses a batch of more than 100 objects and a page of more than 100', async () => {
    const update = Array.from({ length: 101 }, () => ({ id: 93, stock_quantity: 1 }));
    const batch = await call({ method: 'POST', path: '/products/batch', body: { update } });
    assert.deepEqual(
      [batch.status, batch.body.code],
      [413, 'woocommerce_rest_request_entity_too_large'],
    );
    const page = await call({ query: { per_page: '101' } });
    assert.deepEqual([page.status, page.body.code], [400, 'rest_invalid_param']);
  });

  it('answers unknown ids with Invalid ID.', async () => {
    const product = await call({ path: '/products/404' });
    assert.deepEqual(
      [product.status, product.body.code],
      [404, 'woocommerce_rest_product_invalid_id'],
    );
    const order = await call({ path: '/orders/404' });
    assert.deepEqual(
      [order.status, order.body.code],
      [404, 'woocommerce_rest_shop_order_invalid_id'],
    );
  });
});

describe('WooCommerce emulator: WordPress answers', () => {
  it('answers an unknown route with rest_no_route and a body that is not JSON with rest_invalid_json', async () => {
    const missing = await call({ path: '/nothing-here' });
    assert.deepEqual([missing.status, missing.body.code], [404, 'rest_no_route']);
    const url = `${emulator.baseUrl}/wp-json/wc/v3/products/batch`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    const body = (await response.json()) as { code: string };
    assert.deepEqual([response.status, body.code], [400, 'rest_invalid_json']);
  });
});

describe('WooCommerce emulator: webhooks', () => {
  it('signs deliveries with the webhook secret and sends the X-WC-Webhook headers', async () => {
    const placed = emulator.placeOrder({
      platformShopId: STORE.platformShopId,
      lines: [{ itemId: '93', variantId: '', quantity: 1 }],
    });
    assert.ok(placed.ok);
    await emulator.drainWebhooks();
    const delivery = emulator.webhookDeliveries().at(-1)!;
    assert.equal(
      delivery.headers['x-wc-webhook-signature'],
      wooWebhookSignature(STORE.appSecret, Buffer.from(delivery.body)),
    );
    assert.equal(delivery.headers['x-wc-webhook-topic'], 'order.created');
    assert.equal(delivery.headers['x-wc-webhook-resource'], 'order');
    assert.equal(delivery.headers['x-wc-webhook-event'], 'created');
    assert.equal(delivery.headers['x-wc-webhook-source'], 'https://emulated.example/');
    assert.match(delivery.headers['x-wc-webhook-delivery-id'] ?? '', /^[0-9a-f]{32}$/);
    assert.equal((JSON.parse(delivery.body) as { id: number }).id, Number(placed.orderId));
  });

  it('disables the webhook after more than 5 consecutive failed deliveries', async () => {
    const before = emulator.webhookDeliveries().length;
    const orderId = emulator.placeOrder({
      platformShopId: STORE.platformShopId,
      lines: [{ itemId: '93', variantId: '', quantity: 1 }],
    });
    assert.ok(orderId.ok);
    for (const act of ['pay', 'ship', 'return'] as const) {
      if (act === 'pay') emulator.payOrder(STORE.platformShopId, orderId.orderId);
      if (act === 'ship') emulator.shipOrder(STORE.platformShopId, orderId.orderId);
      if (act === 'return') emulator.returnOrder(STORE.platformShopId, orderId.orderId);
      await emulator.drainWebhooks();
    }
    // Deliveries so far: 1 in the test before, 4 here; each failed (nothing listens on port 9).
    const more = emulator.placeOrder({
      platformShopId: STORE.platformShopId,
      lines: [{ itemId: '93', variantId: '', quantity: 1 }],
    });
    assert.ok(more.ok);
    await emulator.drainWebhooks();
    assert.deepEqual(emulator.webhookState(STORE.platformShopId), {
      status: 'disabled',
      failureCount: 6,
    });
    emulator.cancelOrderAsBuyer(STORE.platformShopId, more.orderId);
    await emulator.drainWebhooks();
    assert.equal(emulator.webhookDeliveries().length - before, 5, 'nothing is sent once disabled');
  });
});

describe('WooCommerce emulator: control routes', () => {
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.baseUrl}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const shop = `/shops/${encodeURIComponent('https://control.example')}`;

  it('seeds a store, acts as buyers and reads the shown stock over HTTP', async () => {
    const seed = {
      ...STORE,
      platformShopId: 'https://control.example',
      appKey: 'ck_control',
      webhookUrl: null,
    };
    assert.equal((await control('POST', '/shops', seed)).status, 200);
    assert.equal((await control('POST', `${shop}/products`, PRODUCTS)).status, 200);
    const lines = [{ itemId: '93', variantId: '', quantity: 2 }];
    const pending = await control('POST', '/orders/pending', {
      platformShopId: seed.platformShopId,
      lines,
    });
    assert.equal(pending.body.ok, true);
    const stock = await control('GET', `${shop}/stock?itemId=93&variantId=`);
    assert.deepEqual(stock.body, [{ warehouseId: null, available: 3, committed: 2 }] as never);
    const paid = await control('POST', `${shop}/orders/${String(pending.body.orderId)}/pay`);
    assert.deepEqual(paid.body, { status: 'processing' });
    assert.equal((await control('PUT', `${shop}/key`, { permissions: 'read' })).status, 200);
    assert.equal((await control('PUT', '/settings', { holdStockMinutes: 30 })).status, 200);
    assert.equal((await control('POST', `${shop}/orders/999/pay`)).status, 400);
  });
});
