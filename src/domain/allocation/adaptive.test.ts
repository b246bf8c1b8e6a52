// Proves the adaptive choice: shared while the pool is at least safetyFactor × expected sales in
// one round-trip (default factor 2), partitioned below it, and partitioned whenever the rate or
// the settings make the comparison impossible.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adaptiveThresholdUnits, decideAdaptiveMode } from './adaptive.ts';

const settings = { roundTripSeconds: 4, safetyFactor: 3 };

describe('adaptiveThresholdUnits', () => {
  it('is safetyFactor × rate × round-trip, with a default factor of 2', () => {
    assert.equal(adaptiveThresholdUnits(settings, 0.5), 6);
    assert.equal(adaptiveThresholdUnits({ roundTripSeconds: 4 }, 0.5), 4);
  });
});

describe('decideAdaptiveMode', () => {
  it('is shared at the threshold and partitioned just below it', () => {
    const at = decideAdaptiveMode({ poolUnits: 6, expectedSalesPerSecond: 0.5, settings });
    assert.deepEqual(at, { mode: 'shared', thresholdUnits: 6 });
    const below = decideAdaptiveMode({ poolUnits: 5, expectedSalesPerSecond: 0.5, settings });
    assert.deepEqual(below, { mode: 'partitioned', thresholdUnits: 6 });
  });

  it('partitions when the rate is unknown, negative or not a number', () => {
    for (const rate of [undefined, -1, Number.NaN]) {
      const decision = decideAdaptiveMode({
        poolUnits: 1e9,
        expectedSalesPerSecond: rate,
        settings,
      });
      assert.deepEqual(decision, { mode: 'partitioned', thresholdUnits: null });
    }
  });

  it('partitions when the settings are missing or broken', () => {
    const missing = decideAdaptiveMode({
      poolUnits: 1e9,
      expectedSalesPerSecond: 1,
      settings: undefined,
    });
    assert.equal(missing.mode, 'partitioned');
    const broken = { roundTripSeconds: Number.NaN };
    const decision = decideAdaptiveMode({
      poolUnits: 1e9,
      expectedSalesPerSecond: 1,
      settings: broken,
    });
    assert.deepEqual(decision, { mode: 'partitioned', thresholdUnits: null });
  });

  it('partitions when the rate is so high no pool can cover it', () => {
    const decision = decideAdaptiveMode({
      poolUnits: Number.MAX_SAFE_INTEGER,
      expectedSalesPerSecond: Infinity,
      settings,
    });
    assert.equal(decision.mode, 'partitioned');
  });
});
