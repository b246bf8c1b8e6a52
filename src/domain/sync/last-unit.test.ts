// Proves the last-unit rule: paid beats unpaid, and among paid orders the earlier payment wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseHoldsToPreempt, type CompetingHoldView } from './last-unit.ts';

const hold = (
  id: string,
  status: string,
  extra: Partial<CompetingHoldView> = {},
): CompetingHoldView => ({
  holdId: id,
  orderId: `o-${id}`,
  status,
  units: 1,
  paidAtMs: null,
  createdAtMs: 0,
  ...extra,
});

test('an unpaid hold gives way to a paid order, the newest unpaid first', () => {
  const holds = [hold('a', 'held', { createdAtMs: 1 }), hold('b', 'held', { createdAtMs: 2 })];
  assert.deepEqual(
    chooseHoldsToPreempt(holds, { paidAtMs: 10, shortfall: 1 }).map((h) => h.holdId),
    ['b'],
  );
});

test('a paid hold gives way only to an order paid earlier', () => {
  const holds = [hold('late', 'confirmed', { paidAtMs: 20 })];
  assert.deepEqual(
    chooseHoldsToPreempt(holds, { paidAtMs: 10, shortfall: 1 }).map((h) => h.holdId),
    ['late'],
  );
  assert.deepEqual(chooseHoldsToPreempt(holds, { paidAtMs: 30, shortfall: 1 }), []);
  assert.deepEqual(chooseHoldsToPreempt(holds, { paidAtMs: null, shortfall: 1 }), []);
});

test('nobody is disturbed when all of them together would not free enough', () => {
  const holds = [hold('a', 'held', { units: 2 })];
  assert.deepEqual(chooseHoldsToPreempt(holds, { paidAtMs: 1, shortfall: 3 }), []);
  assert.equal(chooseHoldsToPreempt(holds, { paidAtMs: 1, shortfall: 2 }).length, 1);
});

test('unpaid holds are taken before later-paid ones', () => {
  const holds = [hold('p', 'confirmed', { paidAtMs: 50 }), hold('u', 'held')];
  assert.deepEqual(
    chooseHoldsToPreempt(holds, { paidAtMs: 10, shortfall: 1 }).map((h) => h.holdId),
    ['u'],
  );
});
