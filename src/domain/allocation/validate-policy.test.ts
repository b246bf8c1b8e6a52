// Proves that validatePolicy accepts sound policies and names each broken rule with its code,
// field and shop (or priority index), so the HTTP layer can say exactly what to fix; and that
// every number of a policy has an upper bound (units, weights, percent, round-trip, safety
// factor), each accepted at the bound and refused just above it, with the limit named.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invalidPolicyDetails, validatePolicy } from './validate-policy.ts';
import {
  MAX_POLICY_UNITS,
  MAX_ROUND_TRIP_SECONDS,
  MAX_SAFETY_FACTOR,
  type AllocationPolicy,
} from './policy.ts';
import { MAX_LINE_QUANTITY } from '../movements.ts';

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

  describe('upper bounds', () => {
    const units = MAX_POLICY_UNITS;

    it('bounds units by the largest quantity StockPool accepts anywhere', () => {
      assert.equal(MAX_POLICY_UNITS, MAX_LINE_QUANTITY);
      assert.equal(MAX_POLICY_UNITS, 1_000_000_000);
    });

    it('accepts every unit setting at the bound', () => {
      const policy: AllocationPolicy = {
        mode: 'partitioned',
        bufferUnits: units,
        minPerShop: { a: units },
        defaultMinPerShop: units,
        maxPerShop: { a: units },
      };
      assert.deepEqual(validatePolicy(policy), []);
    });

    it('refuses bufferUnits above the bound, 1e12 and 1e300 included', () => {
      for (const bufferUnits of [units + 1, 1e12, 1e300, Infinity]) {
        assert.deepEqual(validatePolicy({ mode: 'shared', bufferUnits }), [
          { code: 'UNITS_TOO_LARGE', field: 'bufferUnits', limit: units },
        ]);
      }
    });

    it('refuses a shop minimum, the default minimum or a cap above the bound, naming the shop', () => {
      const problems = validatePolicy({
        mode: 'partitioned',
        minPerShop: { a: units + 1 },
        defaultMinPerShop: 1e15,
        maxPerShop: { b: 2e9, c: units },
      });
      assert.deepEqual(problems, [
        { code: 'UNITS_TOO_LARGE', field: 'minPerShop', shopId: 'a', limit: units },
        { code: 'UNITS_TOO_LARGE', field: 'defaultMinPerShop', limit: units },
        { code: 'UNITS_TOO_LARGE', field: 'maxPerShop', shopId: 'b', limit: units },
      ]);
    });

    it('refuses a weight of 1e300 as too large, and accepts 1,000,000', () => {
      assert.deepEqual(validatePolicy({ mode: 'partitioned', weights: { a: 1e300 } }), [
        { code: 'WEIGHT_TOO_LARGE', field: 'weights', shopId: 'a', limit: 1_000_000 },
      ]);
      assert.deepEqual(validatePolicy({ mode: 'partitioned', weights: { a: 1_000_000 } }), []);
    });

    it('accepts bufferPercent 0 and 100, refuses 100.01 and 1e300', () => {
      for (const bufferPercent of [0, 100])
        assert.deepEqual(validatePolicy({ mode: 'shared', bufferPercent }), []);
      for (const bufferPercent of [100.01, 1e300])
        assert.deepEqual(validatePolicy({ mode: 'shared', bufferPercent }), [
          { code: 'PERCENT_OUT_OF_RANGE', field: 'bufferPercent', limit: 100 },
        ]);
    });

    it('accepts a round-trip of up to an hour and refuses a longer one, 1e300 and Infinity included', () => {
      assert.equal(MAX_ROUND_TRIP_SECONDS, 3600);
      const adaptive = (roundTripSeconds: number): AllocationPolicy => ({
        mode: 'adaptive',
        adaptive: { roundTripSeconds },
      });
      for (const seconds of [0.5, 3600])
        assert.deepEqual(validatePolicy(adaptive(seconds)), [], `${seconds}`);
      for (const seconds of [3600.5, 1e300, Infinity])
        assert.deepEqual(validatePolicy(adaptive(seconds)), [
          { code: 'ROUND_TRIP_TOO_LONG', field: 'adaptive.roundTripSeconds', limit: 3600 },
        ]);
      for (const seconds of [0, -1, Number.NaN, -Infinity])
        assert.deepEqual(validatePolicy(adaptive(seconds)), [
          { code: 'ROUND_TRIP_NOT_POSITIVE', field: 'adaptive.roundTripSeconds' },
        ]);
    });

    it('accepts a safety factor from 1 to 100 and refuses a larger one', () => {
      assert.equal(MAX_SAFETY_FACTOR, 100);
      const adaptive = (safetyFactor: number): AllocationPolicy => ({
        mode: 'adaptive',
        adaptive: { roundTripSeconds: 5, safetyFactor },
      });
      for (const factor of [1, 2.5, 100])
        assert.deepEqual(validatePolicy(adaptive(factor)), [], `${factor}`);
      for (const factor of [100.5, 1e300, Infinity])
        assert.deepEqual(validatePolicy(adaptive(factor)), [
          { code: 'SAFETY_FACTOR_TOO_LARGE', field: 'adaptive.safetyFactor', limit: 100 },
        ]);
      assert.deepEqual(validatePolicy(adaptive(Number.NaN)), [
        { code: 'SAFETY_FACTOR_BELOW_ONE', field: 'adaptive.safetyFactor', limit: 1 },
      ]);
    });

    it('still refuses a minimum above its cap when both are within the bound', () => {
      assert.deepEqual(
        validatePolicy({ mode: 'partitioned', minPerShop: { a: units }, maxPerShop: { a: 7 } }),
        [{ code: 'MIN_ABOVE_MAX', field: 'minPerShop', shopId: 'a', limit: 7 }],
      );
    });
  });

  it('gives an invalid policy both the stable field: CODE text and the problems themselves', () => {
    const problems = validatePolicy({ mode: 'shared', bufferUnits: 1e12, bufferPercent: -1 });
    assert.deepEqual(invalidPolicyDetails(problems), {
      problems: 'bufferUnits: UNITS_TOO_LARGE, bufferPercent: PERCENT_OUT_OF_RANGE',
      issues: problems,
    });
  });
});
