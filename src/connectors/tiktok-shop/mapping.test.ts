// Proves the pure TikTok Shop mappings: statuses to lifecycle states (tiktok-shop.md §1.8), orders
// with one unit per line item and seconds turned into ms, pushes grouped by product with every
// warehouse listed, and `data.errors[]` turned into per-listing results in the order given.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectorError } from '../errors.ts';
import type { StockPushItem } from '../contract.ts';
import {
  cancelReasonFor,
  groupByProduct,
  toInventoryUpdateBody,
  toOrderState,
  toPlatformListings,
  toPlatformOrder,
  toPushResults,
  toRejectedResults,
} from './mapping.ts';
import { RawOrder, RawProduct, RawSkuError } from './raw-types.ts';

const item = (
  itemId: string,
  variantId: string,
  quantity: number,
  warehouseId: string | null = 'W1',
): StockPushItem => ({
  listing: { itemId, variantId },
  stock: [{ warehouseId, quantity }],
});

describe('toOrderState', () => {
  it('maps every documented status, and the webhook spelling CANCEL', () => {
    const expected = {
      UNPAID: 'placed',
      ON_HOLD: 'paid',
      AWAITING_SHIPMENT: 'paid',
      PARTIALLY_SHIPPING: 'shipped',
      AWAITING_COLLECTION: 'shipped',
      IN_TRANSIT: 'shipped',
      DELIVERED: 'shipped',
      COMPLETED: 'shipped',
      CANCELLED: 'cancelled',
      CANCEL: 'cancelled',
    };
    for (const [status, state] of Object.entries(expected))
      assert.equal(toOrderState(status), state, status);
    assert.equal(toOrderState('SOMETHING_NEW'), null);
  });
});

describe('toPlatformOrder', () => {
  const raw = RawOrder.parse({
    id: '5001',
    status: 'AWAITING_SHIPMENT',
    create_time: 1700000000,
    update_time: 1700000100,
    paid_time: 1700000050,
    warehouse_id: 'W1',
    line_items: [
      {
        id: 'L1',
        sku_id: 'S1',
        product_id: 'P1',
        seller_sku: 'A',
        display_status: 'AWAITING_SHIPMENT',
      },
      {
        id: 'L2',
        sku_id: 'S1',
        product_id: 'P1',
        seller_sku: 'A',
        display_status: 'AWAITING_SHIPMENT',
      },
      { id: 'L3', sku_id: 'S2', product_id: 'P1', seller_sku: 'B', display_status: 'CANCELLED' },
    ],
  });

  it('gives one unit per line item, times in ms, and leaves out lines cancelled inside an open order', () => {
    const order = toPlatformOrder(raw);
    assert.equal(order.state, 'paid');
    assert.equal(order.createdAtMs, 1700000000000);
    assert.equal(order.updatedAtMs, 1700000100000);
    assert.equal(order.paidAtMs, 1700000050000);
    assert.deepEqual(
      order.lines.map((line) => [line.lineId, line.variantId, line.quantity, line.warehouseId]),
      [
        ['L1', 'S1', 1, 'W1'],
        ['L2', 'S1', 1, 'W1'],
      ],
    );
  });

  it('keeps every line of a cancelled order and reads a missing paid_time as unpaid', () => {
    const cancelled = toPlatformOrder({ ...raw, status: 'CANCELLED', paid_time: undefined });
    assert.equal(cancelled.state, 'cancelled');
    assert.equal(cancelled.paidAtMs, null);
    assert.equal(cancelled.lines.length, 3);
  });
});

describe('toPlatformListings', () => {
  it('gives one listing per SKU with available per warehouse and committed when known', () => {
    const product = RawProduct.parse({
      id: 'P1',
      title: 'Case',
      skus: [
        {
          id: 'S1',
          seller_sku: 'A',
          inventory: [
            { warehouse_id: 'W1', quantity: 4 },
            { warehouse_id: 'W2', quantity: 0 },
          ],
        },
        { id: 'S2', seller_sku: 'B', inventory: [{ warehouse_id: 'W1', quantity: 2 }] },
      ],
    });
    const committed = new Map([['S1', new Map([['W1', 3]])]]);
    assert.deepEqual(toPlatformListings(product, committed), [
      {
        itemId: 'P1',
        variantId: 'S1',
        sellerSku: 'A',
        title: 'Case',
        stock: [
          { warehouseId: 'W1', available: 4, committed: 3 },
          { warehouseId: 'W2', available: 0 },
        ],
      },
      {
        itemId: 'P1',
        variantId: 'S2',
        sellerSku: 'B',
        title: 'Case',
        stock: [{ warehouseId: 'W1', available: 2 }],
      },
    ]);
  });
});

describe('stock pushes', () => {
  const items = [
    item('P1', 'S1', 5),
    item('P2', 'S9', 1),
    item('P1', 'S2', 0, null),
    item('P1', 'S1', 200_000),
  ];

  it('groups items by product in first-seen order, keeping each item its place', () => {
    const groups = groupByProduct(items);
    assert.deepEqual(
      groups.map((group) => [group.productId, group.entries.map((entry) => entry.index)]),
      [
        ['P1', [0, 2, 3]],
        ['P2', [1]],
      ],
    );
  });

  it('sends each SKU once (last figure wins), caps at 99,999, keeps 0, and omits a null warehouse', () => {
    const [p1] = groupByProduct(items);
    assert.deepEqual(toInventoryUpdateBody(p1!), {
      skus: [
        { id: 'S1', inventory: [{ warehouse_id: 'W1', quantity: 99_999 }] },
        { id: 'S2', inventory: [{ quantity: 0 }] },
      ],
    });
  });

  it('turns data.errors[] into failures of the named SKUs only, in the order given', () => {
    const [p1] = groupByProduct(items);
    const errors = [
      RawSkuError.parse({
        code: 12052990,
        message: 'Check failed',
        detail: {
          sku_id: 'S2',
          extra_errors: [
            { warehouse_id: 'W1', code: 12052097, message: 'warehouse does not exist' },
          ],
        },
      }),
    ];
    const results = toPushResults(p1!, errors);
    assert.deepEqual(
      results.map(({ index, result }) => [index, result.ok]),
      [
        [0, true],
        [2, false],
        [3, true],
      ],
    );
    const failed = results[1]?.result;
    assert.ok(failed && !failed.ok, 'S2 failed');
    assert.equal(failed.platformCode, '12052990');
    assert.match(failed.message, /warehouse W1: warehouse does not exist \(12052097\)/);
    assert.equal(failed.retryable, false);
  });

  it('fails every SKU of the product for an error without a SKU, or a refused call', () => {
    const [p1] = groupByProduct(items);
    const productWide = [RawSkuError.parse({ code: 36009003, message: 'busy' })];
    assert.ok(
      toPushResults(p1!, productWide).every(({ result }) => !result.ok && result.retryable),
      'a product-wide internal error fails every SKU as retryable',
    );
    const refused = new ConnectorError('REJECTED', 'no such product', { platformCode: '12052031' });
    const results = toRejectedResults(p1!, refused);
    assert.ok(
      results.every(
        ({ result }) => !result.ok && result.platformCode === '12052031' && !result.retryable,
      ),
      'a refused call fails every SKU with its code',
    );
  });
});

describe('cancelReasonFor', () => {
  it('uses the unpaid reason before payment and the paid reason after', () => {
    assert.equal(cancelReasonFor('placed'), 'seller_cancel_unpaid_reason_out_of_stock');
    assert.equal(cancelReasonFor('paid'), 'seller_cancel_reason_out_of_stock');
  });
});
