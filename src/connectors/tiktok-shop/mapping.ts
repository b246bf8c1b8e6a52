/**
 * Pure translations between TikTok Shop payloads and the connector contract: order statuses to
 * states (tiktok-shop.md §1.8), orders and catalogue to normalized types (seconds → ms), stock
 * pushes to inventory update bodies grouped by product, and `data.errors[]` to per-listing results.
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
import { errorCodeFor } from './envelope.ts';
import { TIKTOK_MAX_QUANTITY } from './options.ts';
import type { RawInventorySearchData, RawOrder, RawProduct, RawSkuError } from './raw-types.ts';

/** §1.8. The webhook spells cancelled `CANCEL`, the Orders API `CANCELLED` (§1.9): both read. */
const STATE_BY_STATUS: Readonly<Record<string, OrderState>> = {
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

/** The normalized state of a TikTok order status, or null for a status we do not know. */
export function toOrderState(status: string): OrderState | null {
  return STATE_BY_STATUS[status] ?? null;
}

/**
 * A TikTok order in contract form. Each line item is one unit (§1.7), so every line has quantity
 * 1. Lines the seller cancelled inside a still-open order (line-level cancellation) are left out,
 * since they hold no stock any more; a cancelled order keeps all its lines so their release is
 * known. The order-level warehouse_id is the lines' warehouse.
 */
export function toPlatformOrder(raw: RawOrder): PlatformOrder {
  const state = toOrderState(raw.status);
  const lines = raw.line_items
    .filter((line) => state === 'cancelled' || line.display_status !== 'CANCELLED')
    .map((line) => ({
      itemId: line.product_id,
      variantId: line.sku_id,
      lineId: line.id,
      sellerSku: line.seller_sku,
      quantity: 1,
      warehouseId: raw.warehouse_id ?? null,
    }));
  return {
    orderId: raw.id,
    rawStatus: raw.status,
    state,
    createdAtMs: raw.create_time * 1000,
    updatedAtMs: raw.update_time * 1000,
    paidAtMs: raw.paid_time ? raw.paid_time * 1000 : null,
    lines,
  };
}

/** Committed units per SKU and warehouse, from inventory search. */
export type CommittedIndex = Map<string, Map<string, number>>;

/** Indexes inventory search's committed units by SKU id, then warehouse id. */
export function toCommittedIndex(data: RawInventorySearchData): CommittedIndex {
  const index: CommittedIndex = new Map();
  for (const product of data.inventory) {
    for (const sku of product.skus) {
      const byWarehouse = new Map<string, number>();
      for (const entry of sku.warehouse_inventory)
        byWarehouse.set(entry.warehouse_id, entry.committed_quantity);
      index.set(sku.id, byWarehouse);
    }
  }
  return index;
}

/** One listing per SKU, stock per warehouse (`quantity` is what buyers can order, §1.7). */
export function toPlatformListings(
  product: RawProduct,
  committed: CommittedIndex,
): PlatformListing[] {
  return product.skus.map((sku) => ({
    itemId: product.id,
    variantId: sku.id,
    sellerSku: sku.seller_sku,
    title: product.title,
    stock: sku.inventory.map((entry): PlatformStock => {
      const units = committed.get(sku.id)?.get(entry.warehouse_id);
      const stock: PlatformStock = { warehouseId: entry.warehouse_id, available: entry.quantity };
      if (units !== undefined) stock.committed = units;
      return stock;
    }),
  }));
}

/** The items of one setStock call that belong to one product, with their place in the call. */
export interface ProductPush {
  productId: string;
  entries: Array<{ index: number; item: StockPushItem }>;
}

/** Groups items by product: all SKUs of one product go in one call (§1.7). Order is kept. */
export function groupByProduct(items: StockPushItem[]): ProductPush[] {
  const groups = new Map<string, ProductPush>();
  items.forEach((item, index) => {
    const productId = item.listing.itemId;
    const group = groups.get(productId) ?? { productId, entries: [] };
    group.entries.push({ index, item });
    groups.set(productId, group);
  });
  return [...groups.values()];
}

/**
 * The inventory update body of one product. A SKU given twice is sent once, its last figure
 * winning. `warehouseId: null` leaves `warehouse_id` out, which TikTok allows only for a SKU with
 * one warehouse (§1.7). Quantities above 99,999 are capped (more cannot be shown); 0 is sent as is
 * to mark the SKU sold out.
 */
export function toInventoryUpdateBody(push: ProductPush): { skus: unknown[] } {
  const bySku = new Map<string, StockPushItem>();
  for (const { item } of push.entries) bySku.set(item.listing.variantId, item);
  const skus = [...bySku.values()].map((item) => ({
    id: item.listing.variantId,
    inventory: item.stock.map((entry) => ({
      ...(entry.warehouseId === null ? {} : { warehouse_id: entry.warehouseId }),
      quantity: Math.min(entry.quantity, TIKTOK_MAX_QUANTITY),
    })),
  }));
  return { skus };
}

/**
 * Per-listing results of one product's call from `data.errors[]` (partial failures inside a code-0
 * answer, §1.7). An error without `detail.sku_id` concerns the whole product.
 */
export function toPushResults(
  push: ProductPush,
  errors: RawSkuError[],
): Array<{ index: number; result: StockPushResult }> {
  const bySku = new Map<string, RawSkuError>();
  const productWide = errors.find((error) => error.detail?.sku_id === undefined);
  for (const error of errors) if (error.detail?.sku_id) bySku.set(error.detail.sku_id, error);
  return push.entries.map(({ index, item }) => {
    const error = bySku.get(item.listing.variantId) ?? productWide;
    const result: StockPushResult = error
      ? failedResult(item, String(error.code), describeSkuError(error), isRetryableCode(error.code))
      : { listing: item.listing, ok: true };
    return { index, result };
  });
}

/** Every listing of a product's call as failed with the call's error (a REJECTED answer). */
export function toRejectedResults(
  push: ProductPush,
  error: ConnectorError,
): Array<{ index: number; result: StockPushResult }> {
  return push.entries.map(({ index, item }) => ({
    index,
    result: failedResult(item, error.platformCode ?? 'REJECTED', error.message, error.retryable),
  }));
}

/** TikTok's out-of-stock cancel reason for the order's state (§1.7 seller reason names). */
export function cancelReasonFor(state: OrderState): string {
  return state === 'placed'
    ? 'seller_cancel_unpaid_reason_out_of_stock'
    : 'seller_cancel_reason_out_of_stock';
}

function failedResult(
  item: StockPushItem,
  platformCode: string,
  message: string,
  retryable: boolean,
): StockPushResult {
  return { listing: item.listing, ok: false, platformCode, message, retryable };
}

function describeSkuError(error: RawSkuError): string {
  const extras = (error.detail?.extra_errors ?? []).map(
    (extra) =>
      `warehouse ${extra.warehouse_id ?? '?'}: ${extra.message ?? ''} (${extra.code ?? '?'})`,
  );
  return [error.message || 'inventory update failed', ...extras].join('; ');
}

function isRetryableCode(code: number): boolean {
  const ours = errorCodeFor(code);
  return ours === 'RATE_LIMITED' || ours === 'UNAVAILABLE';
}
