/**
 * What happened at the shops during a sale, as the buyers saw it: who found stock shown and
 * ordered, whose order the platform accepted, who found none (a lost buyer), and the lowest figure
 * any shop ever showed (a platform showing a negative figure would be a broken emulator or sync).
 */
import { performance } from 'node:perf_hooks';
import type { EmulatedShop } from '../support/channel-rig.ts';
import { SALE_SKU, type Buyer } from './buyers.ts';

export interface AcceptedOrder {
  buyer: number;
  shopIndex: number;
  orderId: string;
  /** ms since the sale opened. */
  atMs: number;
}

export class SaleBook {
  readonly accepted: AcceptedOrder[] = [];
  /** Buyers who found the shop showing nothing (or were refused by the platform). */
  refused = 0;
  firstRefusedAtMs: number | null = null;
  lastRefusedAtMs: number | null = null;
  minShown = Number.POSITIVE_INFINITY;
  private readonly openedAt = performance.now();

  constructor(readonly shops: readonly EmulatedShop[]) {}

  /** ms since the sale opened. */
  nowMs(): number {
    return performance.now() - this.openedAt;
  }

  /** A buyer looks at the shop and orders one unit when it shows any. */
  visit(buyer: Buyer): AcceptedOrder | null {
    const shop = this.shopOf(buyer.shopIndex);
    const placed =
      shop.shown(SALE_SKU) > 0
        ? shop.emulator.placeOrder({
            platformShopId: shop.platformShopId,
            lines: [{ ...shop.ref(SALE_SKU), quantity: 1 }],
          })
        : null;
    if (!placed?.ok) {
      this.refused += 1;
      this.firstRefusedAtMs ??= this.nowMs();
      this.lastRefusedAtMs = this.nowMs();
      return null;
    }
    const order = {
      buyer: buyer.index,
      shopIndex: buyer.shopIndex,
      orderId: placed.orderId,
      atMs: this.nowMs(),
    };
    this.accepted.push(order);
    return order;
  }

  /** Notes every shop's figure (called after each wave and at the end). */
  observeShown(): number[] {
    const shown = this.shops.map((s) => s.shown(SALE_SKU));
    this.minShown = Math.min(this.minShown, ...shown);
    return shown;
  }

  acceptedByShop(): number[] {
    const counts = this.shops.map(() => 0);
    for (const order of this.accepted) counts[order.shopIndex] = (counts[order.shopIndex] ?? 0) + 1;
    return counts;
  }

  shopOf(index: number): EmulatedShop {
    const shop = this.shops[index];
    if (!shop) throw new Error(`no shop ${index}`);
    return shop;
  }
}
