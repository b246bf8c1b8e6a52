// Proves the WooCommerce-specific rules against the emulator over real HTTP: simple products are
// pushed through products/batch and read with variantId ''; pushes split into batches of 100; a
// read-only key may read but not push; on-hold reduces stock at once while a pending order only
// holds it (not in stock_quantity) until paid or its hold runs out; the seller's cancellation
// leaves the out-of-stock note; order paging skips nothing when an order leaves the window while
// it is read; Basic credentials are sent for https stores and refused over plain http.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { WooCommerceEmulator } from '../../../sandbox/woocommerce/server.ts';
import { startWooCommerceEmulator } from '../../../sandbox/woocommerce/server.ts';
import type { ConnectorOptions, ShopAuth } from '../contract.ts';
import { isConnectorError } from '../errors.ts';
import { woocommerce } from './index.ts';
import { WOO_OUT_OF_STOCK_NOTE } from './options.ts';

let clockMs = Date.UTC(2026, 10, 28, 12, 0, 0);
const now = () => clockMs;
let emulator: WooCommerceEmulator;
let nextStore = 1;

before(async () => {
  emulator = await startWooCommerceEmulator({ nowMs: now });
});
after(() => emulator.close());

function newStore(
  products: Array<{ id: string; variants: Array<{ id: string; stock: number }> }>,
): ShopAuth {
  const n = nextStore++;
  const auth: ShopAuth = {
    appKey: `ck_rules_${n}`,
    appSecret: `cs_rules_${n}`,
    accessToken: '',
    refreshToken: '',
    accessTokenExpiresAtMs: Number.MAX_SAFE_INTEGER,
    refreshTokenExpiresAtMs: null,
    platformShopId: `https://rules-${n}.example`,
  };
  emulator.seedShop({ ...auth, webhookUrl: null, warehouseIds: ['default'] });
  emulator.seedProducts(
    auth.platformShopId,
    products.map((p) => ({
      itemId: p.id,
      title: `Product ${p.id}`,
      variants: p.variants.map((v) => ({
        variantId: v.id,
        sellerSku: `SKU-${p.id}-${v.id}`,
        stock: { default: v.stock },
      })),
    })),
  );
  return auth;
}

const connect = (auth: ShopAuth, extra: Partial<ConnectorOptions> = {}) =>
  woocommerce.createConnector({
    auth,
    baseUrl: emulator.baseUrl,
    nowMs: now,
    timeoutMs: 5_000,
    ...extra,
  });
const shown = (auth: ShopAuth, itemId: string, variantId = '') =>
  emulator.shownStock(auth.platformShopId, { itemId, variantId })[0]?.available;

describe('WooCommerce rules', () => {
  it("pushes simple products through products/batch and reads them with variantId ''", async () => {
    const auth = newStore([{ id: '93', variants: [{ id: '', stock: 2 }] }]);
    const connector = connect(auth);
    const [result] = await connector.setStock([
      { listing: { itemId: '93', variantId: '' }, stock: [{ warehouseId: null, quantity: 7 }] },
    ]);
    assert.equal(result?.ok, true);
    assert.equal(shown(auth, '93'), 7);
    const page = await connector.listCatalog(null);
    assert.deepEqual(page.items, [
      {
        itemId: '93',
        variantId: '',
        sellerSku: 'SKU-93-',
        title: 'Product 93',
        stock: [{ warehouseId: null, available: 7 }],
      },
    ]);
  });

  it('splits a push of 150 simple products into two batch calls of at most 100', async () => {
    const products = Array.from({ length: 150 }, (_, i) => ({
      id: String(3000 + i),
      variants: [{ id: '', stock: 1 }],
    }));
    const auth = newStore(products);
    const before = emulator.stats().requests['POST products/batch'] ?? 0;
    const results = await connect(auth).setStock(
      products.map((p) => ({
        listing: { itemId: p.id, variantId: '' },
        stock: [{ warehouseId: null, quantity: 5 }],
      })),
    );
    assert.ok(results.every((r) => r.ok));
    assert.equal((emulator.stats().requests['POST products/batch'] ?? 0) - before, 2);
    assert.equal(shown(auth, '3149'), 5);
  });

  it('a read-only key reads but its pushes fail as AUTH_FAILED, not retryable', async () => {
    const auth = newStore([{ id: '94', variants: [{ id: '101', stock: 3 }] }]);
    emulator.setKeyPermissions(auth.platformShopId, 'read');
    const connector = connect(auth);
    assert.equal((await connector.listCatalog(null)).items.length, 1);
    const error: unknown = await connector
      .setStock([
        {
          listing: { itemId: '94', variantId: '101' },
          stock: [{ warehouseId: null, quantity: 1 }],
        },
      ])
      .then(
        () => assert.fail('a read-only key pushed'),
        (e: unknown) => e,
      );
    assert.ok(isConnectorError(error) && error.code === 'AUTH_FAILED', String(error));
    assert.equal(error.platformCode, 'woocommerce_rest_authentication_error');
    assert.equal(error.retryable, false);
    assert.equal(shown(auth, '94', '101'), 3);
  });

  it('on-hold reduces stock_quantity at once; a pending order only holds until paid', async () => {
    const auth = newStore([{ id: '95', variants: [{ id: '', stock: 10 }] }]);
    const connector = connect(auth);
    const line = { itemId: '95', variantId: '', quantity: 2 };
    const onHold = emulator.placeOrder({ platformShopId: auth.platformShopId, lines: [line] });
    assert.ok(onHold.ok);
    const pending = emulator.placePendingOrder({
      platformShopId: auth.platformShopId,
      lines: [line],
    });
    assert.ok(pending.ok);
    assert.equal(shown(auth, '95'), 6, 'buyers can order stock less the hold');
    const catalogue = async () => (await connector.listCatalog(null)).items[0]?.stock[0]?.available;
    assert.equal(await catalogue(), 8, 'the API shows stock_quantity, which a hold does not lower');
    const [order] = await connector.getOrders([pending.orderId]);
    assert.deepEqual([order?.rawStatus, order?.state], ['pending', 'placed']);
    emulator.payOrder(auth.platformShopId, pending.orderId);
    assert.equal(await catalogue(), 6, 'payment reduces stock_quantity and ends the hold');
    assert.equal(shown(auth, '95'), 6);
  });

  it('a pending order whose hold-stock minutes pass is cancelled and its hold released', async () => {
    const auth = newStore([{ id: '96', variants: [{ id: '', stock: 4 }] }]);
    const pending = emulator.placePendingOrder({
      platformShopId: auth.platformShopId,
      lines: [{ itemId: '96', variantId: '', quantity: 3 }],
    });
    assert.ok(pending.ok);
    assert.equal(shown(auth, '96'), 1);
    clockMs += 61 * 60_000;
    assert.equal(shown(auth, '96'), 4);
    const [order] = await connect(auth).getOrders([pending.orderId]);
    assert.deepEqual([order?.rawStatus, order?.state], ['cancelled', 'cancelled']);
  });

  it("the seller's cancellation gives stock back and leaves the out-of-stock note for the buyer", async () => {
    const auth = newStore([{ id: '97', variants: [{ id: '', stock: 5 }] }]);
    const placed = emulator.placeOrder({
      platformShopId: auth.platformShopId,
      lines: [{ itemId: '97', variantId: '', quantity: 2 }],
      paid: true,
    });
    assert.ok(placed.ok);
    const result = await connect(auth).cancelOrder({ orderId: placed.orderId, state: 'paid' });
    assert.match(result.reference, /^order:\d+:cancelled:note:\d+$/);
    assert.equal(shown(auth, '97'), 5);
    assert.deepEqual(emulator.orderNotes(auth.platformShopId, placed.orderId), [
      { note: WOO_OUT_OF_STOCK_NOTE, customerNote: true },
    ]);
    const entry = emulator.stats().sellerCancellations.find((c) => c.orderId === placed.orderId);
    assert.equal(entry?.reason, WOO_OUT_OF_STOCK_NOTE);
  });

  it('order paging skips nothing when an order leaves the window while it is read', async () => {
    const auth = newStore([{ id: '98', variants: [{ id: '', stock: 1000 }] }]);
    const connector = connect(auth);
    const fromMs = clockMs;
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) {
      const placed = emulator.placeOrder({
        platformShopId: auth.platformShopId,
        lines: [{ itemId: '98', variantId: '', quantity: 1 }],
      });
      assert.ok(placed.ok);
      ids.push(placed.orderId);
      clockMs += 1000;
    }
    const window = { updatedFromMs: fromMs, updatedToMs: clockMs };
    const first = await connector.listOrders(window);
    assert.equal(first.items.length, 100);
    clockMs += 5_000;
    emulator.payOrder(auth.platformShopId, first.items[10]!.orderId);
    const second = await connector.listOrders({ ...window, pageToken: first.nextPageToken });
    assert.equal(second.nextPageToken, null);
    const seen = new Set([...first.items, ...second.items].map((o) => o.orderId));
    assert.deepEqual(
      [...ids].filter((id) => !seen.has(id)),
      [],
    );
  });

  it('sends Basic credentials to an https store, and a plain-http site refuses them', async () => {
    const received: Array<string | undefined> = [];
    const server = createServer((request, response) => {
      received.push(request.headers.authorization);
      response
        .writeHead(200, { 'content-type': 'application/json', 'x-wp-totalpages': '1' })
        .end('[]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const auth = newStore([]);
      const port = (server.address() as AddressInfo).port;
      const basic = { ...auth, extra: { authMode: 'basic' } };
      await connect(basic, { baseUrl: `http://127.0.0.1:${port}` }).listCatalog(null);
      const expected = `Basic ${Buffer.from(`${auth.appKey}:${auth.appSecret}`).toString('base64')}`;
      assert.deepEqual(received, [expected]);
      const error: unknown = await connect(basic)
        .listCatalog(null)
        .then(
          () => assert.fail('accepted'),
          (e: unknown) => e,
        );
      assert.ok(isConnectorError(error) && error.code === 'AUTH_FAILED');
      assert.equal(error.platformCode, 'woocommerce_rest_cannot_view');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
