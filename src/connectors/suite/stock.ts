/**
 * Suite part: stock pushes and buyers. Pushing the same absolute figure twice changes nothing the
 * second time; one bad listing in a batch fails alone; buyers' orders lower the shown stock as the
 * platform does, a refused order changes nothing, a cancellation gives units back, and a push
 * afterwards sets exactly what buyers can order next (zero included).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ListingRef, StockPushItem } from '../contract.ts';
import type { SuiteContext, SuiteShopOn } from './context.ts';
import { availableOf, keyOf, refOf } from './context.ts';

export function registerStockTests(suite: SuiteContext): void {
  const push = (listing: ListingRef, quantity: number): StockPushItem => ({
    listing,
    stock: [{ warehouseId: suite.harness.warehouseId, quantity }],
  });
  const order = (shop: SuiteShopOn, ref: ListingRef, quantity: number) =>
    shop.emulator.placeOrder({ platformShopId: shop.shopId, lines: [{ ...ref, quantity }] });

  it('pushing the same absolute figure twice leaves the same shown stock', async () => {
    const [product] = suite.products(1, { stock: 3 });
    const shop = suite.newShop({ products: [product!] });
    const connector = suite.connector(shop);
    const ref = refOf(product);
    for (let round = 0; round < 2; round++) {
      const [result] = await connector.setStock([push(ref, 7)]);
      assert.equal(result?.ok, true);
      assert.equal(suite.shownAvailable(shop, ref), 7);
    }
    const { listings } = await suite.readCatalog(connector);
    assert.equal(availableOf(listings.find((listing) => keyOf(listing) === keyOf(ref))), 7);
  });

  it('one bad listing in a batch fails alone and the others are set', async () => {
    const products = [
      ...suite.products(1, { variants: 2, stock: 1 }),
      ...suite.products(1, { stock: 1 }),
    ];
    const shop = suite.newShop({ products });
    const [a0, a1, b0] = [refOf(products[0], 0), refOf(products[0], 1), refOf(products[1], 0)];
    const unknownVariant = { itemId: a0.itemId, variantId: '999999999' };
    const unknownItem = { itemId: '899999999', variantId: '999999998' };
    const results = await suite
      .connector(shop)
      .setStock([
        push(a0, 4),
        push(unknownVariant, 4),
        push(b0, 6),
        push(unknownItem, 4),
        push(a1, 5),
      ]);
    assert.deepEqual(
      results.map((result) => result.ok),
      [true, false, true, false, true],
    );
    for (const failed of [results[1], results[3]]) {
      assert.ok(failed && !failed.ok, 'the bad listing failed');
      assert.ok(
        failed.platformCode.length > 0 && failed.message.length > 0,
        'the failure says why',
      );
      assert.equal(failed.retryable, false);
    }
    assert.deepEqual(results[1]?.listing, unknownVariant);
    assert.deepEqual(
      [a0, b0, a1].map((ref) => suite.shownAvailable(shop, ref)),
      [4, 6, 5],
    );
  });

  it("buyers' orders lower the shown stock and a refused order changes nothing", async () => {
    const [product] = suite.products(1, { stock: 5 });
    const shop = suite.newShop({ products: [product!] });
    const ref = refOf(product);
    assert.equal(order(shop, ref, 2).ok, true);
    assert.equal(suite.shownAvailable(shop, ref), 3);
    assert.deepEqual(order(shop, ref, 4), { ok: false, reason: 'OUT_OF_STOCK' });
    assert.equal(suite.shownAvailable(shop, ref), 3);
    const { listings } = await suite.readCatalog(suite.connector(shop));
    assert.equal(availableOf(listings[0]), 3);
  });

  it("a buyer's cancellation gives the units back to the shown stock", async () => {
    const [product] = suite.products(1, { stock: 5 });
    const shop = suite.newShop({ products: [product!] });
    const ref = refOf(product);
    const orderId = suite.placeOrder(shop, ref, 2, true);
    assert.equal(suite.shownAvailable(shop, ref), 3);
    shop.emulator.cancelOrderAsBuyer(shop.shopId, orderId);
    assert.equal(suite.shownAvailable(shop, ref), 5);
  });

  it('a push after orders sets exactly what buyers can order next, zero included', async () => {
    const [product] = suite.products(1, { stock: 5 });
    const shop = suite.newShop({ products: [product!] });
    const connector = suite.connector(shop);
    const ref = refOf(product);
    suite.placeOrder(shop, ref, 2);
    assert.equal((await connector.setStock([push(ref, 10)]))[0]?.ok, true);
    assert.equal(suite.shownAvailable(shop, ref), 10);
    assert.equal(order(shop, ref, 11).ok, false);
    assert.equal(order(shop, ref, 10).ok, true);
    assert.equal(suite.shownAvailable(shop, ref), 0);
    assert.equal((await connector.setStock([push(ref, 3)]))[0]?.ok, true);
    assert.equal((await connector.setStock([push(ref, 0)]))[0]?.ok, true);
    assert.equal(suite.shownAvailable(shop, ref), 0);
    assert.equal(order(shop, ref, 1).ok, false);
  });
}
