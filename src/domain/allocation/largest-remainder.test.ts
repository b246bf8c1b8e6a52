// Proves Hamilton's largest-remainder method as implemented: worked examples, then over random
// inputs (1,000 runs each) that parts add up to the total, each part is its quota rounded down or
// up, ties go to the earlier entry, and counts far beyond 2^53 / weight stay exact.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { largestRemainder, largestRemainderExact } from './largest-remainder.ts';

const RUNS = { numRuns: 1000 };

describe('largestRemainder', () => {
  it('splits 101 by 50/25/25 as 51/25/25', () => {
    assert.deepEqual(largestRemainder(101, [50, 25, 25]), [51, 25, 25]);
  });

  it('gives leftover units to the largest remainders: 10 by 1/1/1 is 4/3/3', () => {
    assert.deepEqual(largestRemainder(10, [1, 1, 1]), [4, 3, 3]);
    assert.deepEqual(largestRemainder(7, [3, 3, 4]), [2, 2, 3]);
  });

  it('gives nothing when every weight is zero or the total is zero', () => {
    assert.deepEqual(largestRemainder(9, [0, 0]), [0, 0]);
    assert.deepEqual(largestRemainder(0, [5, 1]), [0, 0]);
    assert.deepEqual(largestRemainder(5, []), []);
  });

  it('stays exact where floating-point products would not', () => {
    const total = 2n ** 60n + 1n;
    const parts = largestRemainderExact(total, [999_999n, 1n]);
    assert.equal(parts[0]! + parts[1]!, total);
    assert.equal(parts[1], total / 1_000_000n + 1n);
  });

  it('refuses a fractional count, a caller bug', () => {
    assert.throws(() => largestRemainder(1.5, [1]), RangeError);
  });
});

describe('largestRemainder properties', () => {
  const weightsArb = fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 12 });
  const totalArb = fc.oneof(fc.nat({ max: 1000 }), fc.nat({ max: Number.MAX_SAFE_INTEGER }));

  it('adds up to the total whenever some weight is positive, else gives all zeros', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        const sum = largestRemainder(total, weights).reduce((a, p) => a + BigInt(p), 0n);
        assert.equal(sum, weights.some((w) => w > 0) ? BigInt(total) : 0n);
      }),
      RUNS,
    );
  });

  it('rounds every quota down or up, never further', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        const sum = BigInt(weights.reduce((a, w) => a + w, 0));
        fc.pre(sum > 0n);
        largestRemainder(total, weights).forEach((part, i) => {
          // |part − total × w / Σw| < 1, scaled by Σw.
          const gap = BigInt(part) * sum - BigInt(total) * BigInt(weights[i] ?? 0);
          assert.ok(gap > -sum && gap < sum);
        });
      }),
      RUNS,
    );
  });

  it('never gives a later entry more than an earlier one of the same weight', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        const parts = largestRemainder(total, weights);
        for (let i = 0; i < weights.length; i++)
          for (let j = i + 1; j < weights.length; j++)
            if (weights[i] === weights[j]) assert.ok((parts[i] ?? 0) >= (parts[j] ?? 0));
      }),
      RUNS,
    );
  });
});
