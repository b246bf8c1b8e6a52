/**
 * Detects when each shop shows each order, by reading what every shop shows every `pollMs`.
 * A shop's figure moves two ways: StockPool's absolute pushes, and the shop's own sales (one unit
 * each, placed by this benchmark, so counted exactly). Between two reads the figure should fall by
 * the shop's own sales; when it does not, a push landed, and the pushed figure P was at most what
 * is shown now plus the shop's own sales since the last read (taking the most keeps the estimate
 * conservative: a confirmation is never seen early). Order i of a SKU is confirmed at the shop
 * once P ≤ start − units of the SKU's orders 0..i.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatedShop } from '../support/channel-rig.ts';
import type { OrderBook, PlacedOrder } from './order-stream.ts';

interface ShopSkuState {
  lastShown: number;
  lastOwn: number;
  pushed: number;
  /** Next order (in the SKU's sequence) not yet confirmed at this shop. */
  next: number;
}

export class ConfirmationTracker {
  /** Per order, the epoch ms at which each shop was first seen showing it (null: not yet). */
  readonly confirmedAt = new Map<PlacedOrder, Array<number | null>>();
  readonly tickGapsMs: number[] = [];
  private readonly states = new Map<string, ShopSkuState>();
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly book: OrderBook,
    private readonly o: {
      shops: readonly EmulatedShop[];
      skus: readonly string[];
      /** What every shop shows of each SKU when the burst starts. */
      start: ReadonlyMap<string, number>;
      pollMs: number;
    },
  ) {
    for (const [shopIndex] of o.shops.entries())
      for (const sku of o.skus) {
        const start = o.start.get(sku) ?? 0;
        this.states.set(`${shopIndex}|${sku}`, {
          lastShown: start,
          lastOwn: 0,
          pushed: start,
          next: 0,
        });
      }
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** When the last of the other shops showed the order, or null while one has not. */
  confirmedEverywhereAt(order: PlacedOrder): number | null {
    const times = this.confirmedAt.get(order) ?? [];
    let last = 0;
    for (const [shopIndex] of this.o.shops.entries()) {
      if (shopIndex === order.shopIndex) continue;
      const at = times[shopIndex];
      if (at === null || at === undefined) return null;
      last = Math.max(last, at);
    }
    return last;
  }

  unconfirmed(): number {
    return this.book.orders.filter((order) => this.confirmedEverywhereAt(order) === null).length;
  }

  private async run(): Promise<void> {
    let previous = Date.now();
    while (this.running) {
      const now = Date.now();
      this.tickGapsMs.push(now - previous);
      previous = now;
      this.tick(now);
      await sleep(this.o.pollMs);
    }
  }

  /** One reading of every shop at `now` (epoch ms): run by the polling loop, or by hand. */
  tick(now: number): void {
    for (const [shopIndex, shop] of this.o.shops.entries()) {
      for (const sku of this.o.skus) {
        const state = this.states.get(`${shopIndex}|${sku}`);
        if (!state) continue;
        const shown = shop.shown(sku);
        const own = this.book.ownUnits.get(`${shopIndex}|${sku}`) ?? 0;
        const ownSince = own - state.lastOwn;
        if (shown !== state.lastShown - ownSince) state.pushed = shown + ownSince;
        state.lastShown = shown;
        state.lastOwn = own;
        this.confirmUpTo(shopIndex, sku, state, now);
      }
    }
  }

  private confirmUpTo(shopIndex: number, sku: string, state: ShopSkuState, now: number): void {
    const sequence = this.book.bySku.get(sku) ?? [];
    for (; state.next < sequence.length; state.next++) {
      const order = sequence[state.next];
      if (!order || state.pushed > (this.o.start.get(sku) ?? 0) - order.cumulative) return;
      const times = this.confirmedAt.get(order) ?? this.o.shops.map(() => null);
      times[shopIndex] = now;
      this.confirmedAt.set(order, times);
    }
  }
}
