// Proves the Lazada-specific rules end to end against the emulator over HTTP: Choice listings
// take increases only (a decrease fails alone, not retryable, with Lazada's code); unpaid orders
// withhold sellable stock until paid, cancelled or 30 minutes old, and a push sets the absolute
// sellable figure so nothing is counted twice; multi-warehouse sellers push per warehouse code,
// single-warehouse sellers one figure; the seller's out-of-stock cancellation zeroes the SKU and
// unpaid orders cannot be cancelled; a refused refresh token needs the seller.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StockPushItem } from '../contract.ts';
import { isConnectorError } from '../errors.ts';
import { product, startLazadaFixture } from './emulator-fixture.ts';
import { EXTRA_MULTI_WAREHOUSE } from './options.ts';

const ref = (itemId: string, sku = 1) => ({ itemId, variantId: `${itemId}${sku}` });
const push = (
  listing: { itemId: string; variantId: string },
  quantity: number,
  warehouseId: string | null = 'dropshipping',
): StockPushItem => ({
  listing,
  stock: [{ warehouseId, quantity }],
});

test('a Choice listing takes an increase, and a decrease fails alone with the platform code, not retryable', async () => {
  const fixture = await startLazadaFixture({
    products: [product('71', [{ dropshipping: 5 }]), product('72', [{ dropshipping: 5 }])],
  });
  try {
    fixture.emulator.setChoice(fixture.sellerId, '71', true);
    const connector = fixture.connector();
    const [up] = await connector.setStock([push(ref('71'), 8)]);
    assert.equal(up?.ok, true);
    const [down, other] = await connector.setStock([push(ref('71'), 3), push(ref('72'), 2)]);
    assert.ok(down && !down.ok, 'the decrease failed');
    assert.equal(down.platformCode, 'ChoiceSkuStockDecrease');
    assert.equal(down.retryable, false);
    assert.equal(other?.ok, true, 'the other listing of the call was set');
    assert.equal(fixture.emulator.shownStock(fixture.sellerId, ref('71'))[0]?.available, 8);
    assert.equal(fixture.emulator.shownStock(fixture.sellerId, ref('72'))[0]?.available, 2);
  } finally {
    await fixture.close();
  }
});

test('a call whose every SKU fails gives per-listing failures, not a thrown error', async () => {
  const fixture = await startLazadaFixture({ products: [product('73', [{ dropshipping: 5 }])] });
  try {
    fixture.emulator.setChoice(fixture.sellerId, '73', true);
    const results = await fixture
      .connector()
      .setStock([push(ref('73'), 1), push({ itemId: '79', variantId: '791' }, 1)]);
    assert.deepEqual(
      results.map((r) => r.ok),
      [false, false],
    );
    assert.ok(results.every((r) => !r.ok && !r.retryable && r.message.length > 0));
  } finally {
    await fixture.close();
  }
});

test('an unpaid order withholds sellable units; a push sets the absolute sellable figure beside the hold', async () => {
  const fixture = await startLazadaFixture({ products: [product('74', [{ dropshipping: 10 }])] });
  try {
    const { emulator, sellerId } = fixture;
    const placed = emulator.placeOrder({
      platformShopId: sellerId,
      lines: [{ ...ref('74'), quantity: 3 }],
    });
    assert.ok(placed.ok);
    assert.deepEqual(emulator.shownStock(sellerId, ref('74')), [
      { warehouseId: 'dropshipping', available: 7, committed: 3 },
    ]);
    const connector = fixture.connector();
    // StockPool already took its own hold off: it pushes what buyers may order now, 7.
    assert.equal((await connector.setStock([push(ref('74'), 7)]))[0]?.ok, true);
    const { items } = await connector.listCatalog(null);
    assert.deepEqual(items[0]?.stock, [
      { warehouseId: 'dropshipping', available: 7, committed: 3 },
    ]);
    emulator.payOrder(sellerId, placed.orderId);
    assert.deepEqual(emulator.shownStock(sellerId, ref('74')), [
      { warehouseId: 'dropshipping', available: 7, committed: 3 },
    ]);
  } finally {
    await fixture.close();
  }
});

test('an order unpaid for 30 minutes is released by the platform: cancelled, its units sellable again', async () => {
  const fixture = await startLazadaFixture({ products: [product('75', [{ dropshipping: 4 }])] });
  try {
    const { emulator, sellerId } = fixture;
    const placed = emulator.placeOrder({
      platformShopId: sellerId,
      lines: [{ ...ref('75'), quantity: 4 }],
    });
    assert.ok(placed.ok);
    assert.equal(emulator.shownStock(sellerId, ref('75'))[0]?.available, 0);
    fixture.clock.offsetMs += 29 * 60_000;
    assert.equal(emulator.orderStatus(sellerId, placed.orderId), 'unpaid');
    fixture.clock.offsetMs += 2 * 60_000;
    assert.equal(emulator.orderStatus(sellerId, placed.orderId), 'canceled');
    assert.equal(emulator.shownStock(sellerId, ref('75'))[0]?.available, 4);
    const [order] = await fixture.connector().getOrders([placed.orderId]);
    assert.equal(order?.state, 'cancelled');
  } finally {
    await fixture.close();
  }
});

test('a multi-warehouse seller pushes one figure per warehouse code', async () => {
  const fixture = await startLazadaFixture({
    products: [product('76', [{ dropshipping: 1, 'WH-KL': 1 }])],
    warehouseIds: ['dropshipping', 'WH-KL'],
    extra: { [EXTRA_MULTI_WAREHOUSE]: 'true' },
  });
  try {
    const item: StockPushItem = {
      listing: ref('76'),
      stock: [
        { warehouseId: 'dropshipping', quantity: 5 },
        { warehouseId: 'WH-KL', quantity: 9 },
      ],
    };
    assert.equal((await fixture.connector().setStock([item]))[0]?.ok, true);
    assert.deepEqual(
      fixture.emulator
        .shownStock(fixture.sellerId, ref('76'))
        .map((s) => [s.warehouseId, s.available]),
      [
        ['dropshipping', 5],
        ['WH-KL', 9],
      ],
    );
  } finally {
    await fixture.close();
  }
});

test('a single-warehouse seller given two figures for a SKU fails that listing alone', async () => {
  const fixture = await startLazadaFixture({
    products: [product('77', [{ dropshipping: 1 }, { dropshipping: 1 }])],
  });
  try {
    const two: StockPushItem = {
      listing: ref('77', 1),
      stock: [
        { warehouseId: 'a', quantity: 1 },
        { warehouseId: 'b', quantity: 1 },
      ],
    };
    const results = await fixture.connector().setStock([two, push(ref('77', 2), 6)]);
    assert.ok(results[0] && !results[0].ok && !results[0].retryable);
    assert.equal(results[1]?.ok, true);
  } finally {
    await fixture.close();
  }
});

test("the seller's out-of-stock cancellation zeroes the SKU; an unpaid order is refused, not retryable", async () => {
  const fixture = await startLazadaFixture({ products: [product('78', [{ dropshipping: 10 }])] });
  try {
    const { emulator, sellerId } = fixture;
    const connector = fixture.connector();
    const paid = emulator.placeOrder({
      platformShopId: sellerId,
      lines: [{ ...ref('78'), quantity: 2 }],
      paid: true,
    });
    const unpaid = emulator.placeOrder({
      platformShopId: sellerId,
      lines: [{ ...ref('78'), quantity: 1 }],
    });
    assert.ok(paid.ok && unpaid.ok);
    const refusal: unknown = await connector
      .cancelOrder({ orderId: unpaid.orderId, state: 'placed' })
      .then(
        () => assert.fail('cancelled an unpaid order'),
        (e: unknown) => e,
      );
    assert.ok(isConnectorError(refusal) && refusal.code === 'REJECTED' && !refusal.retryable);
    assert.equal(refusal.platformCode, 'E0123');
    const result = await connector.cancelOrder({ orderId: paid.orderId, state: 'paid' });
    assert.ok(result.reference.length > 0);
    assert.equal(emulator.orderStatus(sellerId, paid.orderId), 'canceled');
    assert.deepEqual(emulator.stats().sellerCancellations, [
      { orderId: paid.orderId, reason: 'Out of stock' },
    ]);
    assert.equal(emulator.shownStock(sellerId, ref('78'))[0]?.available, 0);
  } finally {
    await fixture.close();
  }
});

test('line-level cancellation cancels only the given items', async () => {
  const fixture = await startLazadaFixture({ products: [product('80', [{ dropshipping: 10 }])] });
  try {
    const { emulator, sellerId } = fixture;
    const connector = fixture.connector();
    const placed = emulator.placeOrder({
      platformShopId: sellerId,
      lines: [{ ...ref('80'), quantity: 2 }],
      paid: true,
    });
    assert.ok(placed.ok);
    const [before] = await connector.getOrders([placed.orderId]);
    await connector.cancelOrder({
      orderId: placed.orderId,
      state: 'paid',
      lines: [before!.lines[0]!],
    });
    const [after] = await connector.getOrders([placed.orderId]);
    assert.equal(after?.state, 'paid');
    assert.deepEqual(
      after?.lines.map((line) => line.lineId),
      [before!.lines[1]!.lineId],
    );
  } finally {
    await fixture.close();
  }
});

test('a refused refresh token is AUTH_FAILED, never retried in a loop', async () => {
  const fixture = await startLazadaFixture({ products: [product('81', [{ dropshipping: 1 }])] });
  try {
    const connector = fixture.connector({
      auth: { ...fixture.auth, refreshToken: 'unknown-refresh' },
    });
    const error: unknown = await connector.refreshTokens().then(
      () => assert.fail('refreshed'),
      (e: unknown) => e,
    );
    assert.ok(isConnectorError(error) && error.code === 'AUTH_FAILED', String(error));
    assert.equal(error.platformCode, 'IllegalRefreshToken');
    const tokens = await fixture.connector().refreshTokens();
    assert.ok(
      tokens.refreshTokenExpiresAtMs !== null && tokens.refreshTokenExpiresAtMs > fixture.now(),
    );
  } finally {
    await fixture.close();
  }
});
