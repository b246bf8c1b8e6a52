// Proves the Lazada mapping: every status of the fact sheet (lazada.md §3.8) has its normalized
// state, an order's status is chosen from its items so held units stay held, and products and
// order items become listings and orders with the right ids, times and stock figures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OrderState } from '../contract.ts';
import {
  LAZADA_STATUSES,
  orderStatusOf,
  toOrderState,
  toPlatformListings,
  toPlatformOrder,
} from './mapping.ts';
import { parseLazadaDateTime, RawOrderItem, RawProduct } from './raw-types.ts';

const EXPECTED: Record<string, OrderState> = {
  unpaid: 'placed',
  pending: 'paid',
  topack: 'paid',
  packed: 'paid',
  repacked: 'paid',
  ready_to_ship: 'paid',
  toship: 'paid',
  shipping: 'shipped',
  shipped: 'shipped',
  delivered: 'shipped',
  lost: 'shipped',
  canceled: 'cancelled',
  returned: 'returned',
  failed: 'returned',
};

test('every Lazada order status of the fact sheet maps to its state', () => {
  assert.deepEqual([...LAZADA_STATUSES].sort(), Object.keys(EXPECTED).sort());
  for (const [status, state] of Object.entries(EXPECTED))
    assert.equal(toOrderState(status), state, status);
});

test('statuses read case-insensitively, and an unknown status changes nothing', () => {
  assert.equal(toOrderState('READY_TO_SHIP'), 'paid');
  assert.equal(toOrderState('in_limbo'), null);
});

test("an order's status is its least advanced open item; all cancelled is cancelled", () => {
  assert.equal(orderStatusOf(['shipped', 'pending', 'canceled']), 'pending');
  assert.equal(orderStatusOf(['unpaid', 'unpaid']), 'unpaid');
  assert.equal(orderStatusOf(['canceled', 'canceled']), 'canceled');
  assert.equal(orderStatusOf(['delivered', 'returned']), 'delivered');
});

const item = (overrides: Record<string, unknown>) =>
  RawOrderItem.parse({
    order_item_id: 360_000_000_000_001,
    order_id: 260_000_000_000_001,
    status: 'pending',
    sku: 'SKU-A',
    sku_id: '920000001',
    product_id: '810000001',
    warehouse_code: 'dropshipping',
    created_at: '2023-11-14 10:00:00 +0800',
    updated_at: '2023-11-14 10:05:00 +0800',
    ...overrides,
  });

test('an order is built from its items: one line per unit, cancelled items left out of an open order', () => {
  const order = toPlatformOrder('260000000000001', [
    item({}),
    item({ order_item_id: 2, updated_at: '2023-11-14 10:09:00 +0800' }),
    item({ order_item_id: 3, status: 'canceled' }),
  ]);
  assert.equal(order.state, 'paid');
  assert.equal(order.rawStatus, 'pending');
  assert.deepEqual(
    order.lines.map((line) => line.lineId),
    ['360000000000001', '2'],
  );
  assert.ok(
    order.lines.every((line) => line.quantity === 1 && line.warehouseId === 'dropshipping'),
  );
  assert.equal(order.createdAtMs, Date.parse('2023-11-14T02:00:00Z'));
  assert.equal(order.updatedAtMs, Date.parse('2023-11-14T02:09:00Z'));
  assert.equal(order.paidAtMs, order.createdAtMs, 'Lazada gives no payment time: taken as created');
});

test('an unpaid order has no payment time; a cancelled one keeps all its lines', () => {
  assert.equal(toPlatformOrder('1', [item({ status: 'unpaid' })]).paidAtMs, null);
  const cancelled = toPlatformOrder('1', [
    item({ status: 'canceled' }),
    item({ order_item_id: 9, status: 'canceled' }),
  ]);
  assert.equal(cancelled.state, 'cancelled');
  assert.equal(cancelled.lines.length, 2);
});

test('Lazada date-times read in both forms; anything else is refused', () => {
  assert.equal(
    parseLazadaDateTime('2023-11-14 10:00:00 +0800'),
    Date.parse('2023-11-14T02:00:00Z'),
  );
  assert.equal(
    parseLazadaDateTime('2023-11-14T00:00:00+08:00'),
    Date.parse('2023-11-13T16:00:00Z'),
  );
  assert.equal(parseLazadaDateTime('yesterday'), null);
  assert.equal(RawOrderItem.safeParse({ ...item({}), created_at: 'soon' }).success, false);
});

test('a product becomes one listing per SKU with sellable as available and holds as committed', () => {
  const product = RawProduct.parse({
    item_id: 810000001,
    status: 'Active',
    attributes: { name: 'Kettle' },
    skus: [
      {
        SkuId: 920000001,
        SellerSku: 'KET-1',
        quantity: 9,
        Available: 6,
        multiWarehouseInventories: [
          {
            warehouseCode: 'dropshipping',
            sellableQuantity: 6,
            occupyQuantity: 2,
            withholdQuantity: 1,
          },
        ],
      },
      { SkuId: '920000002', SellerSku: 'KET-2', quantity: 4, Available: '3' },
    ],
  });
  assert.deepEqual(toPlatformListings(product), [
    {
      itemId: '810000001',
      variantId: '920000001',
      sellerSku: 'KET-1',
      title: 'Kettle',
      stock: [{ warehouseId: 'dropshipping', available: 6, committed: 3 }],
    },
    {
      itemId: '810000001',
      variantId: '920000002',
      sellerSku: 'KET-2',
      title: 'Kettle',
      stock: [{ warehouseId: null, available: 3 }],
    },
  ]);
});
