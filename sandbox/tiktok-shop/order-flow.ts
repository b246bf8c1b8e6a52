/**
 * Orders moving through TikTok's lifecycle and what each step does to stock (tiktok-shop.md §1.8):
 * placing (UNPAID) moves units from available to committed; cancelling moves them back; shipping
 * takes them out of committed. Every status change bumps update_time and sends ORDER_STATUS_CHANGE.
 * Invalid buyer actions throw an Error: they are a test's mistake, not a platform answer.
 */
import type { BuyerOrderInput, BuyerOrderResult } from '../kit/emulator.ts';
import type { EmulatorContext } from './context.ts';
import { nowSeconds } from './context.ts';
import type { LineItemRecord, OrderRecord, OrderStatus, ShopRecord, SkuRecord } from './state.ts';
import { notifyOrderStatus } from './webhooks.ts';

/** Statuses in which an order still holds its units (committed, not shipped). */
export const OPEN_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'UNPAID',
  'ON_HOLD',
  'AWAITING_SHIPMENT',
]);

/** A buyer presses Place Order: refused when one warehouse cannot cover every unit. */
export function placeOrder(context: EmulatorContext, input: BuyerOrderInput): BuyerOrderResult {
  const shop = context.state.shop(input.platformShopId);
  const need = new Map<SkuRecord, number>();
  for (const line of input.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1)
      throw new Error(`emulator: quantity must be a positive integer, got ${line.quantity}`);
    const sku = context.state.sku(input.platformShopId, line);
    need.set(sku, (need.get(sku) ?? 0) + line.quantity);
  }
  const warehouseId = pickWarehouse(shop, need);
  if (warehouseId === null) return { ok: false, reason: 'OUT_OF_STOCK' };
  const order = newOrder(context, warehouseId);
  for (const [sku, quantity] of need) {
    for (let unit = 0; unit < quantity; unit++) {
      moveUnit(sku, warehouseId, 'hold');
      order.lineItems.push(newLineItem(context, shop, sku));
    }
  }
  shop.orders.set(order.id, order);
  notifyOrderStatus(context, shop, order);
  if (input.paid) payOrder(context, input.platformShopId, order.id);
  return { ok: true, orderId: order.id };
}

/** Payment goes through: UNPAID → AWAITING_SHIPMENT (the ON_HOLD window is skipped here). */
export function payOrder(context: EmulatorContext, shopId: string, orderId: string): void {
  const order = requireStatus(context, shopId, orderId, ['UNPAID']);
  order.paidTime = nowSeconds(context);
  changeStatus(context, context.state.shop(shopId), order, 'AWAITING_SHIPMENT');
}

/** The buyer cancels before shipping: every open unit goes back to available. */
export function cancelOrderAsBuyer(
  context: EmulatorContext,
  shopId: string,
  orderId: string,
): void {
  const order = requireStatus(context, shopId, orderId, [...OPEN_STATUSES]);
  const shop = context.state.shop(shopId);
  cancelLines(shop, order, openLines(order), { by: 'BUYER', reason: 'buyer_requested' });
  closeAsCancelled(context, shop, order, 'BUYER');
}

/** The seller ships: the units leave committed. */
export function shipOrder(context: EmulatorContext, shopId: string, orderId: string): void {
  const order = requireStatus(context, shopId, orderId, ['AWAITING_SHIPMENT']);
  const shop = context.state.shop(shopId);
  for (const line of openLines(order)) moveUnit(skuOf(shop, line), order.warehouseId, 'consume');
  changeStatus(context, shop, order, 'IN_TRANSIT');
}

/** Lines not cancelled yet. */
export function openLines(order: OrderRecord): LineItemRecord[] {
  return order.lineItems.filter((line) => line.cancelledBy === null);
}

/** Cancels the given lines and gives their units back to available. */
export function cancelLines(
  shop: ShopRecord,
  order: OrderRecord,
  lines: LineItemRecord[],
  cancel: { by: 'BUYER' | 'SELLER'; reason: string },
): void {
  for (const line of lines) {
    line.cancelledBy = cancel.by;
    line.cancelReason = cancel.reason;
    moveUnit(skuOf(shop, line), order.warehouseId, 'release');
  }
}

/** Marks the whole order CANCELLED (its units already released) and notifies. */
export function closeAsCancelled(
  context: EmulatorContext,
  shop: ShopRecord,
  order: OrderRecord,
  by: 'BUYER' | 'SELLER',
): void {
  order.cancelTime = nowSeconds(context);
  order.cancellationInitiator = by;
  order.cancelReason = order.lineItems.at(-1)?.cancelReason ?? null;
  changeStatus(context, shop, order, 'CANCELLED');
}

export function changeStatus(
  context: EmulatorContext,
  shop: ShopRecord,
  order: OrderRecord,
  status: OrderStatus,
): void {
  order.status = status;
  order.updateTime = nowSeconds(context);
  notifyOrderStatus(context, shop, order);
}

/** hold: available → committed; release: committed → available; consume: out of committed. */
function moveUnit(sku: SkuRecord, warehouseId: string, move: 'hold' | 'release' | 'consume'): void {
  const stock = sku.stock.get(warehouseId);
  if (!stock) throw new Error(`emulator: SKU ${sku.id} has no stock at ${warehouseId}`);
  switch (move) {
    case 'hold':
      stock.available -= 1;
      stock.committed += 1;
      break;
    case 'release':
      stock.committed -= 1;
      stock.available += 1;
      break;
    case 'consume':
      stock.committed -= 1;
  }
}

function pickWarehouse(shop: ShopRecord, need: Map<SkuRecord, number>): string | null {
  const candidates = new Set(shop.seed.warehouseIds);
  for (const sku of need.keys())
    for (const warehouseId of sku.stock.keys()) candidates.add(warehouseId);
  for (const warehouseId of candidates) {
    const fits = [...need].every(
      ([sku, units]) => (sku.stock.get(warehouseId)?.available ?? 0) >= units,
    );
    if (fits) return warehouseId;
  }
  return null;
}

function newOrder(context: EmulatorContext, warehouseId: string): OrderRecord {
  const now = nowSeconds(context);
  return {
    id: context.ids.next('order'),
    status: 'UNPAID',
    createTime: now,
    updateTime: now,
    paidTime: null,
    cancelTime: null,
    cancelReason: null,
    cancellationInitiator: null,
    warehouseId,
    lineItems: [],
    returns: [],
  };
}

function newLineItem(context: EmulatorContext, shop: ShopRecord, sku: SkuRecord): LineItemRecord {
  return {
    id: context.ids.next('lineItem'),
    skuId: sku.id,
    productId: sku.productId,
    sellerSku: sku.sellerSku,
    skuName: shop.products.get(sku.productId)?.title ?? '',
    cancelledBy: null,
    cancelReason: null,
  };
}

function skuOf(shop: ShopRecord, line: LineItemRecord): SkuRecord {
  const sku = shop.products.get(line.productId)?.skus.get(line.skuId);
  if (!sku) throw new Error(`emulator: line ${line.id} names an unknown SKU`);
  return sku;
}

export function requireStatus(
  context: EmulatorContext,
  shopId: string,
  orderId: string,
  allowed: OrderStatus[],
): OrderRecord {
  const order = context.state.order(shopId, orderId);
  if (!allowed.includes(order.status))
    throw new Error(`emulator: order ${orderId} is ${order.status}, expected ${allowed.join('|')}`);
  return order;
}
