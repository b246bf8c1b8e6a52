/**
 * The orders: one unit of one SKU at a time, each platform's shop on its own absolute schedule of
 * Poisson arrivals at its rate (seeded exponential gaps: a fixed 1 s beat would lock in phase
 * with StockPool's own periodic steps, the 1 s queue drain and the push gaps, and measure one
 * phase only), placed and paid by a buyer on the emulator, which sends the platform's event at
 * once (a webhook; Amazon an SQS message). Each order is booked with its place in the SKU's
 * sequence, as the propagation benchmark's confirmation tracker expects.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectedShop } from '../../test/support/sync-fixture.ts';
import { seededRandom } from '../../sandbox/kit/faults.ts';
import type { OrderBook, PlacedOrder } from '../propagation/order-stream.ts';

export async function placeOrders(
  book: OrderBook,
  o: {
    shops: readonly ConnectedShop[];
    rates: readonly number[];
    durationMs: number;
    sku: string;
    seed: number;
  },
): Promise<{ placed: number; elapsedMs: number }> {
  const n = o.shops.length;
  const totals = o.rates.map((rate) => Math.floor((rate * o.durationMs) / 1000));
  const placed = o.shops.map(() => 0);
  const schedules = o.rates.map((rate, i) => poissonSchedule(rate, totals[i]!, o.seed + i));
  const dueAt = (i: number) => schedules[i]![placed[i]!] ?? Infinity;
  const startedAt = Date.now();
  for (;;) {
    let next = Infinity;
    for (let i = 0; i < n; i++) {
      while (placed[i]! < totals[i]! && dueAt(i) <= Date.now() - startedAt) {
        place(book, o.shops, i, o.sku);
        placed[i]! += 1;
      }
      if (placed[i]! < totals[i]!) next = Math.min(next, dueAt(i));
    }
    if (next === Infinity) break;
    await sleep(Math.max(1, startedAt + next - Date.now()));
  }
  return { placed: placed.reduce((a, b) => a + b, 0), elapsedMs: Date.now() - startedAt };
}

/** `count` arrival times (ms from the start) of a Poisson process at `rate` per second. */
function poissonSchedule(rate: number, count: number, seed: number): number[] {
  const random = seededRandom(seed);
  const times: number[] = [];
  let at = 0;
  for (let k = 0; k < count; k++) {
    at += (-Math.log(1 - random()) * 1000) / rate;
    times.push(at);
  }
  return times;
}

function place(book: OrderBook, shops: readonly ConnectedShop[], shopIndex: number, sku: string) {
  const sequence = book.bySku.get(sku);
  const shop = shops[shopIndex];
  if (!sequence || !shop) throw new Error(`no shop ${shopIndex} or SKU ${sku}`);
  // Stamped before the call: the emulator starts the event's delivery inside it.
  const placedAtMs = Date.now();
  const orderId = shop.order(sku, { paid: true });
  const order: PlacedOrder = {
    shopIndex,
    sku,
    orderId,
    seq: sequence.length,
    cumulative: (sequence.at(-1)?.cumulative ?? 0) + 1,
    placedAtMs,
  };
  sequence.push(order);
  book.orders.push(order);
  const key = `${shopIndex}|${sku}`;
  book.ownUnits.set(key, (book.ownUnits.get(key) ?? 0) + 1);
}
