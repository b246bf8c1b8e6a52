/**
 * Orders moving through Amazon's lifecycle and what each step does to shown stock (amazon.md
 * §4.4): a new order is Pending (or Unshipped when paid at once) and Amazon takes its units off the
 * listing's available quantity at once, withholding them; cancelling gives them back; shipping
 * lets go of the withheld units. Every status change moves LastUpdateDate and puts ORDER_CHANGE
 * on the queue. Invalid buyer actions throw an Error: a test's mistake, not a platform answer.
 */
import type { BuyerOrderInput, BuyerOrderResult } from '../kit/emulator.ts';
import type { AmazonContext } from './context.ts';
import { notifyOrderChange } from './notifications.ts';
import type { AmazonOrderStatus, ChannelStock, ListingRecord, OrderRecord } from './state.ts';

/** The seller's own channel. */
export const MFN_CHANNEL = 'DEFAULT';

/** Statuses in which an order still withholds its units. */
export const OPEN_STATUSES: ReadonlySet<AmazonOrderStatus> = new Set([
  'PendingAvailability',
  'Pending',
  'Unshipped',
]);

/**
 * A buyer places an order: refused when a listing shows fewer units than asked. Lines come from
 * the seller's own stock (MFN) when the listing has a DEFAULT channel, else from FBA (AFN).
 */
export function placeOrder(context: AmazonContext, input: BuyerOrderInput): BuyerOrderResult {
  const shop = context.state.shop(input.platformShopId);
  const need = new Map<ListingRecord, number>();
  for (const line of input.lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1)
      throw new Error(`emulator: quantity must be a positive integer, got ${line.quantity}`);
    const listing = context.state.listing(input.platformShopId, line);
    need.set(listing, (need.get(listing) ?? 0) + line.quantity);
  }
  const picks = [...need].map(([listing, quantity]) => ({
    listing,
    quantity,
    channel: channelOf(listing),
  }));
  if (picks.some((p) => (p.listing.channels.get(p.channel)?.quantity ?? 0) < p.quantity))
    return { ok: false, reason: 'OUT_OF_STOCK' };
  const now = context.nowMs();
  const order: OrderRecord = {
    id: context.nextOrderId(),
    status: 'Pending',
    purchaseMs: now,
    updatedMs: now,
    fulfillment: picks.every((p) => p.channel !== MFN_CHANNEL) ? 'AFN' : 'MFN',
    lines: picks.map((p) => {
      const stock = p.listing.channels.get(p.channel) as ChannelStock;
      stock.quantity -= p.quantity;
      stock.withheld += p.quantity;
      return {
        orderItemId: context.nextId(''),
        sku: p.listing.sku,
        asin: p.listing.asin,
        title: p.listing.title,
        quantity: p.quantity,
        quantityShipped: 0,
        channel: p.channel,
      };
    }),
    returned: false,
  };
  shop.orders.set(order.id, order);
  notifyOrderChange(context, shop, order);
  if (input.paid) payOrder(context, input.platformShopId, order.id);
  return { ok: true, orderId: order.id };
}

/** Payment is authorized: Pending → Unshipped. */
export function payOrder(context: AmazonContext, sellerId: string, orderId: string): void {
  const order = requireStatus(context, sellerId, orderId, ['Pending', 'PendingAvailability']);
  changeStatus(context, sellerId, order, 'Unshipped');
}

/** The buyer (or Amazon) cancels before shipping: withheld units go back to available. */
export function cancelOrderAsBuyer(
  context: AmazonContext,
  sellerId: string,
  orderId: string,
): void {
  cancelOpenOrder(context, sellerId, orderId);
}

/** Cancels an open order and gives its units back; used by buyers and the seller's cancelOrder. */
export function cancelOpenOrder(
  context: AmazonContext,
  sellerId: string,
  orderId: string,
): OrderRecord {
  const order = requireStatus(context, sellerId, orderId, [...OPEN_STATUSES]);
  const shop = context.state.shop(sellerId);
  for (const line of order.lines) {
    const stock = shop.listings.get(line.sku)?.channels.get(line.channel);
    if (!stock) continue;
    stock.quantity += line.quantity;
    stock.withheld = Math.max(0, stock.withheld - line.quantity);
  }
  changeStatus(context, sellerId, order, 'Canceled');
  return order;
}

/** The seller ships every line: the withheld units leave. */
export function shipOrder(context: AmazonContext, sellerId: string, orderId: string): void {
  const order = requireStatus(context, sellerId, orderId, ['Unshipped', 'PartiallyShipped']);
  const shop = context.state.shop(sellerId);
  for (const line of order.lines) {
    const stock = shop.listings.get(line.sku)?.channels.get(line.channel);
    if (stock)
      stock.withheld = Math.max(0, stock.withheld - (line.quantity - line.quantityShipped));
    line.quantityShipped = line.quantity;
  }
  changeStatus(context, sellerId, order, 'Shipped');
}

/**
 * The buyer returns a shipped order. Orders v0 has no return status (returns are in reports,
 * §4.4): the order stays Shipped, no notification follows and shown stock does not change.
 */
export function returnOrder(context: AmazonContext, sellerId: string, orderId: string): void {
  const order = requireStatus(context, sellerId, orderId, ['Shipped']);
  order.returned = true;
}

function channelOf(listing: ListingRecord): string {
  if (listing.channels.has(MFN_CHANNEL)) return MFN_CHANNEL;
  const first = listing.channels.keys().next().value;
  if (first === undefined) throw new Error(`emulator: listing ${listing.sku} has no stock channel`);
  return first;
}

function changeStatus(
  context: AmazonContext,
  sellerId: string,
  order: OrderRecord,
  status: AmazonOrderStatus,
): void {
  order.status = status;
  order.updatedMs = Math.max(context.nowMs(), order.updatedMs);
  notifyOrderChange(context, context.state.shop(sellerId), order);
}

function requireStatus(
  context: AmazonContext,
  sellerId: string,
  orderId: string,
  allowed: AmazonOrderStatus[],
): OrderRecord {
  const order = context.state.order(sellerId, orderId);
  if (!allowed.includes(order.status))
    throw new Error(
      `emulator: order ${orderId} is ${order.status}, expected ${allowed.join(' or ')}`,
    );
  return order;
}
