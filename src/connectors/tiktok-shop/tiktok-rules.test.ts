// Proves the TikTok-specific rules of the connector against the emulator over real HTTP: one
// inventory call per product with every warehouse listed (tiktok-shop.md §1.7), the quantity cap,
// out-of-stock cancel reasons by state and line-level cancellation, the platform's refusals of
// shipped and cancelled orders, and credential problems reported as AUTH_FAILED with their code.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PlatformEmulator } from '../../../sandbox/kit/emulator.ts';
import { startTikTokShopEmulator } from '../../../sandbox/tiktok-shop/server.ts';
import type { ChannelConnector, ConnectorOptions, ShopAuth } from '../contract.ts';
import { isConnectorError } from '../errors.ts';
import { tiktokShop } from './index.ts';

const APP = { appKey: 'rules-app', appSecret: 'rules-secret' };
const [W1, W2] = ['7068517275539719942', '7068517275539719943'];
const INVENTORY_UPDATE = '/product/202309/products/:product_id/inventory/update';

describe('TikTok Shop connector rules', () => {
  let emulator: PlatformEmulator;
  let nextShop = 1;
  before(async () => {
    emulator = await startTikTokShopEmulator({});
  });
  after(() => emulator.close());

  /** A shop with product P (SKUs S1 at W1+W2 and S2 at W1) and product Q (SKU T1 at W1). */
  function newShop(overrides: Partial<ConnectorOptions> = {}) {
    const n = nextShop++;
    const auth: ShopAuth = {
      ...APP,
      accessToken: `rules-access-${n}`,
      refreshToken: `rules-refresh-${n}`,
      accessTokenExpiresAtMs: Date.now() + 86_400_000,
      refreshTokenExpiresAtMs: null,
      platformShopId: `74940000000000000${n}`,
      shopCipher: `ROW_rules_${n}`,
    };
    emulator.seedShop({
      ...auth,
      shopCipher: auth.shopCipher!,
      webhookUrl: null,
      warehouseIds: [W1, W2],
    });
    const [p, q] = [`10${n}1`, `10${n}2`];
    emulator.seedProducts(auth.platformShopId, [
      {
        itemId: p,
        title: 'P',
        variants: [
          { variantId: `20${n}1`, sellerSku: 'P-1', stock: { [W1]: 5, [W2]: 5 } },
          { variantId: `20${n}2`, sellerSku: 'P-2', stock: { [W1]: 5 } },
        ],
      },
      {
        itemId: q,
        title: 'Q',
        variants: [{ variantId: `20${n}3`, sellerSku: 'Q-1', stock: { [W1]: 5 } }],
      },
    ]);
    const connector: ChannelConnector = tiktokShop.createConnector({
      auth,
      baseUrl: emulator.baseUrl,
      authBaseUrl: emulator.authBaseUrl,
      ...overrides,
    });
    const refs = {
      s1: { itemId: p, variantId: `20${n}1` },
      s2: { itemId: p, variantId: `20${n}2` },
      t1: { itemId: q, variantId: `20${n}3` },
    };
    return { auth, connector, refs, shopId: auth.platformShopId };
  }
  const requestsTo = (path: string) => emulator.stats().requests[path] ?? 0;
  const rejection = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => assert.fail('expected a ConnectorError'),
      (thrown: unknown) => thrown,
    );
    assert.ok(isConnectorError(error), `expected a ConnectorError, got ${String(error)}`);
    return error;
  };

  it('sends all SKUs of a product in one call, one call per product', async () => {
    const { connector, refs } = newShop();
    const before = requestsTo(INVENTORY_UPDATE);
    const results = await connector.setStock([
      {
        listing: refs.s1,
        stock: [
          { warehouseId: W1, quantity: 1 },
          { warehouseId: W2, quantity: 2 },
        ],
      },
      { listing: refs.t1, stock: [{ warehouseId: W1, quantity: 3 }] },
      { listing: refs.s2, stock: [{ warehouseId: W1, quantity: 4 }] },
    ]);
    assert.deepEqual(
      results.map((result) => result.ok),
      [true, true, true],
    );
    assert.equal(requestsTo(INVENTORY_UPDATE) - before, 2);
  });

  it('a SKU with several warehouses must list them all; the SKU fails alone otherwise', async () => {
    const { connector, refs, shopId } = newShop();
    const results = await connector.setStock([
      { listing: refs.s1, stock: [{ warehouseId: W1, quantity: 9 }] },
      { listing: refs.s2, stock: [{ warehouseId: W1, quantity: 9 }] },
    ]);
    const [partial, whole] = results;
    assert.ok(partial && !partial.ok && partial.platformCode === '12052990', 'S1 refused');
    assert.match(partial.message, /12052037/);
    assert.equal(whole?.ok, true);
    const [nullWarehouse] = await connector.setStock([
      { listing: refs.s1, stock: [{ warehouseId: null, quantity: 9 }] },
    ]);
    assert.ok(
      nullWarehouse && !nullWarehouse.ok && nullWarehouse.platformCode === '12019028',
      'no warehouse id',
    );
    assert.deepEqual(
      emulator.shownStock(shopId, refs.s1).map((entry) => entry.available),
      [5, 5],
    );
  });

  it('caps quantities at 99,999 and accepts 0 to mark a SKU sold out', async () => {
    const { connector, refs, shopId } = newShop();
    await connector.setStock([
      { listing: refs.t1, stock: [{ warehouseId: W1, quantity: 250_000 }] },
    ]);
    assert.equal(emulator.shownStock(shopId, refs.t1)[0]?.available, 99_999);
    await connector.setStock([{ listing: refs.t1, stock: [{ warehouseId: W1, quantity: 0 }] }]);
    assert.equal(emulator.shownStock(shopId, refs.t1)[0]?.available, 0);
  });

  it('cancels with the unpaid reason before payment and the paid reason after', async () => {
    const { connector, refs, shopId } = newShop();
    const place = (paid: boolean) => {
      const result = emulator.placeOrder({
        platformShopId: shopId,
        lines: [{ ...refs.t1, quantity: 1 }],
        paid,
      });
      assert.ok(result.ok, 'order placed');
      return result.orderId;
    };
    const [unpaid, paid] = [place(false), place(true)];
    await connector.cancelOrder({ orderId: unpaid, state: 'placed' });
    await connector.cancelOrder({ orderId: paid, state: 'paid' });
    const reasons = new Map(
      emulator.stats().sellerCancellations.map((entry) => [entry.orderId, entry.reason]),
    );
    assert.equal(reasons.get(unpaid), 'seller_cancel_unpaid_reason_out_of_stock');
    assert.equal(reasons.get(paid), 'seller_cancel_reason_out_of_stock');
  });

  it('cancels single line items: the order keeps its other units and the cancelled ones return', async () => {
    const { connector, refs, shopId } = newShop();
    const result = emulator.placeOrder({
      platformShopId: shopId,
      lines: [{ ...refs.t1, quantity: 3 }],
      paid: true,
    });
    assert.ok(result.ok, 'order placed');
    const [order] = await connector.getOrders([result.orderId]);
    assert.equal(order?.lines.length, 3);
    await connector.cancelOrder({
      orderId: result.orderId,
      state: 'paid',
      lines: order.lines.slice(0, 1),
    });
    const [after] = await connector.getOrders([result.orderId]);
    assert.equal(after?.state, 'paid');
    assert.deepEqual(
      after?.lines.map((line) => line.lineId),
      order.lines.slice(1).map((line) => line.lineId),
    );
    assert.deepEqual(emulator.shownStock(shopId, refs.t1)[0], {
      warehouseId: W1,
      available: 3,
      committed: 2,
    });
  });

  it('the platform refuses to cancel a shipped or an already cancelled order', async () => {
    const { connector, refs, shopId } = newShop();
    const place = () => {
      const result = emulator.placeOrder({
        platformShopId: shopId,
        lines: [{ ...refs.t1, quantity: 1 }],
        paid: true,
      });
      assert.ok(result.ok, 'order placed');
      return result.orderId;
    };
    const shipped = place();
    emulator.shipOrder(shopId, shipped);
    const shippedError = await rejection(
      connector.cancelOrder({ orderId: shipped, state: 'paid' }),
    );
    assert.deepEqual([shippedError.code, shippedError.platformCode], ['REJECTED', '25001045']);
    const cancelled = place();
    emulator.cancelOrderAsBuyer(shopId, cancelled);
    const again = await rejection(connector.cancelOrder({ orderId: cancelled, state: 'paid' }));
    assert.deepEqual([again.code, again.platformCode], ['REJECTED', '25001011']);
    const wrongReason = place();
    const mismatch = await rejection(
      connector.cancelOrder({ orderId: wrongReason, state: 'placed' }),
    );
    assert.deepEqual([mismatch.code, mismatch.platformCode], ['REJECTED', '25001021']);
  });

  it('reports credential problems as AUTH_FAILED with the platform code', async () => {
    const cases: Array<
      [string, Partial<ConnectorOptions> | ((auth: ShopAuth) => Partial<ConnectorOptions>), string]
    > = [
      ['wrong secret', (auth) => ({ auth: { ...auth, appSecret: 'wrong' } }), '106001'],
      ['unknown token', (auth) => ({ auth: { ...auth, accessToken: 'unknown' } }), '105001'],
      ['no shop cipher', (auth) => ({ auth: { ...auth, shopCipher: undefined } }), '106013'],
      ['skewed clock', { nowMs: () => Date.now() - 6 * 60_000 }, '36009004'],
    ];
    for (const [name, change, platformCode] of cases) {
      const { auth } = newShop();
      const overrides = typeof change === 'function' ? change(auth) : change;
      const connector = tiktokShop.createConnector({
        auth,
        baseUrl: emulator.baseUrl,
        ...overrides,
      });
      const error = await rejection(connector.listCatalog(null));
      assert.deepEqual([error.code, error.platformCode], ['AUTH_FAILED', platformCode], name);
    }
  });
});
