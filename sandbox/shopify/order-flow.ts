/**
 * Buyers and the shop's own effects on stock (shopify.md §5.2): an order is refused unless a
 * location shows enough `available` for each line; once placed, Shopify itself moves the units
 * from `available` to `committed`. Fulfilment takes them out of `committed`; a cancellation with
 * restock gives unfulfilled units back to `available`. Each change sends its webhook.
 */
import type { BuyerOrderInput, BuyerOrderResult } from '../kit/emulator.ts';
import type { EmulatorContext } from './context.ts';
import type { Order, OrderLine, Shop } from './state.ts';
import { sendOrderWebhook, sendRefundWebhook } from './webhooks.ts';

export function placeOrder(context: EmulatorContext, input: BuyerOrderInput): BuyerOrderResult {
  const { state } = context;
  const shop = state.shop(input.platformShopId);
  const lines: OrderLine[] = [];
  for (const wanted of input.lines) {
    const variant = state.variant(input.platformShopId, wanted.itemId, wanted.variantId);
    const already = (location: string) =>
      lines
        .filter((l) => l.variantId === variant.id && l.locationId === location)
        .reduce((s, l) => s + l.quantity, 0);
    const location = shop.locations.find(
      (id) => (variant.levels.get(id)?.available ?? 0) - already(id) >= wanted.quantity,
    );
    if (location === undefined) return { ok: false, reason: 'OUT_OF_STOCK' };
    lines.push({
      id: state.nextNumber(),
      productId: variant.productId,
      variantId: variant.id,
      sku: variant.sku,
      title: shop.products.get(variant.productId)?.title ?? '',
      quantity: wanted.quantity,
      locationId: location,
    });
  }
  const now = context.nowMs();
  for (const line of lines)
    moveStock(context, shop, line, { available: -line.quantity, committed: line.quantity });
  const order: Order = {
    id: state.nextNumber(),
    number: 1001 + shop.orders.size,
    createdAtMs: now,
    updatedAtMs: now,
    financialStatus: input.paid ? 'paid' : 'pending',
    fulfillmentStatus: null,
    cancelledAtMs: null,
    cancelReason: null,
    paidAtMs: input.paid ? now : null,
    lines,
  };
  shop.orders.set(order.id, order);
  sendOrderWebhook(context, shop, order, 'orders/create');
  if (input.paid) sendOrderWebhook(context, shop, order, 'orders/paid');
  return { ok: true, orderId: order.id };
}

export function payOrder(context: EmulatorContext, shopDomain: string, orderId: string): void {
  const shop = context.state.shop(shopDomain);
  const order = openOrder(context, shopDomain, orderId);
  order.financialStatus = 'paid';
  order.paidAtMs = context.nowMs();
  order.updatedAtMs = context.nowMs();
  sendOrderWebhook(context, shop, order, 'orders/paid');
}

/** Shopify buyers ask; the shop cancels with reason CUSTOMER and restocks. */
export function cancelOrderAsBuyer(
  context: EmulatorContext,
  shopDomain: string,
  orderId: string,
): void {
  cancelOrder(context, shopDomain, orderId, { reason: 'customer', restock: true, refund: true });
}

/** Cancels an open order: restocks its unfulfilled units when asked, refunds a paid one. */
export function cancelOrder(
  context: EmulatorContext,
  shopDomain: string,
  orderId: string,
  how: { reason: string; restock: boolean; refund: boolean },
): Order {
  const shop = context.state.shop(shopDomain);
  const order = openOrder(context, shopDomain, orderId);
  const now = context.nowMs();
  if (how.restock && order.fulfillmentStatus === null)
    for (const line of order.lines)
      moveStock(context, shop, line, { available: line.quantity, committed: -line.quantity });
  order.cancelledAtMs = now;
  order.cancelReason = how.reason;
  if (order.financialStatus === 'paid' && how.refund) order.financialStatus = 'refunded';
  else if (order.financialStatus === 'pending') order.financialStatus = 'voided';
  order.updatedAtMs = now;
  sendOrderWebhook(context, shop, order, 'orders/cancelled');
  return order;
}

export function shipOrder(context: EmulatorContext, shopDomain: string, orderId: string): void {
  const shop = context.state.shop(shopDomain);
  const order = openOrder(context, shopDomain, orderId);
  if (order.fulfillmentStatus === 'fulfilled') return;
  for (const line of order.lines)
    moveStock(context, shop, line, { available: 0, committed: -line.quantity });
  order.fulfillmentStatus = 'fulfilled';
  order.updatedAtMs = context.nowMs();
  sendOrderWebhook(context, shop, order, 'orders/fulfilled');
}

/** The buyer returns a fulfilled order and is refunded; nothing is restocked. */
export function returnOrder(context: EmulatorContext, shopDomain: string, orderId: string): void {
  const shop = context.state.shop(shopDomain);
  const order = context.state.order(shopDomain, orderId);
  if (order.fulfillmentStatus !== 'fulfilled') throw new Error(`order ${orderId} is not fulfilled`);
  order.financialStatus = 'refunded';
  order.updatedAtMs = context.nowMs();
  sendRefundWebhook(context, shop, order);
}

function openOrder(context: EmulatorContext, shopDomain: string, orderId: string): Order {
  const order = context.state.order(shopDomain, orderId);
  if (order.cancelledAtMs !== null) throw new Error(`order ${orderId} is cancelled`);
  return order;
}

function moveStock(
  context: EmulatorContext,
  shop: Shop,
  line: OrderLine,
  delta: { available: number; committed: number },
): void {
  const level = shop.variants.get(line.variantId)?.levels.get(line.locationId);
  if (!level) return;
  level.available += delta.available;
  level.committed = Math.max(0, level.committed + delta.committed);
  level.updatedAtMs = context.nowMs();
}
