/**
 * Pure translations between WooCommerce payloads and the connector contract: order statuses to
 * states (woocommerce.md §6.3), orders and products to normalized types (GMT seconds → ms),
 * stock pushes to batch bodies, and batch answers to per-listing results.
 */
import type {
  OrderState,
  PlatformListing,
  PlatformOrder,
  StockPushItem,
  StockPushResult,
} from '../contract.ts';
import type { ConnectorError } from '../errors.ts';
import type { RawBatchAnswer, RawOrder, RawProduct, RawVariation } from './raw-types.ts';

/**
 * §6.3, by what WooCommerce does to stock in each status:
 * - pending, checkout-draft: ordered, unpaid; stock held for the hold-stock minutes → placed.
 * - on-hold: "awaiting payment" (bank transfer, cheque); stock already reduced but not paid → placed.
 * - processing: paid, to be fulfilled → paid. completed: fulfilled → shipped.
 * - cancelled → cancelled. failed: payment failed, stock never reduced, hold lapses → cancelled.
 * - refunded → returned (WooCommerce restocks only when the merchant ticks restock).
 * - trash: an order an admin binned; core neither restores nor reduces stock → null.
 */
const STATE_BY_STATUS: Readonly<Record<string, OrderState | null>> = {
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

/** Every status WooCommerce core knows (§6.3), for tests and docs. */
export const WOO_ORDER_STATUSES = Object.keys(STATE_BY_STATUS);

/** The normalized state of a WooCommerce status; null for trash and plugins' own statuses. */
export function toOrderState(status: string): OrderState | null {
  // Some plugins and older payloads prefix statuses with 'wc-' (the post status in the database).
  const bare = status.startsWith('wc-') ? status.slice(3) : status;
  return STATE_BY_STATUS[bare] ?? null;
}

/** A GMT date without zone (as WooCommerce writes `*_gmt` fields) in epoch ms. */
export function gmtToMs(date: string): number {
  return Date.parse(`${date.slice(0, 19)}Z`);
}

/** Epoch ms as WooCommerce's ISO 8601 date parameter ('YYYY-MM-DDTHH:MM:SS', read as GMT). */
export function msToGmt(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** A WooCommerce order in contract form; a simple product's line has variantId ''. */
export function toPlatformOrder(raw: RawOrder): PlatformOrder {
  return {
    orderId: raw.id,
    rawStatus: raw.status,
    state: toOrderState(raw.status),
    createdAtMs: gmtToMs(raw.date_created_gmt),
    updatedAtMs: gmtToMs(raw.date_modified_gmt),
    paidAtMs: raw.date_paid_gmt ? gmtToMs(raw.date_paid_gmt) : null,
    lines: raw.line_items.map((line) => ({
      itemId: line.product_id,
      variantId: line.variation_id === '0' ? '' : line.variation_id,
      lineId: line.id,
      sellerSku: line.sku,
      quantity: line.quantity,
      warehouseId: null,
    })),
  };
}

/**
 * Units a product or variation shows: its stock_quantity when WooCommerce manages its stock, 0
 * when it does not (an unmanaged listing has no count; StockPool's first push manages it).
 */
export function shownQuantity(raw: {
  manage_stock: boolean | 'parent';
  stock_quantity: number | null;
}): number {
  return raw.manage_stock === false ? 0 : Math.max(0, raw.stock_quantity ?? 0);
}

/** A simple product as one listing (variantId ''). */
export function toSimpleListing(product: RawProduct): PlatformListing {
  return {
    itemId: product.id,
    variantId: '',
    sellerSku: product.sku,
    title: product.name,
    stock: [{ warehouseId: null, available: shownQuantity(product) }],
  };
}

/** A variation as a listing; 'parent' stock management shows the parent's figure. */
export function toVariationListing(parent: RawProduct, variation: RawVariation): PlatformListing {
  const options = variation.attributes.map((attribute) => attribute.option).filter(Boolean);
  const stockFrom = variation.manage_stock === 'parent' ? parent : variation;
  return {
    itemId: parent.id,
    variantId: variation.id,
    sellerSku: variation.sku || parent.sku,
    title: options.length > 0 ? `${parent.name} - ${options.join(', ')}` : parent.name,
    stock: [{ warehouseId: null, available: shownQuantity(stockFrom) }],
  };
}

/** One batch call: simple products (`parent` null) or the variations of one variable product. */
export interface BatchPush {
  parent: string | null;
  entries: Array<{ index: number; item: StockPushItem }>;
}

/**
 * Groups pushes into batch calls of at most `max` objects (§6.2): simple products (variantId ''
 * or '0') into products/batch, variations per parent into products/{id}/variations/batch.
 */
export function groupIntoBatches(items: StockPushItem[], max: number): BatchPush[] {
  const byParent = new Map<string | null, BatchPush['entries']>();
  items.forEach((item, index) => {
    const { itemId, variantId } = item.listing;
    const parent = variantId === '' || variantId === '0' ? null : itemId;
    const entries = byParent.get(parent) ?? [];
    entries.push({ index, item });
    byParent.set(parent, entries);
  });
  const batches: BatchPush[] = [];
  for (const [parent, entries] of byParent)
    for (let start = 0; start < entries.length; start += max)
      batches.push({ parent, entries: entries.slice(start, start + max) });
  return batches;
}

/**
 * The batch body: absolute stock, managed. A single location, so every figure given for the
 * listing is the one quantity (the sum, should the caller split it).
 */
export function toBatchBody(batch: BatchPush): { update: Array<Record<string, unknown>> } {
  return {
    update: batch.entries.map(({ item }) => ({
      id: Number(batch.parent === null ? item.listing.itemId : item.listing.variantId),
      manage_stock: true,
      stock_quantity: Math.max(
        0,
        item.stock.reduce((sum, entry) => sum + entry.quantity, 0),
      ),
    })),
  };
}

/**
 * Per-listing results of a batch answer, matched by id (else by position, the order sent); an entry with
 * `error` failed alone (§6.2: per-item errors inside a 200). An answer without an entry for a
 * listing fails it as retryable: nothing says it was applied.
 */
export function toPushResults(batch: BatchPush, answer: RawBatchAnswer): StockPushResult[] {
  const byId = new Map(answer.update.flatMap((entry) => (entry.id ? [[entry.id, entry]] : [])));
  return batch.entries.map(({ item }, position) => {
    const id = batch.parent === null ? item.listing.itemId : item.listing.variantId;
    const entry = byId.get(String(Number(id))) ?? answer.update[position];
    if (entry?.error) {
      const status = entry.error.data?.status ?? 400;
      return {
        listing: item.listing,
        ok: false,
        platformCode: entry.error.code,
        message: entry.error.message || entry.error.code,
        retryable: status === 429 || status >= 500,
      };
    }
    if (entry) return { listing: item.listing, ok: true };
    return {
      listing: item.listing,
      ok: false,
      platformCode: 'missing_batch_entry',
      message: 'the batch answer has no entry for this listing',
      retryable: true,
    };
  });
}

/** A batch the store refused whole (unknown parent product): its listings fail, not retryable. */
export function toRejectedResults(batch: BatchPush, error: ConnectorError): StockPushResult[] {
  return batch.entries.map(({ item }) => ({
    listing: item.listing,
    ok: false,
    platformCode: error.platformCode ?? error.code,
    message: error.message,
    retryable: false,
  }));
}
