// Proves the stock-level rules: available = on_hand − reserved, a hold fits only while available
// covers it (unless back-ordering), and the stock board's zero / low / normal status boundaries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  DEFAULT_LOW_STOCK_THRESHOLD,
  availableOf,
  canReserve,
  effectiveLowThreshold,
  stockStatusOf,
} from './stock-level.ts';

describe('availableOf', () => {
  it('is on hand minus reserved', () => {
    assert.equal(availableOf({ onHand: 10, reserved: 3 }), 7);
    assert.equal(availableOf({ onHand: 0, reserved: 0 }), 0);
  });

  it('goes negative when reservations exceed what is on hand (back-orders, shortfalls)', () => {
    assert.equal(availableOf({ onHand: 2, reserved: 5 }), -3);
  });
});

describe('canReserve', () => {
  it('allows a hold up to exactly what is available, not one unit more', () => {
    const level = { onHand: 10, reserved: 4 };
    assert.equal(canReserve(level, 6, false), true);
    assert.equal(canReserve(level, 7, false), false);
  });

  it('a zero-unit hold fits while available is not negative', () => {
    assert.equal(canReserve({ onHand: 0, reserved: 0 }, 0, false), true);
    assert.equal(canReserve({ onHand: 1, reserved: 3 }, 0, false), false);
  });

  it('back-ordering SKUs can always reserve, even with nothing on hand', () => {
    assert.equal(canReserve({ onHand: 0, reserved: 0 }, 50, true), true);
    assert.equal(canReserve({ onHand: 1, reserved: 9 }, 50, true), true);
  });

  it('without back-orders, a reservation that fits never takes available below zero', () => {
    const level = fc.record({ onHand: fc.nat(1000), reserved: fc.nat(1000) });
    fc.assert(
      fc.property(level, fc.nat(1000), (l, q) => {
        const fits = canReserve(l, q, false);
        assert.equal(fits, availableOf({ onHand: l.onHand, reserved: l.reserved + q }) >= 0);
      }),
    );
  });
});

describe('stockStatusOf', () => {
  it('is zero at or below zero available (back-ordered counts as zero)', () => {
    assert.equal(stockStatusOf(0, 15), 'zero');
    assert.equal(stockStatusOf(-4, 15), 'zero');
  });

  it('is low strictly below the threshold and normal from the threshold up', () => {
    assert.equal(stockStatusOf(1, 15), 'low');
    assert.equal(stockStatusOf(14, 15), 'low');
    assert.equal(stockStatusOf(15, 15), 'normal');
    assert.equal(stockStatusOf(16, 15), 'normal');
  });

  it('with a threshold of zero or one nothing positive is low', () => {
    assert.equal(stockStatusOf(1, 0), 'normal');
    assert.equal(stockStatusOf(1, 1), 'normal');
  });

  it('the default threshold is 15', () => {
    assert.equal(DEFAULT_LOW_STOCK_THRESHOLD, 15);
  });

  it('status only ever rises with available: zero, then low, then normal', () => {
    const rank = { zero: 0, low: 1, normal: 2 };
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 100 }), fc.nat(100), fc.nat(50), (a, extra, t) => {
        assert.ok(rank[stockStatusOf(a, t)] <= rank[stockStatusOf(a + extra, t)]);
      }),
    );
  });
});

describe('effectiveLowThreshold', () => {
  it("uses the SKU's own threshold, even zero, and otherwise the tenant's", () => {
    assert.equal(effectiveLowThreshold(5, 15), 5);
    assert.equal(effectiveLowThreshold(0, 15), 0);
    assert.equal(effectiveLowThreshold(null, 15), 15);
  });
});
