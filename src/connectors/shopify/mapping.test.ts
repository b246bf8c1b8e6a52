// Proves the Shopify status mapping of shopify.md §5.4: every financial status against every
// fulfilment status (REST and GraphQL spellings), cancellation, the raw status kept, and orders
// and listings read into contract form.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OrderState } from '../contract.ts';
import {
  toOrderState,
  toPlatformListing,
  toPlatformOrder,
  toPlatformOrderFromRest,
  toRawStatus,
} from './mapping.ts';

const FINANCIAL = [
  'pending',
  'authorized',
  'partially_paid',
  'paid',
  'partially_refunded',
  'refunded',
  'voided',
  'expired',
] as const;

/** What an order nothing was shipped of means, per financial status. */
const UNSHIPPED: Record<(typeof FINANCIAL)[number], OrderState | null> = {
  pending: 'placed',
  authorized: 'paid',
  partially_paid: 'paid',
  paid: 'paid',
  partially_refunded: 'paid',
  refunded: null,
  voided: null,
  expired: null,
};

const OPEN_FULFILMENT = [
  null,
  'unfulfilled',
  'UNFULFILLED',
  'OPEN',
  'IN_PROGRESS',
  'ON_HOLD',
  'PENDING_FULFILLMENT',
  'SCHEDULED',
  'REQUEST_DECLINED',
];
const SHIPPED_FULFILMENT = ['fulfilled', 'partial', 'FULFILLED', 'PARTIALLY_FULFILLED'];

describe('toOrderState', () => {
  it('maps every financial status of an unshipped order', () => {
    for (const financial of FINANCIAL)
      for (const fulfillment of OPEN_FULFILMENT) {
        for (const spelling of [financial, financial.toUpperCase()])
          assert.equal(
            toOrderState({
              cancelled: false,
              financialStatus: spelling,
              fulfillmentStatus: fulfillment,
            }),
            UNSHIPPED[financial],
            `${spelling}/${fulfillment}`,
          );
      }
  });

  it('maps a shipped order to shipped, and to returned once refunded', () => {
    for (const financial of FINANCIAL)
      for (const fulfillment of SHIPPED_FULFILMENT) {
        const refunded = financial === 'refunded' || financial === 'partially_refunded';
        assert.equal(
          toOrderState({
            cancelled: false,
            financialStatus: financial,
            fulfillmentStatus: fulfillment,
          }),
          refunded ? 'returned' : 'shipped',
          `${financial}/${fulfillment}`,
        );
      }
  });

  it('maps any cancelled order, and restocked items, to cancelled', () => {
    for (const financial of FINANCIAL) {
      for (const fulfillment of [...OPEN_FULFILMENT, ...SHIPPED_FULFILMENT])
        assert.equal(
          toOrderState({
            cancelled: true,
            financialStatus: financial,
            fulfillmentStatus: fulfillment,
          }),
          'cancelled',
        );
      for (const restocked of ['restocked', 'RESTOCKED'])
        assert.equal(
          toOrderState({
            cancelled: false,
            financialStatus: financial,
            fulfillmentStatus: restocked,
          }),
          'cancelled',
        );
    }
  });

  it('gives null for a fulfilment status it does not know, and reads a missing financial status as pending', () => {
    assert.equal(
      toOrderState({ cancelled: false, financialStatus: 'paid', fulfillmentStatus: 'teleported' }),
      null,
    );
    assert.equal(
      toOrderState({ cancelled: false, financialStatus: null, fulfillmentStatus: null }),
      'placed',
    );
  });

  it('keeps the raw status as cancelled or financial/fulfillment, lower-case', () => {
    assert.equal(
      toRawStatus({ cancelled: true, financialStatus: 'paid', fulfillmentStatus: null }),
      'cancelled',
    );
    assert.equal(
      toRawStatus({ cancelled: false, financialStatus: 'PAID', fulfillmentStatus: 'UNFULFILLED' }),
      'paid/unfulfilled',
    );
    assert.equal(
      toRawStatus({ cancelled: false, financialStatus: null, fulfillmentStatus: null }),
      'pending/unfulfilled',
    );
  });
});

describe('orders and listings in contract form', () => {
  const line = {
    id: 'gid://shopify/LineItem/466157049',
    sku: 'IPOD2008GREEN',
    quantity: 2,
    variant: { legacyResourceId: '39072856' },
    product: { legacyResourceId: '632910392' },
  };

  it('reads a GraphQL order with its payment time from the first successful sale', () => {
    const order = toPlatformOrder(
      {
        legacyResourceId: '820982911946154508',
        createdAt: '2026-11-28T10:00:00Z',
        updatedAt: '2026-11-28T10:05:00Z',
        cancelledAt: null,
        displayFinancialStatus: 'PAID',
        displayFulfillmentStatus: 'UNFULFILLED',
        lineItems: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [line] },
        transactions: [
          { kind: 'AUTHORIZATION', status: 'SUCCESS', processedAt: '2026-11-28T10:00:30Z' },
          { kind: 'SALE', status: 'SUCCESS', processedAt: '2026-11-28T10:01:00Z' },
        ],
      },
      [line],
    );
    assert.deepEqual(order, {
      orderId: '820982911946154508',
      rawStatus: 'paid/unfulfilled',
      state: 'paid',
      createdAtMs: Date.parse('2026-11-28T10:00:00Z'),
      updatedAtMs: Date.parse('2026-11-28T10:05:00Z'),
      paidAtMs: Date.parse('2026-11-28T10:01:00Z'),
      lines: [
        {
          itemId: '632910392',
          variantId: '39072856',
          lineId: '466157049',
          sellerSku: 'IPOD2008GREEN',
          quantity: 2,
          warehouseId: null,
        },
      ],
    });
  });

  it('reads a webhook REST order: numeric ids as strings, unpaid without a payment time', () => {
    const order = toPlatformOrderFromRest({
      id: 820982911946154508,
      created_at: '2026-11-28T05:00:00-05:00',
      updated_at: '2026-11-28T05:00:01-05:00',
      cancelled_at: null,
      financial_status: 'pending',
      fulfillment_status: null,
      line_items: [
        { id: 466157049, product_id: 632910392, variant_id: 39072856, sku: 'X', quantity: 1 },
      ],
    });
    assert.equal(order.state, 'placed');
    assert.equal(order.paidAtMs, null);
    assert.equal(order.updatedAtMs, Date.parse('2026-11-28T10:00:01Z'));
    assert.deepEqual(order.lines[0], {
      itemId: '632910392',
      variantId: '39072856',
      lineId: '466157049',
      sellerSku: 'X',
      quantity: 1,
      warehouseId: null,
    });
  });

  it('reads a variant as one listing with available and committed per location', () => {
    const listing = toPlatformListing({
      legacyResourceId: '39072856',
      sku: null,
      product: { legacyResourceId: '632910392', title: 'IPod Nano' },
      inventoryItem: {
        id: 'gid://shopify/InventoryItem/808950810',
        inventoryLevels: {
          nodes: [
            {
              updatedAt: '2026-11-28T10:00:00Z',
              location: { legacyResourceId: '61512351844' },
              quantities: [
                { name: 'available', quantity: 7 },
                { name: 'committed', quantity: 2 },
              ],
            },
          ],
        },
      },
    });
    assert.deepEqual(listing, {
      itemId: '632910392',
      variantId: '39072856',
      sellerSku: '',
      title: 'IPod Nano',
      stock: [{ warehouseId: '61512351844', available: 7, committed: 2 }],
    });
  });
});
