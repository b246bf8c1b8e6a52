import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { holdBackForUnreadOrders } from './unread-order-reserve.ts';

test('no unread orders: the figures are unchanged', () => {
  const stock = [{ warehouseId: 'W1', quantity: 5 }];
  assert.deepEqual(holdBackForUnreadOrders(stock, 0), stock);
});

test('unread orders come off the largest warehouse figure first', () => {
  assert.deepEqual(
    holdBackForUnreadOrders(
      [
        { warehouseId: 'W1', quantity: 3 },
        { warehouseId: 'W2', quantity: 10 },
      ],
      8,
    ),
    [
      { warehouseId: 'W1', quantity: 2 },
      { warehouseId: 'W2', quantity: 3 },
    ],
  );
});

test('never below zero, however many orders are unread', () => {
  assert.deepEqual(holdBackForUnreadOrders([{ warehouseId: null, quantity: 2 }], 7), [
    { warehouseId: null, quantity: 0 },
  ]);
});

test('property: takes exactly min(total, unread) and never raises or negates a figure', () => {
  fc.assert(
    fc.property(
      fc.array(fc.nat(50), { minLength: 1, maxLength: 4 }),
      fc.nat(200),
      (quantities, unread) => {
        const stock = quantities.map((quantity, i) => ({ warehouseId: `W${i}`, quantity }));
        const held = holdBackForUnreadOrders(stock, unread);
        const before = quantities.reduce((a, b) => a + b, 0);
        const after = held.reduce((a, s) => a + s.quantity, 0);
        assert.equal(before - after, Math.min(before, unread));
        held.forEach((s, i) => {
          assert.ok(s.quantity >= 0 && s.quantity <= (quantities[i] ?? 0));
          assert.equal(s.warehouseId, `W${i}`);
        });
      },
    ),
    { numRuns: 1_000 },
  );
});
