// Proves the pure WooCommerce mappings: every core order status to its normalized state
// (woocommerce.md §6.3), orders and products to contract types with GMT dates, and stock pushes
// to batch calls of at most 100 objects with per-item errors read back per listing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StockPushItem } from '../contract.ts';
import { ConnectorError } from '../errors.ts';
import {
  gmtToMs,
  groupIntoBatches,
  msToGmt,
  toBatchBody,
  toOrderState,
  toPlatformOrder,
  toPushResults,
  toRejectedResults,
  toSimpleListing,
  toVariationListing,
  WOO_ORDER_STATUSES,
} from './mapping.ts';
import { RawOrder, RawProduct, RawVariation } from './raw-types.ts';

describe('WooCommerce order statuses', () => {
  it('maps every core status as WooCommerce handles its stock', () => {
    const expected = {
      pending: 'placed',
      'checkout-draft': 'placed',
      'on-hold': 'placed',
      processing: 'paid',
      completed: 'shipped',
      cancelled: 'cancelled',
      failed: 'cancelled',
      refunded: 'returned',
      trash: null,
    };
    assert.deepEqual(Object.keys(expected).sort(), [...WOO_ORDER_STATUSES].sort());
    for (const [status, state] of Object.entries(expected))
      assert.equal(toOrderState(status), state, status);
  });

  it("reads the database's wc- prefix and leaves plugins' own statuses unmapped", () => {
    assert.equal(toOrderState('wc-processing'), 'paid');
    assert.equal(toOrderState('shipped-partially'), null);
    assert.equal(toOrderState(''), null);
  });
});

describe('WooCommerce orders and products', () => {
  const rawOrder = RawOrder.parse({
    id: 727,
    status: 'processing',
    date_created_gmt: '2026-11-28T10:00:00',
    date_modified_gmt: '2026-11-28T10:05:00',
    date_paid_gmt: '2026-11-28T10:04:59',
    line_items: [
      { id: 315, product_id: 93, variation_id: 0, quantity: 2, sku: 'WOO-ALBUM' },
      { id: 316, product_id: 94, variation_id: 101, quantity: 1, sku: null },
    ],
  });

  it('turns an order into contract form: GMT seconds to ms, simple lines with variantId ""', () => {
    assert.deepEqual(toPlatformOrder(rawOrder), {
      orderId: '727',
      rawStatus: 'processing',
      state: 'paid',
      createdAtMs: Date.UTC(2026, 10, 28, 10, 0, 0),
      updatedAtMs: Date.UTC(2026, 10, 28, 10, 5, 0),
      paidAtMs: Date.UTC(2026, 10, 28, 10, 4, 59),
      lines: [
        {
          itemId: '93',
          variantId: '',
          lineId: '315',
          sellerSku: 'WOO-ALBUM',
          quantity: 2,
          warehouseId: null,
        },
        {
          itemId: '94',
          variantId: '101',
          lineId: '316',
          sellerSku: '',
          quantity: 1,
          warehouseId: null,
        },
      ],
    });
  });

  it('writes and reads GMT dates without a zone', () => {
    assert.equal(msToGmt(Date.UTC(2026, 0, 2, 3, 4, 5, 678)), '2026-01-02T03:04:05');
    assert.equal(gmtToMs('2026-01-02T03:04:05'), Date.UTC(2026, 0, 2, 3, 4, 5));
  });

  it('shows managed stock, 0 for unmanaged stock, and the parent figure for parent-managed variations', () => {
    const simple = RawProduct.parse({
      id: 93,
      name: 'Album',
      type: 'simple',
      sku: 'A',
      manage_stock: true,
      stock_quantity: 4,
    });
    assert.deepEqual(toSimpleListing(simple), {
      itemId: '93',
      variantId: '',
      sellerSku: 'A',
      title: 'Album',
      stock: [{ warehouseId: null, available: 4 }],
    });
    const unmanaged = RawProduct.parse({
      id: 95,
      type: 'simple',
      manage_stock: false,
      stock_quantity: null,
    });
    assert.equal(toSimpleListing(unmanaged).stock[0]?.available, 0);
    const parent = RawProduct.parse({
      id: 94,
      name: 'Shirt',
      type: 'variable',
      sku: 'SH',
      manage_stock: true,
      stock_quantity: 9,
    });
    const own = RawVariation.parse({
      id: 101,
      sku: 'SH-M',
      manage_stock: true,
      stock_quantity: 2,
      attributes: [{ name: 'Size', option: 'M' }],
    });
    const shared = RawVariation.parse({
      id: 102,
      sku: '',
      manage_stock: 'parent',
      stock_quantity: null,
    });
    assert.deepEqual(toVariationListing(parent, own), {
      itemId: '94',
      variantId: '101',
      sellerSku: 'SH-M',
      title: 'Shirt - M',
      stock: [{ warehouseId: null, available: 2 }],
    });
    assert.equal(toVariationListing(parent, shared).stock[0]?.available, 9);
    assert.equal(toVariationListing(parent, shared).sellerSku, 'SH');
  });
});

describe('WooCommerce stock pushes', () => {
  const push = (itemId: string, variantId: string, quantity: number): StockPushItem => ({
    listing: { itemId, variantId },
    stock: [{ warehouseId: null, quantity }],
  });

  it('groups simple products into products/batch and variations per parent, 100 objects at most', () => {
    const items = [
      ...Array.from({ length: 150 }, (_, i) => push(String(1000 + i), '', i)),
      push('94', '101', 1),
      push('94', '102', 2),
      push('96', '201', 3),
    ];
    const batches = groupIntoBatches(items, 100);
    assert.deepEqual(
      batches.map((b) => [b.parent, b.entries.length]),
      [
        [null, 100],
        [null, 50],
        ['94', 2],
        ['96', 1],
      ],
    );
    assert.deepEqual(toBatchBody(batches[2]!), {
      update: [
        { id: 101, manage_stock: true, stock_quantity: 1 },
        { id: 102, manage_stock: true, stock_quantity: 2 },
      ],
    });
    assert.equal(batches[3]!.entries[0]!.index, 152);
  });

  it('reads per-item errors inside the 200 answer as per-listing failures, matched by id', () => {
    const [batch] = groupIntoBatches(
      [push('94', '101', 1), push('94', '999', 1), push('94', '102', 1)],
      100,
    );
    const results = toPushResults(batch!, {
      update: [
        { id: '101' },
        {
          id: '999',
          error: {
            code: 'woocommerce_rest_product_variation_invalid_id',
            message: 'Invalid ID.',
            data: { status: 400 },
          },
        },
        { id: '102' },
      ],
    });
    assert.deepEqual(
      results.map((r) => r.ok),
      [true, false, true],
    );
    const failed = results[1];
    assert.ok(failed && !failed.ok);
    assert.equal(failed.platformCode, 'woocommerce_rest_product_variation_invalid_id');
    assert.equal(failed.retryable, false);
  });

  it('fails a listing the answer does not mention as retryable, and a refused batch as not', () => {
    const [batch] = groupIntoBatches([push('7', '', 1), push('8', '', 1)], 100);
    const partial = toPushResults(batch!, { update: [{ id: '7' }] });
    assert.deepEqual(
      partial.map((r) => (r.ok ? 'ok' : r.retryable)),
      ['ok', true],
    );
    const refused = toRejectedResults(
      batch!,
      new ConnectorError('REJECTED', 'Invalid ID.', {
        platformCode: 'woocommerce_rest_product_invalid_id',
      }),
    );
    assert.deepEqual(
      refused.map((r) => (r.ok ? 'ok' : [r.platformCode, r.retryable])),
      [
        ['woocommerce_rest_product_invalid_id', false],
        ['woocommerce_rest_product_invalid_id', false],
      ],
    );
  });
});
