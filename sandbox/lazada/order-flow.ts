/**
 * Buyers and Lazada itself moving orders, and what each step does to the SKU's stock buckets
 * (lazada.md §3.8): an order withholds sellable units while unpaid (released after 30 minutes
 * unpaid), payment moves them to occupy, shipping removes them, a cancellation gives them back to
 * sellable. Every change pushes the items' new status.
 */
import type { BuyerOrderInput, BuyerOrderResult } from '../kit/emulator.ts';
import type { EmulatorContext } from './context.ts';
import { pushItemStatuses } from './pushes.ts';
import type {
  ItemStatus,
  OrderItemRecord,
  OrderRecord,
  ShopRecord,
  WarehouseBuckets,
} from './state.ts';

/** Unpaid orders are released after 30 minutes (§3.8). */
export const UNPAID_EXPIRY_MS = 30 * 60_000;

/** A buyer's order: refused when the default warehouse shows too little sellable stock. */
export function placeOrder(context: EmulatorContext, input: BuyerOrderInput): BuyerOrderResult {
  expireUnpaidOrders(context);
  const shop = context.state.shop(input.platformShopId);
  const warehouse = shop.seed.warehouseIds[0] as string;
  const wanted = new Map<string, number>();
  for (const line of input.lines) {
    const key = `${line.itemId}/${line.variantId}`;
    wanted.set(key, (wanted.get(key) ?? 0) + line.quantity);
  }
  for (const line of input.lines) {
    const buckets = bucketsOf(context, shop, line, warehouse);
    if (buckets.sellable < (wanted.get(`${line.itemId}/${line.variantId}`) ?? 0))
      return { ok: false, reason: 'OUT_OF_STOCK' };
  }
  const now = context.nowMs();
  const status: ItemStatus = input.paid ? 'pending' : 'unpaid';
  const order: OrderRecord = {
    orderId: context.state.mintId(260_000_000_000_000),
    createdAtMs: now,
    updatedAtMs: now,
    items: [],
  };
  for (const line of input.lines) {
    const sku = context.state.sku(shop.seed.platformShopId, line);
    const buckets = bucketsOf(context, shop, line, warehouse);
    buckets.sellable -= line.quantity;
    if (input.paid) buckets.occupy += line.quantity;
    else buckets.withhold += line.quantity;
    for (let unit = 0; unit < line.quantity; unit++)
      order.items.push(newItem(context, sku, warehouse, status, now));
  }
  shop.orders.set(order.orderId, order);
  pushItemStatuses(context, shop, order, order.items);
  return { ok: true, orderId: order.orderId };
}

/** Payment: unpaid items go pending, their units from withhold to occupy. */
export function payOrder(context: EmulatorContext, sellerId: string, orderId: string): void {
  expireUnpaidOrders(context);
  moveItems(context, sellerId, orderId, ['unpaid'], (buckets) => {
    buckets.withhold -= 1;
    buckets.occupy += 1;
    return 'pending';
  });
}

/** Shipping: pending items go shipped and leave occupy (§3.8: removed at RTS). */
export function shipOrder(context: EmulatorContext, sellerId: string, orderId: string): void {
  expireUnpaidOrders(context);
  moveItems(context, sellerId, orderId, ['pending'], (buckets) => {
    buckets.occupy -= 1;
    return 'shipped';
  });
}

/** A shipped order comes back: items go returned; restocking is the seller's call. */
export function returnOrder(context: EmulatorContext, sellerId: string, orderId: string): void {
  moveItems(context, sellerId, orderId, ['shipped'], () => 'returned');
}

/** Cancels the given open items (all open ones by default), giving their units back. */
export function cancelItems(
  context: EmulatorContext,
  sellerId: string,
  orderId: string,
  how: { initiator: 'buyer' | 'seller' | 'system'; reason: string; itemIds?: string[] },
): OrderItemRecord[] {
  return moveItems(context, sellerId, orderId, ['unpaid', 'pending'], (buckets, item) => {
    if (how.itemIds && !how.itemIds.includes(item.orderItemId)) return null;
    if (item.status === 'unpaid') buckets.withhold -= 1;
    else buckets.occupy -= 1;
    buckets.sellable += 1;
    item.cancelInitiator = how.initiator;
    item.reason = how.reason;
    return 'canceled';
  });
}

/**
 * Lazada releases unpaid orders after 30 minutes (§3.8). Swept lazily on every request and
 * action, with the time they expired (not the time of the sweep) as their update time.
 */
export function expireUnpaidOrders(context: EmulatorContext): void {
  const now = context.nowMs();
  for (const shop of context.state.shops.values()) {
    for (const order of shop.orders.values()) {
      const expiresAtMs = order.createdAtMs + UNPAID_EXPIRY_MS;
      if (now < expiresAtMs || !order.items.some((item) => item.status === 'unpaid')) continue;
      const changed = order.items.filter((item) => item.status === 'unpaid');
      for (const item of changed) {
        const buckets = bucketsOf(context, shop, item, item.warehouseCode);
        buckets.withhold -= 1;
        buckets.sellable += 1;
        Object.assign(item, {
          status: 'canceled',
          cancelInitiator: 'system',
          reason: 'Payment timeout',
          updatedAtMs: expiresAtMs,
        });
      }
      order.updatedAtMs = Math.max(order.updatedAtMs, expiresAtMs);
      pushItemStatuses(context, shop, order, changed);
    }
  }
}

/** Moves the order's items in `from` through `step` (null = leave the item); pushes the changes. */
function moveItems(
  context: EmulatorContext,
  sellerId: string,
  orderId: string,
  from: ItemStatus[],
  step: (buckets: WarehouseBuckets, item: OrderItemRecord) => ItemStatus | null,
): OrderItemRecord[] {
  const shop = context.state.shop(sellerId);
  const order = context.state.order(sellerId, orderId);
  const now = context.nowMs();
  const changed: OrderItemRecord[] = [];
  for (const item of order.items) {
    if (!from.includes(item.status)) continue;
    const next = step(bucketsOf(context, shop, item, item.warehouseCode), item);
    if (next === null) continue;
    item.status = next;
    item.updatedAtMs = now;
    changed.push(item);
  }
  if (changed.length > 0) order.updatedAtMs = now;
  pushItemStatuses(context, shop, order, changed);
  return changed;
}

function bucketsOf(
  context: EmulatorContext,
  shop: ShopRecord,
  ref: { itemId: string; variantId?: string; skuId?: string },
  warehouse: string,
): WarehouseBuckets {
  const variantId = ref.variantId ?? ref.skuId ?? '';
  const sku = context.state.sku(shop.seed.platformShopId, { itemId: ref.itemId, variantId });
  const buckets = sku.stock.get(warehouse);
  if (!buckets) throw new Error(`SKU ${variantId} has no stock at ${warehouse}`);
  return buckets;
}

function newItem(
  context: EmulatorContext,
  sku: { skuId: string; itemId: string; sellerSku: string },
  warehouseCode: string,
  status: ItemStatus,
  nowMs: number,
): OrderItemRecord {
  return {
    orderItemId: context.state.mintId(360_000_000_000_000),
    skuId: sku.skuId,
    itemId: sku.itemId,
    sellerSku: sku.sellerSku,
    warehouseCode,
    status,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
    cancelInitiator: null,
    reason: null,
  };
}
