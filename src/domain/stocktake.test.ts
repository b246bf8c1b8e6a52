// Proves the stock-take rule: the adjustment is counted − on_hand, and a count below what open
// holds reserve is refused unless the SKU allows back-orders.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stocktakeAdjustment } from './stocktake.ts';

describe('stocktakeAdjustment', () => {
  it('the movement is the difference between the count and on hand', () => {
    const level = { onHand: 10, reserved: 2 };
    assert.deepEqual(stocktakeAdjustment(level, 7, { allowBackorder: false }), {
      ok: true,
      value: { delta: -3 },
    });
    assert.deepEqual(stocktakeAdjustment(level, 12, { allowBackorder: false }), {
      ok: true,
      value: { delta: 2 },
    });
  });

  it('a count equal to on hand is a zero adjustment', () => {
    const out = stocktakeAdjustment({ onHand: 4, reserved: 4 }, 4, { allowBackorder: false });
    assert.deepEqual(out, { ok: true, value: { delta: 0 } });
  });

  it('a count of exactly what is reserved is accepted; one less is refused with both figures', () => {
    const level = { onHand: 10, reserved: 6 };
    assert.ok(stocktakeAdjustment(level, 6, { allowBackorder: false }).ok);
    assert.deepEqual(stocktakeAdjustment(level, 5, { allowBackorder: false }), {
      ok: false,
      error: { code: 'COUNT_BELOW_RESERVED', details: { counted: 5, reserved: 6 } },
    });
  });

  it('a count below reserved is accepted for a SKU that allows back-orders', () => {
    const out = stocktakeAdjustment({ onHand: 10, reserved: 6 }, 0, { allowBackorder: true });
    assert.deepEqual(out, { ok: true, value: { delta: -10 } });
  });

  it('counting zero on an empty shelf with nothing reserved is fine', () => {
    const out = stocktakeAdjustment({ onHand: 0, reserved: 0 }, 0, { allowBackorder: false });
    assert.deepEqual(out, { ok: true, value: { delta: 0 } });
  });

  it('after an accepted adjustment on hand equals the count, and available ≥ 0 unless back-ordering', () => {
    const level = fc.record({ onHand: fc.integer({ min: -50, max: 500 }), reserved: fc.nat(500) });
    fc.assert(
      fc.property(level, fc.nat(500), fc.boolean(), (l, counted, allowBackorder) => {
        const out = stocktakeAdjustment(l, counted, { allowBackorder });
        assert.equal(out.ok, allowBackorder || counted >= l.reserved);
        if (!out.ok) return;
        assert.equal(l.onHand + out.value.delta, counted);
        if (!allowBackorder) assert.ok(counted - l.reserved >= 0);
      }),
    );
  });
});
