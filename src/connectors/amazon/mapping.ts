/**
 * Pure translations between Amazon payloads and the connector contract: order statuses to states
 * (amazon.md §4.4), orders and listings to normalized types, stock pushes to Listings Items
 * patches (§4.3), and submission answers to per-listing results.
 *
 * A listing is named by `{itemId: ASIN, variantId: seller SKU}`: the SKU is what Amazon writes
 * stock to, and both halves are on the listing (summaries) and on every order item, so order
 * lines find their listing without a lookup. Several SKUs of one seller may share an ASIN.
 */
import type {
  OrderState,
  PlatformListing,
  PlatformOrder,
  PlatformStock,
  StockPushItem,
  StockPushResult,
} from '../contract.ts';
import type { ConnectorError } from '../errors.ts';
import { AMAZON_MAX_QUANTITY, AMAZON_MFN_CHANNEL } from './options.ts';
import type { RawListingsItem, RawOrder, RawOrderItem, RawSubmission } from './raw-types.ts';

/**
 * §4.4: every Orders v0 OrderStatus, and the Orders 2026-01-01 FulfillmentStatus words. Pending
 * and PendingAvailability hold stock (Amazon already took it off the listing), Unshipped is paid,
 * the shipped states consume it, Canceled and Unfulfillable (multi-channel) release it. Returns
 * are outside the Orders API (§4.4), so no status maps to 'returned'.
 */
const STATE_BY_STATUS: Readonly<Record<string, OrderState>> = {
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

/** Every status word Amazon sends that StockPool reads. */
export const AMAZON_ORDER_STATUSES = Object.keys(STATE_BY_STATUS);

/** The normalized state of an Amazon order status, or null for one we do not know. */
export function toOrderState(status: string): OrderState | null {
  return STATE_BY_STATUS[status] ?? null;
}

/**
 * An Amazon order with its items in contract form. Amazon does not say when payment was
 * authorized: an order past Pending counts as paid at its PurchaseDate, so earlier buyers keep
 * their priority for the last unit. MFN lines ship from the seller's stock ('DEFAULT'); AFN
 * (FBA) lines from Amazon's own, which the order does not name (null): fulfilled by the platform.
 */
export function toPlatformOrder(raw: RawOrder, items: RawOrderItem[]): PlatformOrder {
  const state = toOrderState(raw.OrderStatus);
  const paid = state === 'paid' || state === 'shipped';
  const warehouseId = raw.FulfillmentChannel === 'AFN' ? null : AMAZON_MFN_CHANNEL;
  return {
    orderId: raw.AmazonOrderId,
    rawStatus: raw.OrderStatus,
    state,
    createdAtMs: raw.PurchaseDate,
    updatedAtMs: raw.LastUpdateDate,
    paidAtMs: paid ? raw.PurchaseDate : null,
    lines: items.map((item) => ({
      itemId: item.ASIN,
      variantId: item.SellerSKU ?? '',
      lineId: item.OrderItemId,
      sellerSku: item.SellerSKU ?? '',
      quantity: item.QuantityOrdered,
      warehouseId,
      ...(warehouseId === null ? { fulfilledByPlatform: true } : {}),
    })),
  };
}

/**
 * A listing in contract form: its stock per fulfillment channel. DEFAULT is the seller's own;
 * any other channel (AMAZON_NA, AMAZON_EU, …) is FBA stock Amazon runs: read, never pushed.
 */
export function toPlatformListing(raw: RawListingsItem, marketplaceId: string): PlatformListing {
  const summary = raw.summaries.find((s) => s.marketplaceId === marketplaceId) ?? raw.summaries[0];
  const stock: PlatformStock[] = raw.fulfillmentAvailability.map((entry) => ({
    warehouseId: entry.fulfillmentChannelCode,
    available: entry.quantity ?? 0,
    ...(entry.fulfillmentChannelCode === AMAZON_MFN_CHANNEL ? {} : { platformRun: true }),
  }));
  return {
    itemId: summary?.asin ?? '',
    variantId: raw.sku,
    sellerSku: raw.sku,
    title: summary?.itemName ?? raw.sku,
    stock,
  };
}

/** The listing's product type as Amazon keeps it for this marketplace, when it says. */
export function productTypeOf(raw: RawListingsItem, marketplaceId: string): string | null {
  const summary = raw.summaries.find((s) => s.marketplaceId === marketplaceId) ?? raw.summaries[0];
  return summary?.productType ?? null;
}

/**
 * The MFN quantity to write for a push, or why it cannot be written: a figure for any channel
 * other than DEFAULT is FBA stock, which Amazon alone moves (§4.3), and a listing without a SKU
 * cannot be addressed. Quantities are whole, at least 0.
 */
export function toMfnQuantity(
  item: StockPushItem,
): { ok: true; sku: string; quantity: number } | { ok: false; code: string; message: string } {
  const sku = item.listing.variantId;
  if (!sku)
    return {
      ok: false,
      code: 'NO_SELLER_SKU',
      message: 'an Amazon listing is named by its seller SKU (variantId)',
    };
  const platformRun = item.stock.find(
    (entry) => entry.warehouseId !== null && entry.warehouseId !== AMAZON_MFN_CHANNEL,
  );
  if (platformRun)
    return {
      ok: false,
      code: 'PLATFORM_RUN_WAREHOUSE',
      message: `${platformRun.warehouseId} is fulfilled by Amazon: its stock is never pushed`,
    };
  const total = item.stock.reduce((sum, entry) => sum + entry.quantity, 0);
  const quantity = Math.min(AMAZON_MAX_QUANTITY, Math.max(0, Math.floor(total)));
  return { ok: true, sku, quantity };
}

/** The patchListingsItem body that sets the MFN quantity (§4.3, vector `amazon-patch-fulfillment-availability`). */
export function toFulfillmentPatch(productType: string, quantity: number): unknown {
  return {
    productType,
    patches: [
      {
        op: 'replace',
        path: '/attributes/fulfillment_availability',
        value: [{ fulfillment_channel_code: AMAZON_MFN_CHANNEL, quantity }],
      },
    ],
  };
}

/**
 * A submission answer as the listing's result: ACCEPTED (queued, §4.3) and VALID are success;
 * INVALID fails with its first ERROR issue, never retryable (the same patch stays invalid).
 */
export function toPushResult(item: StockPushItem, submission: RawSubmission): StockPushResult {
  if (submission.status !== 'INVALID') return { listing: item.listing, ok: true };
  const issue = submission.issues.find((i) => i.severity === 'ERROR') ?? submission.issues[0];
  return {
    listing: item.listing,
    ok: false,
    platformCode: issue?.code ?? 'INVALID',
    message: issue?.message || 'Amazon found the patch invalid',
    retryable: false,
  };
}

/** A listing refused before or by Amazon (unknown SKU, platform-run channel): not retryable. */
export function toRefusedResult(
  item: StockPushItem,
  refusal: { code: string; message: string } | ConnectorError,
): StockPushResult {
  const code = 'platformCode' in refusal ? (refusal.platformCode ?? refusal.code) : refusal.code;
  return {
    listing: item.listing,
    ok: false,
    platformCode: code,
    message: refusal.message,
    retryable: false,
  };
}
