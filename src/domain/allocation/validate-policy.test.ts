// Proves that validatePolicy accepts sound policies and names each broken rule with its code,
// field and shop (or priority index), so the HTTP layer can say exactly what to fix.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validatePolicy } from './validate-policy.ts';
import type { AllocationPolicy } from './policy.ts';

describe('validatePolicy', () => {
  it('accepts a full partitioned policy and a bare shared one', () => {
    const policy: AllocationPolicy = {
      mode: 'partitioned',
      bufferUnits: 2,
      bufferPercent: 12.5,
      weights: { a: 50, b: 25, c: 0 },
      minPerShop: { a: 10 },
      defaultMinPerShop: 5,
      maxPerShop: { a: 10, c: 0 },
      priority: ['a', 'b'],
      adaptive: { roundTripSeconds: 3 },
    };
    assert.deepEqual(validatePolicy(policy), []);
    assert.deepEqual(validatePolicy({ mode: 'shared' }), []);
  });

  it('refuses an unknown mode', () => {
    const policy = { mode: 'greedy' } as unknown as AllocationPolicy;
    assert.deepEqual(validatePolicy(policy), [{ code: 'UNKNOWN_MODE', field: 'mode' }]);
  });

  it('refuses counts that are negative, fractional or not numbers, naming the shop', () => {
    const problems = validatePolicy({
      mode: 'partitioned',
      bufferUnits: -1,
      weights: { a: 1.5 },
      minPerShop: { b: Number.NaN },
      defaultMinPerShop: 2.5,
      maxPerShop: { c: -3 },
    });
    assert.deepEqual(problems, [
      { code: 'NOT_A_COUNT', field: 'bufferUnits' },
      { code: 'NOT_A_COUNT', field: 'weights', shopId: 'a' },
      { code: 'NOT_A_COUNT', field: 'minPerShop', shopId: 'b' },
      { code: 'NOT_A_COUNT', field: 'defaultMinPerShop' },
      { code: 'NOT_A_COUNT', field: 'maxPerShop', shopId: 'c' },
    ]);
  });

  it('refuses a weight above the limit', () => {
    assert.deepEqual(validatePolicy({ mode: 'partitioned', weights: { a: 1_000_001 } }), [
      { code: 'WEIGHT_TOO_LARGE', field: 'weights', shopId: 'a', limit: 1_000_000 },
    ]);
  });

  it('refuses a percent outside 0–100 or with more than two decimals', () => {
    for (const bufferPercent of [-1, 100.01, Number.NaN, Infinity]) {
      assert.deepEqual(validatePolicy({ mode: 'shared', bufferPercent }), [
        { code: 'PERCENT_OUT_OF_RANGE', field: 'bufferPercent', limit: 100 },
      ]);
    }
    assert.deepEqual(validatePolicy({ mode: 'shared', bufferPercent: 0.125 }), [
      { code: 'PERCENT_TOO_PRECISE', field: 'bufferPercent' },
    ]);
    assert.deepEqual(validatePolicy({ mode: 'shared', bufferPercent: 0.07 }), []);
  });

  it('refuses adaptive without settings, a round-trip ≤ 0 and a safety factor below 1', () => {
    assert.deepEqual(validatePolicy({ mode: 'adaptive' }), [
      { code: 'ADAPTIVE_SETTINGS_MISSING', field: 'adaptive' },
    ]);
    const problems = validatePolicy({
      mode: 'adaptive',
      adaptive: { roundTripSeconds: 0, safetyFactor: 0.5 },
    });
    assert.deepEqual(problems, [
      { code: 'ROUND_TRIP_NOT_POSITIVE', field: 'adaptive.roundTripSeconds' },
      { code: 'SAFETY_FACTOR_BELOW_ONE', field: 'adaptive.safetyFactor', limit: 1 },
    ]);
  });

  it("refuses a shop's own minimum above its own cap", () => {
    const problems = validatePolicy({
      mode: 'partitioned',
      minPerShop: { a: 10, b: 3 },
      maxPerShop: { a: 4, b: 3 },
    });
    assert.deepEqual(problems, [
      { code: 'MIN_ABOVE_MAX', field: 'minPerShop', shopId: 'a', limit: 4 },
    ]);
  });

  it('refuses a priority list naming a shop twice or an empty shop id', () => {
    assert.deepEqual(validatePolicy({ mode: 'partitioned', priority: ['a', '', 'b', 'a'] }), [
      { code: 'EMPTY_SHOP_ID', field: 'priority', index: 1 },
      { code: 'DUPLICATE_PRIORITY', field: 'priority', shopId: 'a', index: 3 },
    ]);
    assert.deepEqual(validatePolicy({ mode: 'partitioned', weights: { '': 1 } }), [
      { code: 'EMPTY_SHOP_ID', field: 'weights', shopId: '' },
    ]);
  });
});
