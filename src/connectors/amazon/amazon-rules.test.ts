// Proves Amazon's own rules against the emulator over real HTTP: FBA stock is read as
// platform-run and never pushed; patches name the listing's real product type (learned from the
// catalogue or read once per SKU); Amazon withholds stock for Pending orders and a push sets the
// figure absolutely; few ids are read with getOrder; a window ending now is read although
// LastUpdatedBefore must be 2 minutes old; seller cancellation gives NO_INVENTORY and is refused
// once shipped; LWA refusals need the seller; the refresh token is not rotated; a token Amazon
// never issued is AUTH_FAILED.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isConnectorError } from '../errors.ts';
import type { Fixture } from './emulator-fixture.ts';
import { product, SELLER_ID, startFixture } from './emulator-fixture.ts';

const A = { itemId: 'B0RULES001', variantId: 'SKU-MFN' };
const FBA = { itemId: 'B0RULES001', variantId: 'SKU-BOTH' };
const B = { itemId: 'B0RULES002', variantId: 'SKU-B' };

describe('Amazon rules', () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture({
      products: [
        product('B0RULES001', {
          'SKU-MFN': { DEFAULT: 5 },
          'SKU-BOTH': { DEFAULT: 2, AMAZON_NA: 40 },
        }),
        product('B0RULES002', { 'SKU-B': { DEFAULT: 9 } }),
      ],
    });
  });
  after(() => f.close());
  const requests = (key: string) => f.emulator.stats().requests[key] ?? 0;
  const PATCH = 'PATCH /listings/2021-08-01/items/:sellerId/:sku';
  const GET_ITEM = 'GET /listings/2021-08-01/items/:sellerId/:sku';

  it('reads FBA stock as platform-run and refuses to push it, sending nothing', async () => {
    const connector = f.connector();
    const page = await connector.listCatalog(null);
    const both = page.items.find((l) => l.variantId === 'SKU-BOTH');
    assert.deepEqual(both?.stock, [
      { warehouseId: 'DEFAULT', available: 2 },
      { warehouseId: 'AMAZON_NA', available: 40, platformRun: true },
    ]);
    const patches = requests(PATCH);
    const [result] = await connector.setStock([
      { listing: FBA, stock: [{ warehouseId: 'AMAZON_NA', quantity: 3 }] },
    ]);
    assert.ok(result && !result.ok && result.platformCode === 'PLATFORM_RUN_WAREHOUSE');
    assert.equal(result.retryable, false);
    assert.equal(requests(PATCH), patches, 'no patch was sent');
    assert.equal(f.emulator.shownStock(SELLER_ID, FBA)[1]?.available, 40);
  });

  it('names the product type learned from the catalogue, else reads it once per SKU', async () => {
    const fromCatalog = f.connector();
    await fromCatalog.listCatalog(null);
    const reads = requests(GET_ITEM);
    assert.equal(
      (
        await fromCatalog.setStock([
          { listing: A, stock: [{ warehouseId: 'DEFAULT', quantity: 6 }] },
        ])
      )[0]?.ok,
      true,
    );
    assert.equal(requests(GET_ITEM), reads, 'the catalogue gave the product type');
    const fresh = f.connector();
    const pushes = [7, 8, 9].map((quantity) => ({
      listing: B,
      stock: [{ warehouseId: 'DEFAULT', quantity }],
    }));
    const results = await Promise.all(pushes.map((push) => fresh.setStock([push])));
    assert.ok(
      results.every(([r]) => r?.ok),
      'every push went through',
    );
    assert.equal(requests(GET_ITEM), reads + 1, 'one read for three pushes of one SKU');
  });

  it('withholds stock for a Pending order at once; a later push is absolute', async () => {
    const placed = f.emulator.placeOrder({
      platformShopId: SELLER_ID,
      lines: [{ ...A, quantity: 2 }],
    });
    assert.ok(placed.ok);
    assert.deepEqual(f.emulator.shownStock(SELLER_ID, A), [
      { warehouseId: 'DEFAULT', available: 4, committed: 2 },
    ]);
    const [order] = await f.connector().getOrders([placed.orderId]);
    assert.equal(order?.state, 'placed');
    assert.equal(order?.rawStatus, 'Pending');
    assert.equal(
      (
        await f
          .connector()
          .setStock([{ listing: A, stock: [{ warehouseId: 'DEFAULT', quantity: 4 }] }])
      )[0]?.ok,
      true,
    );
    assert.equal(
      f.emulator.shownStock(SELLER_ID, A)[0]?.available,
      4,
      'Amazon does not subtract the Pending order again',
    );
    f.emulator.cancelOrderAsBuyer(SELLER_ID, placed.orderId);
    assert.deepEqual(f.emulator.shownStock(SELLER_ID, A), [
      { warehouseId: 'DEFAULT', available: 6, committed: 0 },
    ]);
  });

  it('reads a few orders one getOrder each and leaves unknown ids out', async () => {
    const placed = f.emulator.placeOrder({
      platformShopId: SELLER_ID,
      lines: [{ ...B, quantity: 1 }],
      paid: true,
    });
    assert.ok(placed.ok);
    const before = requests('GET /orders/v0/orders');
    const orders = await f.connector().getOrders([placed.orderId, '999-0000000-0000000']);
    assert.deepEqual(
      orders.map((o) => [o.orderId, o.state]),
      [[placed.orderId, 'paid']],
    );
    assert.equal(requests('GET /orders/v0/orders'), before, 'getOrders was not used');
    assert.equal(orders[0]?.lines[0]?.itemId, B.itemId);
  });

  it('reads a window ending now without LastUpdatedBefore (Amazon wants it 2 minutes old) and cuts it', async () => {
    const placed = f.emulator.placeOrder({
      platformShopId: SELLER_ID,
      lines: [{ ...B, quantity: 1 }],
    });
    assert.ok(placed.ok);
    const connector = f.connector();
    const recent = await connector.listOrders({
      updatedFromMs: Date.now() - 60_000,
      updatedToMs: Date.now() + 1_000,
    });
    assert.ok(
      recent.items.some((o) => o.orderId === placed.orderId),
      'the new order is read',
    );
    const past = await connector.listOrders({
      updatedFromMs: Date.now() - 3_600_000,
      updatedToMs: Date.now() - 600_000,
    });
    assert.ok(
      !past.items.some((o) => o.orderId === placed.orderId),
      'an older window leaves it out',
    );
  });

  it('cancels with NO_INVENTORY, and a shipped order is refused as REJECTED', async () => {
    const connector = f.connector();
    const open = f.emulator.placeOrder({
      platformShopId: SELLER_ID,
      lines: [{ ...B, quantity: 1 }],
      paid: true,
    });
    const shipped = f.emulator.placeOrder({
      platformShopId: SELLER_ID,
      lines: [{ ...B, quantity: 1 }],
      paid: true,
    });
    assert.ok(open.ok && shipped.ok);
    f.emulator.shipOrder(SELLER_ID, shipped.orderId);
    const result = await connector.cancelOrder({ orderId: open.orderId, state: 'paid' });
    assert.ok(result.reference.length > 0);
    assert.deepEqual(f.emulator.stats().sellerCancellations.at(-1), {
      orderId: open.orderId,
      reason: 'NO_INVENTORY',
    });
    const error: unknown = await connector
      .cancelOrder({ orderId: shipped.orderId, state: 'shipped' })
      .catch((e: unknown) => e);
    assert.ok(
      isConnectorError(error) && error.code === 'REJECTED' && error.platformCode === 'InvalidInput',
      String(error),
    );
  });

  it('refuses a refresh with the wrong client secret as AUTH_FAILED; a good refresh keeps the refresh token', async () => {
    const wrong = f.connector({ auth: { ...f.auth, appSecret: 'not-the-secret' } });
    const error: unknown = await wrong.refreshTokens().catch((e: unknown) => e);
    assert.ok(
      isConnectorError(error) &&
        error.code === 'AUTH_FAILED' &&
        error.platformCode === 'invalid_client',
    );
    assert.equal(error.retryable, false);
    const tokens = await f.connector().refreshTokens();
    assert.equal(tokens.refreshToken, f.auth.refreshToken);
    assert.match(tokens.accessToken, /^Atza\|/);
  });

  it('a token Amazon never issued is AUTH_FAILED, not a refresh loop', async () => {
    const connector = f.connector({ auth: { ...f.auth, accessToken: 'Atza|forged' } });
    const error: unknown = await connector.listCatalog(null).catch((e: unknown) => e);
    assert.ok(
      isConnectorError(error) &&
        error.code === 'AUTH_FAILED' &&
        error.platformCode === 'Unauthorized',
    );
  });
});
