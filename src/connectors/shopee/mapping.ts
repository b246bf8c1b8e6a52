/**
 * Shopee answers → normalized contract types, and stock pushes → update_stock bodies. Pure
 * functions over validated raw types (raw-types.ts); no I/O.
 */
import type {
  ListingRef,
  OrderState,
  PlatformListing,
  PlatformOrder,
  PlatformOrderLine,
  PlatformStock,
  StockPushItem,
  StockPushResult,
} from '../contract.ts';
import type {
  RawItemBaseInfo,
  RawModel,
  RawOrderDetail,
  RawOrderItem,
  RawStockInfoV2,
  RawUpdateStockResponse,
} from './raw-types.ts';

/**
 * Shopee order status → normalized state (shopee.md §2.8). IN_CANCEL keeps the hold as it is
 * (null): the buyer's request waits for the seller. INVOICE_PENDING (BR invoice flow) and PENDING
 * (Shopee still processing) come before the seller may ship, so they hold like an unpaid order.
 * An unknown status changes nothing (null) until we learn what it means.
 */
export function toOrderState(status: string): OrderState | null {
  switch (status) {
    case 'UNPAID':
    case 'INVOICE_PENDING':
    case 'PENDING':
      return 'placed';
    case 'READY_TO_SHIP':
      return 'paid';
    case 'PROCESSED':
    case 'RETRY_SHIP':
    case 'SHIPPED':
    case 'TO_CONFIRM_RECEIVE':
    case 'COMPLETED':
      return 'shipped';
    case 'CANCELLED':
      return 'cancelled';
    case 'TO_RETURN':
      return 'returned';
    default:
      return null;
  }
}

/** A get_order_detail entry (asked with item_list and pay_time) as a PlatformOrder. */
export function toPlatformOrder(raw: RawOrderDetail): PlatformOrder {
  return {
    orderId: raw.order_sn,
    rawStatus: raw.order_status,
    state: toOrderState(raw.order_status),
    createdAtMs: raw.create_time * 1000,
    updatedAtMs: raw.update_time * 1000,
    paidAtMs: raw.pay_time ? raw.pay_time * 1000 : null,
    lines: toOrderLines(raw.item_list ?? []),
  };
}

/**
 * Order lines. Shopee's order_item_id is not a line id: it equals item_id outside bundle deals
 * and is shared by every item of one bundle (SP-SCHEMA get_order_detail), so two models of one
 * item share it. `order_item_id:model_id` is unique per line except when one model appears twice
 * (two promotion groups); those entries are merged into one line with the summed quantity.
 */
export function toOrderLines(items: RawOrderItem[]): PlatformOrderLine[] {
  const lines = new Map<string, PlatformOrderLine>();
  for (const item of items) {
    const lineId = `${item.order_item_id}:${item.model_id}`;
    const existing = lines.get(lineId);
    if (existing) {
      existing.quantity += item.model_quantity_purchased;
      continue;
    }
    lines.set(lineId, {
      lineId,
      itemId: String(item.item_id),
      variantId: String(item.model_id),
      sellerSku: item.model_sku || item.item_sku || '',
      quantity: item.model_quantity_purchased,
      warehouseId: locationOf(item.product_location_id),
    });
  }
  return [...lines.values()];
}

function locationOf(value: string | string[] | undefined): string | null {
  const location = Array.isArray(value) ? value[0] : value;
  return location ? location : null;
}

/**
 * Seller stock per location (what buyers can order, §2.7). Shopee reports reserved stock only
 * per model, so it is shown as `committed` only when the model has a single location.
 */
export function toPlatformStock(info: RawStockInfoV2 | undefined): PlatformStock[] {
  const sellerStock = info?.seller_stock ?? [];
  const reserved = info?.summary_info?.total_reserved_stock;
  return sellerStock.map((entry) => ({
    warehouseId: entry.location_id ? entry.location_id : null,
    available: entry.stock,
    ...(sellerStock.length === 1 && reserved !== undefined ? { committed: reserved } : {}),
  }));
}

/**
 * The listings of one item: one per model for an item with models, else one with model_id 0
 * (variantId '0', as update_stock expects it). sellerSku is model_sku, falling back to item_sku.
 */
export function toItemListings(item: RawItemBaseInfo, models: RawModel[]): PlatformListing[] {
  const itemId = String(item.item_id);
  const title = item.item_name ?? '';
  if (!item.has_model) {
    const sellerSku = item.item_sku ?? '';
    return [
      { itemId, variantId: '0', sellerSku, title, stock: toPlatformStock(item.stock_info_v2) },
    ];
  }
  return models.map((model) => ({
    itemId,
    variantId: String(model.model_id),
    sellerSku: model.model_sku || item.item_sku || '',
    title: model.model_name ? `${title} ${model.model_name}`.trim() : title,
    stock: toPlatformStock(model.stock_info_v2),
  }));
}

/** One stock_list entry of update_stock; a null warehouse leaves location_id out (§2.7). */
export function toStockListEntry(item: StockPushItem): {
  model_id: number;
  seller_stock: Array<{ location_id?: string; stock: number }>;
} {
  return {
    model_id: Number(item.listing.variantId || '0'),
    seller_stock: item.stock.map((entry) =>
      entry.warehouseId === null
        ? { stock: entry.quantity }
        : { location_id: entry.warehouseId, stock: entry.quantity },
    ),
  };
}

/**
 * Per-listing results of one update_stock call: a failure_list entry fails that model only;
 * a model in success_list succeeded; a model in neither list is reported as a retryable failure
 * (Shopee said nothing about it, so pushing the same absolute figure again is safe).
 */
export function toStockPushResults(
  listings: ListingRef[],
  response: RawUpdateStockResponse,
  envelopeError: string,
): StockPushResult[] {
  const failures = new Map((response.failure_list ?? []).map((f) => [f.model_id, f.failed_reason]));
  const succeeded = new Set((response.success_list ?? []).map((s) => s.model_id));
  return listings.map((listing): StockPushResult => {
    const modelId = Number(listing.variantId || '0');
    const reason = failures.get(modelId);
    if (reason !== undefined) {
      const platformCode = envelopeError || 'failure_list';
      return { listing, ok: false, platformCode, message: reason, retryable: false };
    }
    if (succeeded.has(modelId)) return { listing, ok: true };
    const message = 'update_stock did not report this model';
    return { listing, ok: false, platformCode: 'not_reported', message, retryable: true };
  });
}
