// Proves the propagation benchmark's confirmation rule: an order counts as shown at a shop only
// once a push carrying it lands there, never because the shop's own later sales lowered its figure.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { EmulatedShop } from '../support/channel-rig.ts';
import { ConfirmationTracker } from './confirmations.ts';
import { newOrderBook, type OrderBook, type PlacedOrder } from './order-stream.ts';

const SKU = 'S';

/** Shops whose figure the test sets by hand (the tracker only reads `shown`). */
function fakeShops(figures: number[]): EmulatedShop[] {
  return figures.map((_, i) => ({ shown: () => figures[i] ?? 0 }) as unknown as EmulatedShop);
}

/** Records a sale at a shop as the order stream does, and lowers that shop's figure. */
function sell(book: OrderBook, figures: number[], shopIndex: number): PlacedOrder {
  const sequence = book.bySku.get(SKU) ?? [];
  const order: PlacedOrder = {
    shopIndex,
    sku: SKU,
    orderId: `o${sequence.length}`,
    seq: sequence.length,
    cumulative: sequence.length + 1,
    placedAtMs: 0,
  };
  sequence.push(order);
  book.orders.push(order);
  const key = `${shopIndex}|${SKU}`;
  book.ownUnits.set(key, (book.ownUnits.get(key) ?? 0) + 1);
  figures[shopIndex] = (figures[shopIndex] ?? 0) - 1;
  return order;
}

describe('the confirmation tracker', () => {
  test('a shop showing less because it sold itself has not confirmed anything', () => {
    const figures = [100, 100];
    const book = newOrderBook([SKU]);
    const tracker = new ConfirmationTracker(book, {
      shops: fakeShops(figures),
      skus: [SKU],
      start: new Map([[SKU, 100]]),
      pollMs: 5,
    });
    const first = sell(book, figures, 0);
    tracker.tick(1);
    sell(book, figures, 1);
    tracker.tick(2);
    assert.equal(figures[1], 99, 'shop 1 shows 99 after its own sale');
    assert.equal(tracker.confirmedEverywhereAt(first), null, 'yet it has not shown order 0');
  });

  test('a push that includes the orders confirms them at the time it is seen', () => {
    const figures = [100, 100];
    const book = newOrderBook([SKU]);
    const tracker = new ConfirmationTracker(book, {
      shops: fakeShops(figures),
      skus: [SKU],
      start: new Map([[SKU, 100]]),
      pollMs: 5,
    });
    const first = sell(book, figures, 0);
    const second = sell(book, figures, 1);
    tracker.tick(1);
    figures[1] = 98;
    tracker.tick(2);
    assert.equal(tracker.confirmedEverywhereAt(first), 2, 'shop 1 shows both orders at t=2');
    assert.equal(tracker.confirmedEverywhereAt(second), null, 'shop 0 has not been pushed yet');
    figures[0] = 98;
    tracker.tick(3);
    assert.equal(tracker.confirmedEverywhereAt(second), 3);
    assert.equal(tracker.unconfirmed(), 0);
  });

  test('a push followed by an own sale within one reading is credited conservatively', () => {
    const figures = [100, 100];
    const book = newOrderBook([SKU]);
    const tracker = new ConfirmationTracker(book, {
      shops: fakeShops(figures),
      skus: [SKU],
      start: new Map([[SKU, 100]]),
      pollMs: 5,
    });
    const first = sell(book, figures, 0);
    tracker.tick(1);
    figures[1] = 99; // the push carrying order 0 lands…
    sell(book, figures, 1); // …and shop 1 sells before the next reading: it shows 98
    tracker.tick(2);
    assert.equal(tracker.confirmedEverywhereAt(first), 2, 'pushed figure read as 98 + 1 = 99');
  });
});
