/**
 * Pure translations between Shopify payloads and the connector contract: order statuses to states
 * (§5.4), GraphQL orders and REST webhook orders to PlatformOrder, variants to PlatformListing
 * with shown stock per location (§5.2).
 */
import type {
  OrderState,
  PlatformListing,
  PlatformOrder,
  PlatformOrderLine,
  PlatformStock,
} from '../contract.ts';
import { fromGid } from './ids.ts';
import type {
  RawInventoryLevel,
  RawLineItem,
  RawOrder,
  RawRestOrder,
  RawVariant,
} from './raw-types.ts';

/** An order's status in Shopify's two dimensions, lower-case (REST spelling). */
export interface ShopifyOrderStatus {
  cancelled: boolean;
  /** pending, authorized, partially_paid, paid, partially_refunded, refunded, voided, expired. */
  financialStatus: string | null;
  /** null/unfulfilled, partial, fulfilled, restocked, and GraphQL's in_progress, on_hold, … */
  fulfillmentStatus: string | null;
}

/** Financial statuses (§5.4) and what they mean for an order nothing was shipped of. */
const UNSHIPPED_STATE_BY_FINANCIAL: Readonly<Record<string, OrderState | null>> = {
  pending: 'placed',
  // Authorized: the buyer's payment is secured and Shopify holds the stock for fulfilment.
  authorized: 'paid',
  partially_paid: 'paid',
  paid: 'paid',
  partially_refunded: 'paid',
  // Refunded or voided yet not cancelled: the order stays open and its stock committed; nothing
  // for StockPool to do until it is cancelled or fulfilled.
  refunded: null,
  voided: null,
  expired: null,
};

/** Fulfilment statuses that mean units left the warehouse. */
const SHIPPED = new Set(['fulfilled', 'partial', 'partially_fulfilled']);

/** Fulfilment statuses of an open order still to ship (GraphQL adds the in-between ones). */
const UNSHIPPED = new Set([
  'unfulfilled',
  'open',
  'in_progress',
  'on_hold',
  'pending_fulfillment',
  'scheduled',
  'request_declined',
]);

/**
 * The normalized state: cancelled wins (Shopify restocks on cancel when asked, §5.2); shipped
 * orders are `returned` once refunded (refunds/create, §5.4); restocked items without a cancel
 * went back to stock, as a cancellation does; otherwise the payment decides.
 */
export function toOrderState(status: ShopifyOrderStatus): OrderState | null {
  if (status.cancelled) return 'cancelled';
  const financial = (status.financialStatus ?? 'pending').toLowerCase();
  const fulfillment = (status.fulfillmentStatus ?? 'unfulfilled').toLowerCase();
  if (fulfillment === 'restocked') return 'cancelled';
  if (SHIPPED.has(fulfillment))
    return financial === 'refunded' || financial === 'partially_refunded' ? 'returned' : 'shipped';
  if (!UNSHIPPED.has(fulfillment)) return null;
  return UNSHIPPED_STATE_BY_FINANCIAL[financial] ?? null;
}

/** The raw status kept with an order: `cancelled`, or `financial/fulfillment`. */
export function toRawStatus(status: ShopifyOrderStatus): string {
  if (status.cancelled) return 'cancelled';
  const financial = (status.financialStatus ?? 'pending').toLowerCase();
  return `${financial}/${(status.fulfillmentStatus ?? 'unfulfilled').toLowerCase()}`;
}

/** A GraphQL order (lines complete) in contract form. */
export function toPlatformOrder(raw: RawOrder, lines: RawLineItem[]): PlatformOrder {
  const status = {
    cancelled: raw.cancelledAt !== null,
    financialStatus: raw.displayFinancialStatus,
    fulfillmentStatus: raw.displayFulfillmentStatus,
  };
  const state = toOrderState(status);
  return {
    orderId: raw.legacyResourceId,
    rawStatus: toRawStatus(status),
    state,
    createdAtMs: Date.parse(raw.createdAt),
    updatedAtMs: Date.parse(raw.updatedAt),
    paidAtMs: paidAtOf(raw),
    lines: lines.map(toOrderLine),
  };
}

/** The first successful sale or capture; for a paid order without one, its update time. */
function paidAtOf(raw: RawOrder): number | null {
  const paid = raw.transactions
    .filter((t) => ['SALE', 'CAPTURE'].includes(t.kind.toUpperCase()))
    .filter((t) => t.status.toUpperCase() === 'SUCCESS' && t.processedAt !== null)
    .map((t) => Date.parse(t.processedAt ?? ''))
    .sort((a, b) => a - b)[0];
  if (paid !== undefined) return paid;
  const financial = (raw.displayFinancialStatus ?? 'pending').toLowerCase();
  return ['paid', 'partially_paid', 'partially_refunded', 'refunded'].includes(financial)
    ? Date.parse(raw.updatedAt)
    : null;
}

function toOrderLine(line: RawLineItem): PlatformOrderLine {
  return {
    itemId: line.product?.legacyResourceId ?? '',
    variantId: line.variant?.legacyResourceId ?? '',
    lineId: fromGid(line.id),
    sellerSku: line.sku ?? '',
    quantity: line.quantity,
    // Shopify assigns locations through fulfillment orders, not on the line.
    warehouseId: null,
  };
}

/**
 * A webhook's REST order (§5.4) in contract form. The body carries no payment time: a paid order's
 * `processed_at` (checkout) stands in, or its update time.
 */
export function toPlatformOrderFromRest(raw: RawRestOrder): PlatformOrder {
  const status = {
    cancelled: Boolean(raw.cancelled_at),
    financialStatus: raw.financial_status ?? null,
    fulfillmentStatus: raw.fulfillment_status ?? null,
  };
  const state = toOrderState(status);
  const financial = (raw.financial_status ?? 'pending').toLowerCase();
  const isPaid = ['paid', 'partially_paid', 'partially_refunded', 'refunded'].includes(financial);
  return {
    orderId: String(raw.id),
    rawStatus: toRawStatus(status),
    state,
    createdAtMs: Date.parse(raw.created_at),
    updatedAtMs: Date.parse(raw.updated_at),
    paidAtMs: isPaid ? Date.parse(raw.processed_at ?? raw.updated_at) : null,
    lines: raw.line_items.map((line) => ({
      itemId: line.product_id === null ? '' : String(line.product_id),
      variantId: line.variant_id === null ? '' : String(line.variant_id),
      lineId: String(line.id),
      sellerSku: line.sku ?? '',
      quantity: line.quantity,
      warehouseId: null,
    })),
  };
}

/** A variant in contract form: one listing, shown stock per location (available, committed). */
export function toPlatformListing(raw: RawVariant): PlatformListing {
  return {
    itemId: raw.product.legacyResourceId,
    variantId: raw.legacyResourceId,
    sellerSku: raw.sku ?? '',
    title: raw.product.title,
    stock: raw.inventoryItem.inventoryLevels.nodes.map(toPlatformStock),
  };
}

export function toPlatformStock(level: RawInventoryLevel): PlatformStock {
  return {
    warehouseId: level.location.legacyResourceId,
    available: quantityOf(level, 'available'),
    committed: quantityOf(level, 'committed'),
  };
}

export function quantityOf(level: RawInventoryLevel, name: string): number {
  return level.quantities.find((q) => q.name === name)?.quantity ?? 0;
}
