/**
 * Orders moving through WooCommerce's statuses and what core does to stock on each move
 * (woocommerce.md §6.3, wc-stock-functions.php): reduced once on a move to processing, completed
 * or on-hold (`_order_stock_reduced`), given back on a move to cancelled or pending if it had been
 * reduced; a pending order holds its units (not in stock_quantity) until paid, cancelled or the
 * hold-stock minutes pass, when core's cron cancels it. Every move sends order.updated; a new
 * order sends order.created. Invalid buyer actions throw an Error: a test's mistake.
 */
import type { BuyerOrderInput, BuyerOrderResult } from '../kit/emulator.ts';
import type { WooContext } from './context.ts';
import type { OrderRecord, StockKeeper, StoreRecord } from './state.ts';
import { orderJson } from './views.ts';

/** Statuses whose entry reduces stock once (wc_maybe_reduce_stock_levels). */
const REDUCING = new Set(['processing', 'completed', 'on-hold']);
/** Statuses whose entry gives reduced stock back (wc_maybe_increase_stock_levels). */
const RESTORING = new Set(['cancelled', 'pending']);
/** Statuses whose entry ends a checkout hold (wc_release_stock_for_order). */
const RELEASING = new Set(['processing', 'completed', 'on-hold', 'cancelled']);

export type HowPlaced = 'on-hold' | 'processing' | 'pending';

/**
 * A buyer checks out; refused when the shop cannot sell every unit (stock less others' holds).
 * Unpaid orders go on-hold, as with bank transfer (stock reduced at once), unless `pending` is
 * asked for (a redirect gateway: stock only held); paid ones go to processing.
 */
export function placeOrder(
  context: WooContext,
  input: BuyerOrderInput,
  how?: HowPlaced,
): BuyerOrderResult {
  const store = context.state.store(input.platformShopId);
  const need = new Map<StockKeeper, number>();
  for (const line of input.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1)
      throw new Error(`emulator: quantity must be a positive integer, got ${line.quantity}`);
    const keeper = context.state.keeper(input.platformShopId, line);
    need.set(keeper, (need.get(keeper) ?? 0) + line.quantity);
  }
  for (const [keeper, units] of need)
    if (keeper.manageStock && context.state.buyable(store, keeper) < units)
      return { ok: false, reason: 'OUT_OF_STOCK' };
  const order = newOrder(context, store, input);
  store.orders.set(order.id, order);
  const status = how ?? (input.paid ? 'processing' : 'on-hold');
  if (status === 'pending') order.holdUntilMs = context.nowMs() + context.holdStockMinutes * 60_000;
  if (status === 'processing') order.paidMs = context.nowMs();
  moveStock(context, store, order, status);
  order.status = status;
  context.webhooks.send(store, 'order.created', orderJson(store, order));
  return { ok: true, orderId: String(order.id) };
}

/** Payment completes: pending or on-hold → processing. */
export function payOrder(context: WooContext, storeId: string, orderId: string): void {
  const order = requireStatus(context, storeId, orderId, ['pending', 'on-hold', 'failed']);
  order.paidMs = context.nowMs();
  changeStatus(context, context.state.store(storeId), order, 'processing');
}

export function cancelOrderAsBuyer(context: WooContext, storeId: string, orderId: string): void {
  const order = requireStatus(context, storeId, orderId, ['pending', 'on-hold', 'processing']);
  changeStatus(context, context.state.store(storeId), order, 'cancelled');
}

/** WooCommerce has no shipped status: fulfilment marks the order completed. */
export function shipOrder(context: WooContext, storeId: string, orderId: string): void {
  const order = requireStatus(context, storeId, orderId, ['processing']);
  changeStatus(context, context.state.store(storeId), order, 'completed');
}

/** A full refund after fulfilment, without restock (the merchant did not tick it). */
export function returnOrder(context: WooContext, storeId: string, orderId: string): void {
  const order = requireStatus(context, storeId, orderId, ['completed']);
  changeStatus(context, context.state.store(storeId), order, 'refunded');
}

/** Any status change (the REST API's PUT, buyers, cron), with core's stock handling. */
export function changeStatus(
  context: WooContext,
  store: StoreRecord,
  order: OrderRecord,
  status: string,
): void {
  if (order.status === status) return;
  moveStock(context, store, order, status);
  order.status = status;
  order.modifiedMs = Math.max(context.nowMs(), order.modifiedMs);
  context.webhooks.send(store, 'order.updated', orderJson(store, order));
}

/** wc_cancel_unpaid_orders: pending orders whose hold ran out are cancelled. */
export function expireUnpaidOrders(context: WooContext, store: StoreRecord): void {
  const now = context.nowMs();
  for (const order of store.orders.values()) {
    if (order.status !== 'pending' || order.holdUntilMs === null || order.holdUntilMs > now)
      continue;
    order.notes.push({
      id: context.state.id(),
      note: 'Unpaid order cancelled - time limit reached.',
      customerNote: false,
    });
    changeStatus(context, store, order, 'cancelled');
  }
}

function moveStock(
  context: WooContext,
  store: StoreRecord,
  order: OrderRecord,
  status: string,
): void {
  if (REDUCING.has(status) && !order.stockReduced) {
    adjust(context, store, order, -1);
    order.stockReduced = true;
  } else if (RESTORING.has(status) && order.stockReduced) {
    adjust(context, store, order, +1);
    order.stockReduced = false;
  }
  if (RELEASING.has(status)) order.holdUntilMs = null;
}

function adjust(context: WooContext, store: StoreRecord, order: OrderRecord, sign: 1 | -1): void {
  for (const line of order.lines) {
    const keeper = context.state.findKeeper(store, line.productId, line.variationId);
    if (!keeper?.manageStock) continue;
    keeper.stockQuantity = (keeper.stockQuantity ?? 0) + sign * line.quantity;
    keeper.modifiedMs = context.nowMs();
  }
}

function newOrder(context: WooContext, store: StoreRecord, input: BuyerOrderInput): OrderRecord {
  const now = context.nowMs();
  return {
    id: context.state.id(),
    status: 'checkout-draft',
    createdMs: now,
    modifiedMs: now,
    paidMs: null,
    stockReduced: false,
    holdUntilMs: null,
    notes: [],
    lines: input.lines.map((line) => {
      const product = store.products.get(Number(line.itemId));
      const variationId = Number(line.variantId || 0);
      const keeper = context.state.findKeeper(store, Number(line.itemId), variationId);
      return {
        id: context.state.id(),
        productId: Number(line.itemId),
        variationId,
        quantity: line.quantity,
        sku: keeper?.sku ?? '',
        name: product?.name ?? '',
      };
    }),
  };
}

function requireStatus(
  context: WooContext,
  storeId: string,
  orderId: string,
  allowed: string[],
): OrderRecord {
  const order = context.state.order(storeId, orderId);
  if (!allowed.includes(order.status))
    throw new Error(`emulator: order ${orderId} is ${order.status}, expected ${allowed.join('|')}`);
  return order;
}
