// Proves the Shopify emulator answers as shopify.md §5 describes, below any connector: a wrong or
// revoked token is HTTP 401 with Shopify's body, an unknown version 404, a malformed document or
// unknown field a GraphQL error; webhooks carry Shopify's headers and HMAC and are retried on the
// schedule until a 2xx (the default: 8 retries over 4 hours); the /_emulator/ controls drive the
// same state over HTTP.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { SHOPIFY_WEBHOOK_RETRY_DELAYS_MS } from './context.ts';
import { startShopifyEmulator, type ShopifyEmulator } from './server.ts';

const SHOP = 'emulator-test.myshopify.com';
const APP = { appKey: 'client-id', appSecret: 'shpss_emulator_test' };
const TOKEN = 'shpat_emulator_test';
const PATH = '/admin/api/2026-04/graphql.json';
const REF = { itemId: '810000001', variantId: '920000001' };

function seed(emulator: ShopifyEmulator, webhookUrl: string | null = null): void {
  emulator.seedShop({
    platformShopId: SHOP,
    ...APP,
    accessToken: TOKEN,
    refreshToken: '',
    accessTokenExpiresAtMs: Number.MAX_SAFE_INTEGER,
    webhookUrl,
    warehouseIds: ['61512351844'],
  });
  emulator.seedProducts(SHOP, [
    {
      itemId: REF.itemId,
      title: 'T',
      variants: [{ variantId: REF.variantId, sellerSku: 'S', stock: { '61512351844': 5 } }],
    },
  ]);
}

async function post(
  emulator: ShopifyEmulator,
  body: unknown,
  options: { token?: string; path?: string } = {},
) {
  const response = await fetch(`${emulator.baseUrl}${options.path ?? PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-shopify-access-token': options.token ?? TOKEN,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('Shopify emulator', () => {
  const open: ShopifyEmulator[] = [];
  after(async () => {
    for (const emulator of open) await emulator.close();
  });
  const start = async (...args: Parameters<typeof startShopifyEmulator>) => {
    const emulator = await startShopifyEmulator(...args);
    open.push(emulator);
    return emulator;
  };

  it('refuses a wrong or revoked token with 401 and an unknown version with 404', async () => {
    const emulator = await start();
    seed(emulator);
    const query = { query: '{ locations(first: 5) { nodes { id } } }' };
    assert.equal((await post(emulator, query)).status, 200);
    const wrong = await post(emulator, query, { token: 'shpat_wrong' });
    assert.equal(wrong.status, 401);
    assert.match(String(wrong.body.errors), /Invalid API key or access token/);
    assert.equal(
      (await post(emulator, query, { path: '/admin/api/2019-01/graphql.json' })).status,
      404,
    );
    emulator.expireAccessToken(SHOP);
    assert.equal((await post(emulator, query)).status, 401);
  });

  it('answers a malformed document and an unknown field with GraphQL errors and the cost', async () => {
    const emulator = await start();
    seed(emulator);
    const broken = await post(emulator, { query: '{ productVariants(first: 1) { nodes { id }' });
    assert.equal(broken.status, 200);
    assert.ok(Array.isArray(broken.body.errors));
    const unknown = await post(emulator, {
      query: '{ productVariants(first: 1) { nodes { colour } } }',
    });
    const errors = unknown.body.errors as Array<{ message: string }>;
    assert.match(errors[0]?.message ?? '', /Field 'colour' doesn't exist on type 'ProductVariant'/);
    const fine = await post(emulator, { query: '{ productVariants(first: 1) { nodes { sku } } }' });
    const cost = (
      fine.body.extensions as { cost: { requestedQueryCost: number; actualQueryCost: number } }
    ).cost;
    assert.deepEqual([cost.requestedQueryCost, cost.actualQueryCost], [3, 3]);
  });

  it('delivers signed webhooks with their headers and retries them until a 2xx, keeping the webhook id', async () => {
    let calls = 0;
    const received: Array<{ headers: Record<string, unknown>; body: string }> = [];
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        calls += 1;
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(calls <= 2 ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const emulator = await start({ webhookRetryDelaysMs: [5, 5, 5] });
      seed(
        emulator,
        `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/shopify`,
      );
      const placed = emulator.placeOrder({
        platformShopId: SHOP,
        lines: [{ ...REF, quantity: 1 }],
      });
      assert.ok(placed.ok);
      await emulator.drainWebhooks();
      assert.equal(received.length, 3);
      assert.deepEqual(
        emulator.webhookDeliveries().map((d) => [d.attempts, d.delivered]),
        [[3, true]],
      );
      const ids = new Set(received.map((r) => r.headers['x-shopify-webhook-id']));
      assert.equal(ids.size, 1, 'retries keep the webhook id');
      const last = received[2]!;
      assert.equal(last.headers['x-shopify-topic'], 'orders/create');
      assert.equal(last.headers['x-shopify-shop-domain'], SHOP);
      const hmac = createHmac('sha256', APP.appSecret).update(last.body).digest('base64');
      assert.equal(last.headers['x-shopify-hmac-sha256'], hmac);
      assert.equal((JSON.parse(last.body) as { id: number }).id, Number(placed.orderId));
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('retries 8 times over 4 hours by default', () => {
    assert.equal(SHOPIFY_WEBHOOK_RETRY_DELAYS_MS.length, 8);
    const totalMs = SHOPIFY_WEBHOOK_RETRY_DELAYS_MS.reduce((sum, ms) => sum + ms, 0);
    assert.equal(totalMs, 4 * 3600_000);
  });

  it('is driven over HTTP under /_emulator/: seed, order, stock, faults and stats', async () => {
    const emulator = await start();
    const control = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${emulator.baseUrl}/_emulator${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const shopSeed = {
      platformShopId: SHOP,
      ...APP,
      accessToken: TOKEN,
      refreshToken: '',
      accessTokenExpiresAtMs: 1e15,
      webhookUrl: null,
      warehouseIds: ['61512351844'],
    };
    assert.equal((await control('POST', '/shops', shopSeed)).status, 200);
    const seeds = [
      {
        itemId: REF.itemId,
        title: 'T',
        variants: [{ variantId: REF.variantId, sellerSku: 'S', stock: { '61512351844': 5 } }],
      },
    ];
    assert.equal((await control('POST', `/shops/${SHOP}/products`, seeds)).status, 200);
    const order = await control('POST', '/orders', {
      platformShopId: SHOP,
      lines: [{ ...REF, quantity: 2 }],
    });
    assert.equal(order.body.ok, true);
    const stock = await control(
      'GET',
      `/shops/${SHOP}/stock?itemId=${REF.itemId}&variantId=${REF.variantId}`,
    );
    assert.deepEqual(stock.body, [{ warehouseId: '61512351844', available: 3, committed: 2 }]);
    const paid = await control('POST', `/shops/${SHOP}/orders/${String(order.body.orderId)}/pay`);
    assert.deepEqual(paid.body, { status: 'paid/unfulfilled' });
    await control('PUT', `/shops/${SHOP}/stock`, {
      ...REF,
      warehouseId: '61512351844',
      quantity: 9,
    });
    assert.equal(emulator.shownStock(SHOP, REF)[0]?.available, 9);
    await control('POST', '/faults', { errorRate: 1 });
    assert.equal(
      (await post(emulator, { query: '{ locations(first: 1) { nodes { id } } }' })).status,
      500,
    );
    const stats = await control('GET', '/stats');
    assert.equal(
      (stats.body.requests as Record<string, number>)['/admin/api/:version/graphql.json'],
      1,
    );
    assert.equal(
      (await control('POST', '/orders', { platformShopId: SHOP, lines: [] })).status,
      400,
    );
  });
});
