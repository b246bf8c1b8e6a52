// Proves the emulator can be driven over HTTP under /_emulator/ from another process: seeding,
// buyer orders and actions, shown stock, Choice flags, faults, token expiry and stats.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startLazadaEmulator } from './server.ts';

test('a sandbox in another process drives the emulator through /_emulator/', async () => {
  const emulator = await startLazadaEmulator();
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.baseUrl}/_emulator${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  try {
    const seed = {
      platformShopId: '42',
      appKey: '1',
      appSecret: 's',
      accessToken: 'a',
      refreshToken: 'r',
      accessTokenExpiresAtMs: Date.now() + 60_000,
      webhookUrl: null,
      warehouseIds: ['dropshipping'],
    };
    assert.equal((await control('POST', '/shops', seed)).status, 200);
    const products = [
      {
        itemId: '5',
        title: 'T',
        variants: [{ variantId: '51', sellerSku: 'X', stock: { dropshipping: 3 } }],
      },
    ];
    assert.equal((await control('POST', '/shops/42/products', products)).status, 200);
    const order = await control('POST', '/orders', {
      platformShopId: '42',
      lines: [{ itemId: '5', variantId: '51', quantity: 2 }],
    });
    assert.equal(order.body.ok, true);
    const orderId = String(order.body.orderId);
    assert.deepEqual((await control('POST', `/shops/42/orders/${orderId}/pay`)).body, {
      status: 'pending',
    });
    const stock = await fetch(`${emulator.baseUrl}/_emulator/shops/42/stock?itemId=5&variantId=51`);
    assert.deepEqual(await stock.json(), [
      { warehouseId: 'dropshipping', available: 1, committed: 2 },
    ]);
    assert.equal(
      (
        await control('PUT', '/shops/42/stock', {
          itemId: '5',
          variantId: '51',
          warehouseId: 'dropshipping',
          quantity: 9,
        })
      ).status,
      200,
    );
    assert.equal(
      (await control('POST', '/shops/42/products/5/choice', { choice: true })).status,
      200,
    );
    assert.equal((await control('POST', '/faults', { errorRate: 0.5 })).body.errorRate, 0.5);
    assert.equal((await control('POST', '/shops/42/expire-token')).status, 200);
    assert.equal((await control('POST', '/shops/42/orders/nope/pay')).status, 400);
    assert.equal(
      (await control('POST', '/orders', { platformShopId: '42', lines: [] })).status,
      400,
    );
    const stats = await control('GET', '/stats');
    assert.deepEqual(stats.body.sellerCancellations, []);
    assert.equal(emulator.shownStock('42', { itemId: '5', variantId: '51' })[0]?.available, 9);
  } finally {
    await emulator.close();
  }
});
