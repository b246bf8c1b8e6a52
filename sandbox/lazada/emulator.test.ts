// Proves the Lazada emulator refuses calls the way Lazada does (lazada.md §3.2–§3.6): a wrong
// signature, a stale timestamp, an unknown or expired token and a burst past the limit each get
// Lazada's envelope and code; paging limits are enforced; form-encoded POSTs and the `/rest`
// prefix are served; pushes are signed and retried on the schedule until acknowledged.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { signLazadaRequest } from '../../src/connectors/lazada/signing.ts';
import { startLazadaEmulator, type LazadaEmulatorHandle } from './server.ts';
import { LAZADA_PUSH_RETRY_DELAYS_MS } from './context.ts';
import { pushAuthorization } from './pushes.ts';

const APP = { appKey: '100555', appSecret: 'emulator-test-secret' };
const SELLER = '300400500';
const TOKEN = '50000emulatorAccess';

async function started(options: { rateLimitPerSecond?: number; webhookUrl?: string | null } = {}) {
  const emulator = await startLazadaEmulator({
    rateLimitPerSecond: options.rateLimitPerSecond,
    webhookRetryDelaysMs: [10, 10, 10],
  });
  emulator.seedShop({
    platformShopId: SELLER,
    ...APP,
    accessToken: TOKEN,
    refreshToken: '50001emulatorRefresh',
    accessTokenExpiresAtMs: Date.now() + 3_600_000,
    webhookUrl: options.webhookUrl ?? null,
    warehouseIds: ['dropshipping'],
  });
  emulator.seedProducts(SELLER, [
    {
      itemId: '11',
      title: 'One',
      variants: [{ variantId: '111', sellerSku: 'S-1', stock: { dropshipping: 4 } }],
    },
  ]);
  return emulator;
}

/** A signed call; `tamper` changes the parameters after signing. */
async function call(
  emulator: LazadaEmulatorHandle,
  path: string,
  business: Record<string, string>,
  options: {
    method?: 'GET' | 'POST';
    timestamp?: number;
    token?: string;
    tamper?: (p: Record<string, string>) => void;
    prefix?: string;
  } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const params: Record<string, string> = {
    ...business,
    app_key: APP.appKey,
    timestamp: String(options.timestamp ?? Date.now()),
    sign_method: 'sha256',
    access_token: options.token ?? TOKEN,
  };
  params.sign = signLazadaRequest({ appSecret: APP.appSecret, apiPath: path, params });
  options.tamper?.(params);
  const query = new URLSearchParams(params).toString();
  const url = `${emulator.baseUrl}${options.prefix ?? ''}${path}`;
  const response =
    options.method === 'POST'
      ? await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
          body: query,
        })
      : await fetch(`${url}?${query}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test('a signed call gets code "0" and its data, also under /rest', async () => {
  const emulator = await started();
  try {
    for (const prefix of ['', '/rest']) {
      const { body } = await call(
        emulator,
        '/products/get',
        { limit: '50', offset: '0', options: '1' },
        { prefix },
      );
      assert.equal(body.code, '0');
      assert.equal((body.data as { total_products: number }).total_products, 1);
      assert.match(String(body.request_id), /^\w+$/);
    }
  } finally {
    await emulator.close();
  }
});

test('a wrong signature, a stale timestamp and a bad token each get their Lazada code', async () => {
  const emulator = await started();
  try {
    const forged = await call(
      emulator,
      '/products/get',
      { limit: '10' },
      { tamper: (p) => (p.limit = '20') },
    );
    assert.deepEqual(
      [forged.status, forged.body.code, forged.body.type],
      [200, 'IncompleteSignature', 'SYSTEM'],
    );
    const stale = await call(emulator, '/products/get', {}, { timestamp: Date.now() - 7_300_000 });
    assert.equal(stale.body.code, 'InvalidTimestamp');
    const within = await call(emulator, '/products/get', {}, { timestamp: Date.now() - 7_000_000 });
    assert.equal(within.body.code, '0', 'within ±7200 s is accepted');
    const unknown = await call(emulator, '/products/get', {}, { token: 'nope' });
    assert.equal(unknown.body.code, 'IllegalAccessToken');
    emulator.expireAccessToken(SELLER);
    const expired = await call(emulator, '/products/get', {});
    assert.equal(expired.body.code, 'IllegalAccessToken');
    assert.equal(expired.body.message, 'The specified access token is invalid or expired');
  } finally {
    await emulator.close();
  }
});

test('a burst past the limit is answered ApiCallLimit and counted', async () => {
  const emulator = await started({ rateLimitPerSecond: 3 });
  try {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => call(emulator, '/products/get', {})),
    );
    const throttled = answers.filter((a) => a.body.code === 'ApiCallLimit').length;
    assert.ok(throttled >= 4, `${throttled} throttled`);
    assert.equal(emulator.stats().throttled, throttled);
  } finally {
    await emulator.close();
  }
});

test('paging limits and payload checks are enforced', async () => {
  const emulator = await started();
  try {
    assert.equal((await call(emulator, '/products/get', { limit: '51' })).body.code, 'E005');
    assert.equal(
      (await call(emulator, '/products/get', { offset: '10001', limit: '5' })).body.code,
      'E005',
    );
    assert.equal(
      (await call(emulator, '/orders/get', { limit: '10' })).body.code,
      'MissingParameter',
    );
    const many = JSON.stringify(Array.from({ length: 51 }, (_, i) => i + 1));
    assert.equal(
      (await call(emulator, '/orders/items/get', { order_ids: many })).body.code,
      'E038',
    );
    assert.equal(
      (await call(emulator, '/orders/items/get', { order_ids: '1,2' })).body.code,
      'E056',
    );
    const post = (payload: string) =>
      call(emulator, '/product/stock/sellable/update', { payload }, { method: 'POST' });
    assert.equal((await post('garbage')).body.code, 'E005');
    const json =
      '{"Request":{"Product":{"Skus":{"Sku":{"ItemId":"11","SkuId":"111","SellableQuantity":"9"}}}}}';
    assert.equal((await post(json)).body.code, '0', 'the JSON form is read too');
    assert.equal(emulator.shownStock(SELLER, { itemId: '11', variantId: '111' })[0]?.available, 9);
    const multi =
      '<Request><Product><Skus><Sku><ItemId>11</ItemId><SkuId>111</SkuId><MultiWarehouseInventories><MultiWarehouseInventory><WarehouseCode>dropshipping</WarehouseCode><SellableQuantity>2</SellableQuantity></MultiWarehouseInventory></MultiWarehouseInventories></Sku></Skus></Product></Request>';
    const refused = await post(multi);
    assert.equal(
      refused.body.code,
      'E501',
      'a single-warehouse seller may not use the warehouse form',
    );
    assert.equal(
      (refused.body.detail as Array<{ field: string }>)[0]?.field,
      'MultiWarehouseInventories',
    );
  } finally {
    await emulator.close();
  }
});

test('pushes are signed and retried until the receiver answers 200', async () => {
  let calls = 0;
  const bodies: Array<{ body: string; authorization: string }> = [];
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      calls += 1;
      bodies.push({
        body: Buffer.concat(chunks).toString('utf8'),
        authorization: String(request.headers.authorization),
      });
      response.writeHead(calls < 3 ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/lazada`;
  const emulator = await started({ webhookUrl: url });
  try {
    const placed = emulator.placeOrder({
      platformShopId: SELLER,
      lines: [{ itemId: '11', variantId: '111', quantity: 1 }],
    });
    assert.ok(placed.ok);
    await emulator.drainWebhooks();
    const [record] = emulator.webhookDeliveries();
    assert.deepEqual([record?.attempts, record?.delivered], [3, true]);
    const last = bodies.at(-1)!;
    assert.equal(last.authorization, pushAuthorization(APP.appKey, APP.appSecret, last.body));
    const push = JSON.parse(last.body) as {
      seller_id: string;
      message_type: number;
      data: Record<string, unknown>;
    };
    assert.deepEqual(
      [push.seller_id, push.message_type, push.data.order_status, push.data.trade_order_id],
      [SELLER, 0, 'unpaid', placed.orderId],
    );
    assert.deepEqual(
      LAZADA_PUSH_RETRY_DELAYS_MS,
      Array.from({ length: 12 }, () => 1_800_000),
    );
  } finally {
    await emulator.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});

test('the token refresh answers at top level with lifetimes in seconds', async () => {
  const emulator = await started();
  try {
    const { body } = await call(
      emulator,
      '/auth/token/refresh',
      { refresh_token: '50001emulatorRefresh' },
      { method: 'POST', tamper: () => {} },
    );
    assert.equal(body.code, '0');
    assert.equal(body.expires_in, 7 * 86_400);
    assert.equal(typeof body.access_token, 'string');
    const again = await call(emulator, '/products/get', {}, { token: String(body.access_token) });
    assert.equal(again.body.code, '0');
  } finally {
    await emulator.close();
  }
});
