/**
 * Suite part: reading the catalogue and orders. Paging goes past one page, the order window is
 * by update time, detail reads go past the platform's per-call maximum, platform statuses map to
 * the lifecycle, and the seller's out-of-stock cancellation works before and after payment.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { PlatformOrder } from '../contract.ts';
import { isConnectorError } from '../errors.ts';
import type { SuiteContext } from './context.ts';
import { availableOf, keyOf, refOf } from './context.ts';

const HOUR_MS = 3_600_000;

export function registerCatalogAndOrderTests(suite: SuiteContext): void {
  it('reads a catalogue longer than one page, each listing once with its shown stock', async () => {
    const products = [
      ...suite.products(1, { variants: 2 }),
      ...suite.products(suite.harness.limits.catalogPageSize + 4),
    ];
    const shop = suite.newShop({ products });
    const { listings, pages } = await suite.readCatalog(suite.connector(shop));
    assert.ok(pages > 1, `expected several pages, got ${pages}`);
    const byKey = new Map(listings.map((listing) => [keyOf(listing), listing]));
    assert.equal(listings.length, byKey.size, 'a listing came twice');
    const seeded = products.flatMap((product) =>
      product.variants.map((variant, index) => ({ ref: refOf(product, index), variant })),
    );
    assert.equal(byKey.size, seeded.length);
    for (const { ref, variant } of seeded) {
      const listing = byKey.get(keyOf(ref));
      assert.equal(availableOf(listing), variant.stock[suite.harness.warehouseId]);
      assert.equal(listing?.sellerSku, variant.sellerSku);
    }
  });

  it('lists orders by update time within the window, across pages', async () => {
    const [product] = suite.products(1, { stock: 5_000 });
    const shop = suite.newShop({ products: [product!] });
    const connector = suite.connector(shop);
    const ref = refOf(product);
    // An hour apart, or less where the platform would release the unpaid orders meanwhile.
    const stepMs = Math.min(HOUR_MS, (suite.harness.unpaidOrdersExpireAfterMs ?? Infinity) / 2);
    const startMs = suite.now();
    const early = Array.from({ length: suite.harness.limits.orderPageSize + 3 }, () =>
      suite.placeOrder(shop, ref, 1),
    );
    suite.offsetMs += stepMs;
    const late = [suite.placeOrder(shop, ref, 2), suite.placeOrder(shop, ref, 2)];
    const paidLater = early[0]!;
    shop.emulator.payOrder(shop.shopId, paidLater);

    const first = await suite.readOrders(connector, {
      updatedFromMs: startMs - 1_000,
      updatedToMs: startMs + stepMs / 2,
    });
    assert.ok(first.pages > 1, `expected several pages, got ${first.pages}`);
    assert.deepEqual(sortedIds(first.orders), [...early.slice(1)].sort());
    const second = await suite.readOrders(connector, {
      updatedFromMs: startMs + stepMs / 2,
      updatedToMs: suite.now() + 1_000,
    });
    assert.deepEqual(sortedIds(second.orders), [...late, paidLater].sort());
    for (const order of second.orders) {
      const units = order.lines.reduce((sum, line) => sum + line.quantity, 0);
      assert.equal(units, order.orderId === paidLater ? 1 : 2);
      assert.equal(order.state, order.orderId === paidLater ? 'paid' : 'placed');
    }
  });

  it('reads more orders than one detail call takes, in batches', async () => {
    const [product] = suite.products(1, { stock: 5_000 });
    const shop = suite.newShop({ products: [product!] });
    const count = suite.harness.limits.orderDetailMaxIds * 2 + 3;
    const ids = Array.from({ length: count }, () => suite.placeOrder(shop, refOf(product), 1));
    const orders = await suite.connector(shop).getOrders(ids);
    assert.deepEqual(sortedIds(orders), [...ids].sort());
    for (const order of orders) assert.equal(order.lines[0]?.variantId, refOf(product).variantId);
  });

  it('maps the platform statuses to placed, paid, shipped and cancelled', async () => {
    const [product] = suite.products(1, { stock: 50 });
    const shop = suite.newShop({ products: [product!] });
    const ref = refOf(product);
    const placed = suite.placeOrder(shop, ref, 1);
    const paid = suite.placeOrder(shop, ref, 1, true);
    const shipped = suite.placeOrder(shop, ref, 1, true);
    shop.emulator.shipOrder(shop.shopId, shipped);
    const cancelled = suite.placeOrder(shop, ref, 1);
    shop.emulator.cancelOrderAsBuyer(shop.shopId, cancelled);
    const orders = await suite.connector(shop).getOrders([placed, paid, shipped, cancelled]);
    const byId = new Map(orders.map((order) => [order.orderId, order]));
    assert.equal(byId.get(placed)?.state, 'placed');
    assert.equal(byId.get(placed)?.paidAtMs, null);
    assert.equal(byId.get(paid)?.state, 'paid');
    const paidOrder = byId.get(paid);
    assert.ok(
      (paidOrder?.paidAtMs ?? 0) >= (paidOrder?.createdAtMs ?? Infinity),
      'a paid order carries its payment time',
    );
    assert.equal(byId.get(shipped)?.state, 'shipped');
    assert.equal(byId.get(cancelled)?.state, 'cancelled');
  });

  it('cancels unpaid and paid orders as the seller, and the units come back', async () => {
    const [product] = suite.products(1, { stock: 10 });
    const shop = suite.newShop({ products: [product!] });
    const connector = suite.connector(shop);
    const ref = refOf(product);
    const unpaid = suite.placeOrder(shop, ref, 2);
    const paid = suite.placeOrder(shop, ref, 3, true);
    assert.equal(suite.shownAvailable(shop, ref), 5);
    const how = suite.harness.sellerCancellation ?? {};
    if (how.refusesUnpaid) {
      // The platform lets sellers cancel only paid orders: a typed refusal, nothing changed.
      const refusal: unknown = await connector
        .cancelOrder({ orderId: unpaid, state: 'placed' })
        .then(
          () => assert.fail('the platform cancelled an unpaid order'),
          (e: unknown) => e,
        );
      assert.ok(isConnectorError(refusal) && refusal.code === 'REJECTED', String(refusal));
      assert.equal(refusal.retryable, false);
    }
    const cancelled = how.refusesUnpaid ? [paid] : [unpaid, paid];
    const references = [];
    for (const orderId of cancelled)
      references.push(
        await connector.cancelOrder({ orderId, state: orderId === paid ? 'paid' : 'placed' }),
      );
    assert.ok(
      references.every((result) => result.reference.length > 0),
      'a cancellation has a reference',
    );
    const orders = await connector.getOrders([unpaid, paid]);
    assert.deepEqual(
      orders.map((order) => order.state),
      [how.refusesUnpaid ? 'placed' : 'cancelled', 'cancelled'],
    );
    // Units come back, unless the platform zeroes the listing for an out-of-stock reason.
    const expected = how.outOfStockZeroesStock ? 0 : how.refusesUnpaid ? 8 : 10;
    assert.equal(suite.shownAvailable(shop, ref), expected);
    const cancelledIds = shop.emulator.stats().sellerCancellations.map((entry) => entry.orderId);
    assert.ok(
      cancelled.every((orderId) => cancelledIds.includes(orderId)),
      'the platform saw the cancellations',
    );
  });
}

function sortedIds(orders: PlatformOrder[]): string[] {
  return orders.map((order) => order.orderId).sort();
}
