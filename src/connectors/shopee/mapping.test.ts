/**
 * Proves the pure Shopee mappings: order statuses to normalized states (§2.8), order detail to
 * PlatformOrder (line ids, quantities, locations, times), items and models to listings with
 * their seller stock, and update_stock answers to per-listing results.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  toItemListings,
  toOrderState,
  toPlatformOrder,
  toStockListEntry,
  toStockPushResults,
} from './mapping.ts';

describe('Shopee order status mapping', () => {
  it('maps every documented status as §2.8 says', () => {
    const expected: Record<string, string | null> = {
      UNPAID: 'placed',
      INVOICE_PENDING: 'placed',
      PENDING: 'placed',
      READY_TO_SHIP: 'paid',
      PROCESSED: 'shipped',
      RETRY_SHIP: 'shipped',
      SHIPPED: 'shipped',
      TO_CONFIRM_RECEIVE: 'shipped',
      COMPLETED: 'shipped',
      CANCELLED: 'cancelled',
      IN_CANCEL: null,
      TO_RETURN: 'returned',
      SOMETHING_NEW: null,
    };
    for (const [status, state] of Object.entries(expected)) {
      assert.equal(toOrderState(status), state, status);
    }
  });
});

describe('Shopee order detail mapping', () => {
  const raw = {
    order_sn: '240101ABC',
    order_status: 'READY_TO_SHIP',
    create_time: 1_700_000_000,
    update_time: 1_700_000_100,
    pay_time: 1_700_000_050,
    item_list: [
      {
        item_id: 11,
        item_sku: 'TEE',
        model_id: 101,
        model_sku: 'TEE-S',
        model_quantity_purchased: 2,
        order_item_id: 11,
        product_location_id: 'SGZ',
      },
      {
        item_id: 11,
        item_sku: 'TEE',
        model_id: 102,
        model_sku: '',
        model_quantity_purchased: 1,
        order_item_id: 11,
      },
      {
        item_id: 22,
        item_sku: 'MUG',
        model_id: 0,
        model_quantity_purchased: 3,
        order_item_id: 22,
        promotion_group_id: 0,
      },
      {
        item_id: 22,
        item_sku: 'MUG',
        model_id: 0,
        model_quantity_purchased: 1,
        order_item_id: 22,
        promotion_group_id: 7,
      },
    ],
  };

  it('keeps ids, status and times in ms, and reads pay_time as paidAtMs', () => {
    const order = toPlatformOrder(raw);
    assert.equal(order.orderId, '240101ABC');
    assert.equal(order.rawStatus, 'READY_TO_SHIP');
    assert.equal(order.state, 'paid');
    assert.equal(order.createdAtMs, 1_700_000_000_000);
    assert.equal(order.updatedAtMs, 1_700_000_100_000);
    assert.equal(order.paidAtMs, 1_700_000_050_000);
    assert.equal(toPlatformOrder({ ...raw, pay_time: null }).paidAtMs, null);
  });

  it('builds one line per order_item_id and model_id, merging a model listed twice', () => {
    const lines = toPlatformOrder(raw).lines;
    assert.deepEqual(lines, [
      {
        lineId: '11:101',
        itemId: '11',
        variantId: '101',
        sellerSku: 'TEE-S',
        quantity: 2,
        warehouseId: 'SGZ',
      },
      {
        lineId: '11:102',
        itemId: '11',
        variantId: '102',
        sellerSku: 'TEE',
        quantity: 1,
        warehouseId: null,
      },
      {
        lineId: '22:0',
        itemId: '22',
        variantId: '0',
        sellerSku: 'MUG',
        quantity: 4,
        warehouseId: null,
      },
    ]);
  });
});

describe('Shopee catalogue mapping', () => {
  it('gives an item without models one listing with model id 0 and its seller stock', () => {
    const listings = toItemListings(
      {
        item_id: 5,
        item_name: 'Mug',
        item_sku: 'MUG',
        has_model: false,
        stock_info_v2: {
          summary_info: { total_reserved_stock: 2 },
          seller_stock: [{ location_id: 'SGZ', stock: 7 }],
        },
      },
      [],
    );
    assert.deepEqual(listings, [
      {
        itemId: '5',
        variantId: '0',
        sellerSku: 'MUG',
        title: 'Mug',
        stock: [{ warehouseId: 'SGZ', available: 7, committed: 2 }],
      },
    ]);
  });

  it('gives an item with models one listing per model, model_sku falling back to item_sku', () => {
    const listings = toItemListings(
      { item_id: 6, item_name: 'Tee', item_sku: 'TEE', has_model: true },
      [
        {
          model_id: 61,
          model_sku: 'TEE-S',
          model_name: 'S',
          stock_info_v2: {
            seller_stock: [
              { location_id: 'A', stock: 1 },
              { location_id: 'B', stock: 2 },
            ],
          },
        },
        { model_id: 62, model_sku: '', stock_info_v2: { seller_stock: [{ stock: 3 }] } },
      ],
    );
    assert.deepEqual(listings, [
      {
        itemId: '6',
        variantId: '61',
        sellerSku: 'TEE-S',
        title: 'Tee S',
        stock: [
          { warehouseId: 'A', available: 1 },
          { warehouseId: 'B', available: 2 },
        ],
      },
      {
        itemId: '6',
        variantId: '62',
        sellerSku: 'TEE',
        title: 'Tee',
        stock: [{ warehouseId: null, available: 3 }],
      },
    ]);
  });
});

describe('Shopee stock push mapping', () => {
  it('writes location_id only for a named warehouse and model_id 0 for an item without models', () => {
    assert.deepEqual(
      toStockListEntry({
        listing: { itemId: '5', variantId: '' },
        stock: [{ warehouseId: null, quantity: 4 }],
      }),
      { model_id: 0, seller_stock: [{ stock: 4 }] },
    );
    assert.deepEqual(
      toStockListEntry({
        listing: { itemId: '6', variantId: '61' },
        stock: [{ warehouseId: 'A', quantity: 9 }],
      }),
      { model_id: 61, seller_stock: [{ location_id: 'A', stock: 9 }] },
    );
  });

  it('fails only the models in failure_list and reports unlisted models as retryable', () => {
    const listings = [
      { itemId: '6', variantId: '61' },
      { itemId: '6', variantId: '62' },
      { itemId: '6', variantId: '63' },
    ];
    const results = toStockPushResults(
      listings,
      {
        success_list: [{ model_id: 61, location_id: 'A', stock: 9 }],
        failure_list: [{ model_id: 62, failed_reason: 'Wrong model_id.' }],
      },
      'error_busi_update_stock_failed',
    );
    assert.deepEqual(results, [
      { listing: listings[0], ok: true },
      {
        listing: listings[1],
        ok: false,
        platformCode: 'error_busi_update_stock_failed',
        message: 'Wrong model_id.',
        retryable: false,
      },
      {
        listing: listings[2],
        ok: false,
        platformCode: 'not_reported',
        message: 'update_stock did not report this model',
        retryable: true,
      },
    ]);
  });
});
