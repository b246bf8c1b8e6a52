/**
 * Pure translations between Lazada payloads and the connector contract: order statuses to states
 * (lazada.md §3.8), order items to orders, products to listings (§3.7 stock buckets).
 * Stock pushes are in stock-payload.ts.
 */
import type { OrderState, PlatformListing, PlatformOrder, PlatformStock } from '../contract.ts';
import type { RawOrderHeader, RawOrderItem, RawProduct } from './raw-types.ts';

/**
 * Every order/item status of §3.8 and what it means for stock. `failed` (delivery failed, the
 * parcel goes back to the seller) reads as returned; `lost` (gone in transit, not coming back)
 * as shipped: the units left and do not return to stock.
 */
const STATE_BY_STATUS: Readonly<Record<string, OrderState>> = {
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

/** Every Lazada status the connector knows, for tests and docs. */
export const LAZADA_STATUSES: readonly string[] = Object.keys(STATE_BY_STATUS);

/** The normalized state of a Lazada status, or null for one we do not know. */
export function toOrderState(status: string): OrderState | null {
  return STATE_BY_STATUS[status.toLowerCase()] ?? null;
}

/** Lifecycle order of states, for choosing an order's status among its items'. */
const STATE_RANK: Readonly<Record<OrderState, number>> = {
  placed: 0,
  paid: 1,
  shipped: 2,
  returned: 3,
  cancelled: 4,
};

/**
 * The status that stands for the order. Lazada keeps status per item (the order's `statuses[]`
 * lists the distinct ones): the least advanced item that is not cancelled speaks for the order,
 * so units still held stay held; only when every item is cancelled is the order cancelled.
 */
export function orderStatusOf(itemStatuses: string[]): string {
  const open = itemStatuses.filter((status) => toOrderState(status) !== 'cancelled');
  const candidates = open.length > 0 ? open : itemStatuses;
  const rank = (status: string) => STATE_RANK[toOrderState(status) ?? 'cancelled'];
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0] ?? 'unknown';
}

/**
 * A Lazada order in contract form, from its items (one per unit, quantity 1 each, §3.7) and,
 * when read through orders/get, its header (its `updated_at` is the order's own). Items cancelled
 * inside a still-open order are left out, as they hold nothing any more.
 *
 * Lazada gives no payment time: an order past unpaid is taken as paid when created (cash on
 * delivery orders are pending from the start), so the earlier order wins a contested unit.
 */
export function toPlatformOrder(
  orderId: string,
  items: RawOrderItem[],
  header?: RawOrderHeader,
): PlatformOrder {
  const rawStatus = orderStatusOf(items.map((item) => item.status));
  const state = toOrderState(rawStatus);
  const createdAtMs = header?.created_at ?? Math.min(...items.map((item) => item.created_at));
  const updatedAtMs = Math.max(header?.updated_at ?? 0, ...items.map((item) => item.updated_at));
  const lines = items
    .filter((item) => state === 'cancelled' || toOrderState(item.status) !== 'cancelled')
    .map((item) => ({
      itemId: item.product_id,
      variantId: item.sku_id,
      lineId: item.order_item_id,
      sellerSku: item.sku,
      quantity: 1,
      warehouseId: item.warehouse_code ?? header?.warehouse_code ?? null,
    }));
  return {
    orderId,
    rawStatus,
    state,
    createdAtMs,
    updatedAtMs,
    paidAtMs: state === null || state === 'placed' ? null : createdAtMs,
    lines,
  };
}

/**
 * One listing per SKU. With `options=1` each SKU lists its warehouses (`multiWarehouseInventories`,
 * §3.7): available = sellableQuantity, committed = withhold + occupy (unpaid and unshipped orders,
 * §3.8). A SKU without that list has one stock figure, `Available` (or `quantity`).
 */
export function toPlatformListings(product: RawProduct): PlatformListing[] {
  return product.skus.map((sku) => ({
    itemId: product.item_id,
    variantId: sku.SkuId,
    sellerSku: sku.SellerSku,
    title: product.attributes.name ?? '',
    stock:
      sku.multiWarehouseInventories.length > 0
        ? sku.multiWarehouseInventories.map((entry): PlatformStock => ({
            warehouseId: entry.warehouseCode,
            available: entry.sellableQuantity,
            committed: entry.withholdQuantity + entry.occupyQuantity,
          }))
        : [{ warehouseId: null, available: sku.Available ?? sku.quantity ?? 0 }],
  }));
}
