/**
 * The burst of orders: `ordersPerSecond` one-unit orders on an absolute schedule, round robin over
 * the shops and, per shop, over the SKUs, each placed by a buyer on the shop's emulator (which
 * sends the platform's webhook at once). Every order is recorded with its place in its SKU's
 * sequence: order i of SKU k is confirmed at a shop once it shows start − (units of orders 0..i).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatedShop } from '../support/channel-rig.ts';

export interface PlacedOrder {
  shopIndex: number;
  sku: string;
  orderId: string;
  /** Index in the SKU's sequence of orders. */
  seq: number;
  /** Units of this SKU ordered up to and including this order. */
  cumulative: number;
  /** Epoch ms (Date.now, the clock StockPool stamps webhook arrivals with). */
  placedAtMs: number;
}

export interface OrderBook {
  orders: PlacedOrder[];
  bySku: Map<string, PlacedOrder[]>;
  /** Units each shop sold of each SKU so far: key `${shopIndex}|${sku}`. */
  ownUnits: Map<string, number>;
}

export function newOrderBook(skus: readonly string[]): OrderBook {
  return { orders: [], bySku: new Map(skus.map((s) => [s, []])), ownUnits: new Map() };
}

/** Places the burst; resolves when the last order is placed. */
export async function placeBurst(
  book: OrderBook,
  o: {
    shops: readonly EmulatedShop[];
    skus: readonly string[];
    ordersPerSecond: number;
    burstMs: number;
  },
): Promise<{ placed: number; elapsedMs: number }> {
  const total = Math.round((o.ordersPerSecond * o.burstMs) / 1000);
  const intervalMs = 1000 / o.ordersPerSecond;
  const startedAt = Date.now();
  for (let j = 0; j < total;) {
    const due = Math.min(total, Math.floor((Date.now() - startedAt) / intervalMs) + 1);
    for (; j < due; j++) place(book, o.shops, o.skus, j);
    if (j < total) await sleep(Math.max(1, startedAt + j * intervalMs - Date.now()));
  }
  return { placed: total, elapsedMs: Date.now() - startedAt };
}

function place(
  book: OrderBook,
  shops: readonly EmulatedShop[],
  skus: readonly string[],
  j: number,
): void {
  const shopIndex = j % shops.length;
  const shop = shops[shopIndex];
  const sku = skus[Math.floor(j / shops.length) % skus.length];
  const sequence = sku === undefined ? undefined : book.bySku.get(sku);
  if (!shop || sku === undefined || !sequence) throw new Error(`no shop or SKU for order ${j}`);
  const placed = shop.emulator.placeOrder({
    platformShopId: shop.platformShopId,
    lines: [{ ...shop.ref(sku), quantity: 1 }],
  });
  if (!placed.ok) throw new Error(`the platform refused order ${j}: stock should be plenty`);
  const order: PlacedOrder = {
    shopIndex,
    sku,
    orderId: placed.orderId,
    seq: sequence.length,
    cumulative: (sequence.at(-1)?.cumulative ?? 0) + 1,
    placedAtMs: Date.now(),
  };
  sequence.push(order);
  book.orders.push(order);
  const key = `${shopIndex}|${sku}`;
  book.ownUnits.set(key, (book.ownUnits.get(key) ?? 0) + 1);
}
