// Proves the buffer rules: units and percent (rounded up, exact to 0.01 % even where floating
// point is not), the larger of the two, never more than available, and a conservative reading of
// settings validatePolicy would refuse.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bufferUnitsHeld, poolUnits } from './buffer.ts';

describe('bufferUnitsHeld', () => {
  it('holds a fixed number of units', () => {
    assert.equal(bufferUnitsHeld(50, { mode: 'shared', bufferUnits: 5 }), 5);
    assert.equal(poolUnits(50, { mode: 'shared', bufferUnits: 5 }), 45);
  });

  it('rounds a percent up to whole units', () => {
    assert.equal(bufferUnitsHeld(101, { mode: 'shared', bufferPercent: 10 }), 11);
    assert.equal(bufferUnitsHeld(1, { mode: 'shared', bufferPercent: 0.01 }), 1);
    assert.equal(bufferUnitsHeld(0, { mode: 'shared', bufferPercent: 50 }), 0);
  });

  it('is exact where floating point is not: 0.07 % of 10,000 is 7, not 8', () => {
    assert.equal(bufferUnitsHeld(10_000, { mode: 'shared', bufferPercent: 0.07 }), 7);
    assert.equal(bufferUnitsHeld(10_001, { mode: 'shared', bufferPercent: 0.07 }), 8);
  });

  it('holds everything at 100 % and nothing without a buffer', () => {
    assert.equal(bufferUnitsHeld(37, { mode: 'shared', bufferPercent: 100 }), 37);
    assert.equal(bufferUnitsHeld(37, { mode: 'shared' }), 0);
  });

  it('reads a broken percent conservatively: above 100 as 100, not a number as 100', () => {
    assert.equal(bufferUnitsHeld(20, { mode: 'shared', bufferPercent: 250 }), 20);
    assert.equal(bufferUnitsHeld(20, { mode: 'shared', bufferPercent: Number.NaN }), 20);
    assert.equal(bufferUnitsHeld(20, { mode: 'shared', bufferPercent: -5 }), 0);
  });

  it('is ceil(available × percent / 100) for every two-decimal percent (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 10_000 }),
        (available, basisPoints) => {
          const held = bufferUnitsHeld(available, {
            mode: 'shared',
            bufferPercent: basisPoints / 100,
          });
          const exact = (BigInt(available) * BigInt(basisPoints) + 9999n) / 10000n;
          assert.equal(BigInt(held), exact);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
