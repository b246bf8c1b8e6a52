/**
 * Seeded buyers for the reliability runs: they place one-line orders on the emulated shops (the
 * platform refuses when it shows too little), and pay or cancel some of them a little later, as
 * buyers do. Every order is kept in a book, so the final checks can compare each one's status on
 * its platform with what StockPool applied.
 */
import { seededRandom } from '../../sandbox/kit/faults.ts';
import type { EmulatedShop } from '../support/channel-rig.ts';

export interface BookedOrder {
  shop: EmulatedShop;
  orderId: string;
  sku: string;
  quantity: number;
}

/** The platform's word for an order, as the lifecycle's state StockPool should have applied. */
export function expectedState(status: string | null): 'placed' | 'paid' | 'cancelled' | null {
  if (status === null) return null;
  if (status.includes('CANCEL')) return 'cancelled';
  if (status === 'UNPAID') return 'placed';
  return 'paid';
}

export class Buyers {
  readonly book: BookedOrder[] = [];
  refused = 0;
  private readonly later: Array<{ atMs: number; order: BookedOrder; act: 'pay' | 'cancel' }> = [];
  private readonly random: () => number;

  constructor(
    private readonly shops: EmulatedShop[],
    private readonly skus: string[],
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  /** Buyer cancellations: when, where and how many units the platform put back on sale. */
  readonly cancels: Array<{ atMs: number; platformShopId: string; sku: string; units: number }> =
    [];

  /** One buyer action: a pay or cancel that is due, else a new order; false when refused. */
  act(nowMs: number): boolean {
    const due = this.later.findIndex((l) => l.atMs <= nowMs);
    if (due !== -1) {
      const [{ order, act }] = this.later.splice(due, 1) as [(typeof this.later)[number]];
      return this.follow(order, act, nowMs);
    }
    return this.place(nowMs);
  }

  /** Follow-ups still waiting (they are dropped when the run stops placing orders). */
  pending(): number {
    return this.later.length;
  }

  private place(nowMs: number): boolean {
    const shop = this.pick(this.shops);
    const sku = this.pick(this.skus);
    const quantity = 1 + Math.floor(this.random() * 3);
    const paid = this.random() < 0.2;
    const placed = shop.emulator.placeOrder({
      platformShopId: shop.platformShopId,
      lines: [{ ...shop.ref(sku), quantity }],
      paid,
    });
    if (!placed.ok) {
      this.refused += 1;
      return false;
    }
    const order = { shop, orderId: placed.orderId, sku, quantity };
    this.book.push(order);
    const roll = this.random();
    const atMs = nowMs + 200 + Math.floor(this.random() * 3_000);
    if (!paid && roll < 0.6) this.later.push({ atMs, order, act: 'pay' });
    else if (roll > 0.8) this.later.push({ atMs, order, act: 'cancel' });
    return true;
  }

  private follow(order: BookedOrder, act: 'pay' | 'cancel', nowMs: number): boolean {
    const { emulator, platformShopId } = order.shop;
    const status = emulator.orderStatus(platformShopId, order.orderId);
    // StockPool may have cancelled it meanwhile (unfillable): the buyer cannot act on it any more.
    if (status === null || status.includes('CANCEL') || (act === 'pay' && status !== 'UNPAID'))
      return false;
    try {
      if (act === 'pay') emulator.payOrder(platformShopId, order.orderId);
      else {
        emulator.cancelOrderAsBuyer(platformShopId, order.orderId);
        this.cancels.push({ atMs: nowMs, platformShopId, sku: order.sku, units: order.quantity });
      }
      return true;
    } catch {
      // The platform does not allow it in this status (e.g. a buyer cancel after shipping).
      this.refused += 1;
      return false;
    }
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('nothing to pick from');
    return item;
  }
}
