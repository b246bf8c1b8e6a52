// Proves the Amazon mapping (amazon.md §4.3, §4.4): every order status to its state, orders with
// their items, listings with DEFAULT and FBA stock, push figures and submission answers, and the
// shop's region to its marketplace.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StockPushItem } from '../contract.ts';
import {
  AMAZON_ORDER_STATUSES,
  toFulfillmentPatch,
  toMfnQuantity,
  toOrderState,
  toPlatformListing,
  toPlatformOrder,
  toPushResult,
} from './mapping.ts';
import { marketplaceOf } from './options.ts';
import { RawListingsItem, RawOrder } from './raw-types.ts';

const US = 'ATVPDKIKX0DER';

describe('toOrderState', () => {
  const expected = {
    PendingAvailability: 'placed',
    Pending: 'placed',
    Unshipped: 'paid',
    PartiallyShipped: 'shipped',
    Shipped: 'shipped',
    InvoiceUnconfirmed: 'shipped',
    Canceled: 'cancelled',
    Unfulfillable: 'cancelled',
    PENDING_AVAILABILITY: 'placed',
    PENDING: 'placed',
    UNSHIPPED: 'paid',
    PARTIALLY_SHIPPED: 'shipped',
    SHIPPED: 'shipped',
    CANCELLED: 'cancelled',
    UNFULFILLABLE: 'cancelled',
  };

  it('maps every Orders v0 and Orders 2026-01-01 status', () => {
    for (const [status, state] of Object.entries(expected))
      assert.equal(toOrderState(status), state, status);
    assert.deepEqual([...AMAZON_ORDER_STATUSES].sort(), Object.keys(expected).sort());
  });

  it('knows no return status (returns are outside the Orders API) and no unknown word', () => {
    for (const status of ['Returned', 'Cancelled', 'pending', ''])
      assert.equal(toOrderState(status), null, status);
  });
});

describe('toPlatformOrder', () => {
  const raw = (status: string, channel: 'AFN' | 'MFN' = 'MFN') =>
    RawOrder.parse({
      AmazonOrderId: '113-0000001-0007919',
      PurchaseDate: '2026-01-02T03:04:05Z',
      LastUpdateDate: '2026-01-02T04:00:00.250Z',
      OrderStatus: status,
      FulfillmentChannel: channel,
    });
  const items = [
    { ASIN: 'B0ASIN0001', SellerSKU: 'SKU-1', OrderItemId: '111', QuantityOrdered: 3 },
    { ASIN: 'B0ASIN0002', SellerSKU: 'SKU-2', OrderItemId: '112', QuantityOrdered: 1 },
  ];

  it('names lines by ASIN and seller SKU with their quantities, from the seller stock for MFN', () => {
    const order = toPlatformOrder(raw('Unshipped'), items);
    assert.equal(order.orderId, '113-0000001-0007919');
    assert.equal(order.state, 'paid');
    assert.equal(order.createdAtMs, Date.parse('2026-01-02T03:04:05Z'));
    assert.equal(order.updatedAtMs, Date.parse('2026-01-02T04:00:00.250Z'));
    assert.deepEqual(order.lines[0], {
      itemId: 'B0ASIN0001',
      variantId: 'SKU-1',
      lineId: '111',
      sellerSku: 'SKU-1',
      quantity: 3,
      warehouseId: 'DEFAULT',
    });
  });

  it('counts an order past Pending as paid at its purchase date; a pending one is unpaid', () => {
    assert.equal(toPlatformOrder(raw('Pending'), items).paidAtMs, null);
    assert.equal(toPlatformOrder(raw('Canceled'), items).paidAtMs, null);
    for (const status of ['Unshipped', 'Shipped', 'PartiallyShipped'])
      assert.equal(
        toPlatformOrder(raw(status), items).paidAtMs,
        Date.parse('2026-01-02T03:04:05Z'),
      );
  });

  it('leaves the warehouse of FBA lines unnamed', () => {
    assert.equal(toPlatformOrder(raw('Shipped', 'AFN'), items).lines[0]?.warehouseId, null);
  });
});

describe('toPlatformListing', () => {
  it('reads DEFAULT stock as the seller’s and FBA channels as platform-run', () => {
    const listing = toPlatformListing(
      RawListingsItem.parse({
        sku: 'SKU-1',
        summaries: [
          { marketplaceId: US, asin: 'B0ASIN0001', productType: 'SHIRT', itemName: 'Shirt' },
        ],
        fulfillmentAvailability: [
          { fulfillmentChannelCode: 'DEFAULT', quantity: 7 },
          { fulfillmentChannelCode: 'AMAZON_NA', quantity: 40 },
        ],
      }),
      US,
    );
    assert.deepEqual(listing, {
      itemId: 'B0ASIN0001',
      variantId: 'SKU-1',
      sellerSku: 'SKU-1',
      title: 'Shirt',
      stock: [
        { warehouseId: 'DEFAULT', available: 7 },
        { warehouseId: 'AMAZON_NA', available: 40, platformRun: true },
      ],
    });
  });

  it('takes the summary of the shop’s marketplace and a missing quantity as 0', () => {
    const listing = toPlatformListing(
      RawListingsItem.parse({
        sku: 'SKU-2',
        summaries: [
          { marketplaceId: 'A2EUQ1WTGCTBG2', asin: 'B0CANADA01' },
          { marketplaceId: US, asin: 'B0UNITED01' },
        ],
        fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT' }],
      }),
      US,
    );
    assert.equal(listing.itemId, 'B0UNITED01');
    assert.equal(listing.title, 'SKU-2');
    assert.equal(listing.stock[0]?.available, 0);
  });
});

describe('pushes', () => {
  const item = (stock: StockPushItem['stock'], variantId = 'SKU-1'): StockPushItem => ({
    listing: { itemId: 'B0ASIN0001', variantId },
    stock,
  });

  it('writes the DEFAULT figure (or the only one), whole and at least 0', () => {
    assert.deepEqual(toMfnQuantity(item([{ warehouseId: 'DEFAULT', quantity: 5 }])), {
      ok: true,
      sku: 'SKU-1',
      quantity: 5,
    });
    assert.deepEqual(toMfnQuantity(item([{ warehouseId: null, quantity: 2.7 }])), {
      ok: true,
      sku: 'SKU-1',
      quantity: 2,
    });
    assert.deepEqual(toMfnQuantity(item([{ warehouseId: 'DEFAULT', quantity: -3 }])), {
      ok: true,
      sku: 'SKU-1',
      quantity: 0,
    });
  });

  it('refuses a figure for an FBA channel and a listing without a seller SKU', () => {
    const fba = toMfnQuantity(item([{ warehouseId: 'AMAZON_NA', quantity: 5 }]));
    assert.ok(!fba.ok && fba.code === 'PLATFORM_RUN_WAREHOUSE');
    const noSku = toMfnQuantity(item([{ warehouseId: 'DEFAULT', quantity: 5 }], ''));
    assert.ok(!noSku.ok && noSku.code === 'NO_SELLER_SKU');
  });

  it('sends the listing’s product type with the DEFAULT quantity', () => {
    assert.deepEqual(toFulfillmentPatch('SHIRT', 9), {
      productType: 'SHIRT',
      patches: [
        {
          op: 'replace',
          path: '/attributes/fulfillment_availability',
          value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 9 }],
        },
      ],
    });
  });

  it('reads ACCEPTED as success and INVALID as a non-retryable failure with its error issue', () => {
    const push = item([{ warehouseId: 'DEFAULT', quantity: 1 }]);
    assert.deepEqual(toPushResult(push, { sku: 'SKU-1', status: 'ACCEPTED', issues: [] }), {
      listing: push.listing,
      ok: true,
    });
    const invalid = toPushResult(push, {
      sku: 'SKU-1',
      status: 'INVALID',
      issues: [
        { code: '1', message: 'just a warning', severity: 'WARNING' },
        { code: '4000003', message: 'wrong product type', severity: 'ERROR' },
      ],
    });
    assert.deepEqual(invalid, {
      listing: push.listing,
      ok: false,
      platformCode: '4000003',
      message: 'wrong product type',
      retryable: false,
    });
  });
});

describe('marketplaceOf', () => {
  it('maps region codes to marketplace ids and hosts, US by default', () => {
    assert.deepEqual(marketplaceOf(undefined), { id: US, host: 'na' });
    assert.deepEqual(marketplaceOf('uk'), { id: 'A1F83G8C2ARO7P', host: 'eu' });
    assert.deepEqual(marketplaceOf('GB'), marketplaceOf('UK'));
    assert.deepEqual(marketplaceOf('DE'), { id: 'A1PA6795UKMFR9', host: 'eu' });
    assert.deepEqual(marketplaceOf('JP'), { id: 'A1VC38T7YXB528', host: 'fe' });
    assert.deepEqual(marketplaceOf('SG'), { id: 'A19VAU5U5O7RUS', host: 'fe' });
    assert.deepEqual(marketplaceOf('A1PA6795UKMFR9'), { id: 'A1PA6795UKMFR9', host: 'eu' });
    assert.deepEqual(marketplaceOf('XX'), { id: US, host: 'na' });
  });
});
