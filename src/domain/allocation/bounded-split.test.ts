// Proves the bounded split behind partitioned allocation: examples, then over random weights,
// minimums and caps (1,000 runs each) that parts never sum above the total or leave their bounds,
// minimums are met whenever they fit and served in order when they do not, all of the total is
// given out unless every weighted entry is capped, and no entry could take a unit from another
// without the two ending further from their weights (water-filling with largest remainder).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitWithBounds, type BoundedEntry } from './bounded-split.ts';

const RUNS = { numRuns: 1000 };
const entry = (weight: number, min = 0, max = Infinity): BoundedEntry => ({ weight, min, max });

describe('splitWithBounds', () => {
  it('splits by weight when no bound binds', () => {
    assert.deepEqual(splitWithBounds(101, [entry(50), entry(25), entry(25)]), [51, 25, 25]);
  });

  it('serves minimums in entry order when they do not all fit', () => {
    assert.deepEqual(splitWithBounds(25, [entry(1, 10), entry(9, 10), entry(9, 10)]), [10, 10, 5]);
    assert.deepEqual(splitWithBounds(30, [entry(1, 10), entry(9, 10), entry(9, 10)]), [10, 10, 10]);
  });

  it('settles caps and minimums together when both bind', () => {
    // Quotas 60/20/20: the first is capped at 50, the last raised to 25, the middle takes 25.
    assert.deepEqual(splitWithBounds(100, [entry(3, 0, 50), entry(1), entry(1, 25)]), [50, 25, 25]);
  });

  it('gives nothing from an empty or negative total', () => {
    assert.deepEqual(splitWithBounds(0, [entry(1, 5), entry(1)]), [0, 0]);
    assert.deepEqual(splitWithBounds(-4, [entry(1)]), [0]);
  });
});

const entriesArb = fc.array(
  fc.record({
    weight: fc.oneof(fc.constant(0), fc.nat({ max: 10 }), fc.nat({ max: 1_000_000 })),
    min: fc.oneof(fc.constant(0), fc.nat({ max: 50 })),
    max: fc.oneof(fc.constant(Infinity), fc.nat({ max: 200 })),
  }),
  { maxLength: 8 },
);
const totalArb = fc.oneof(fc.nat({ max: 400 }), fc.nat({ max: 1e13 }));

const lowerOf = (e: BoundedEntry) => Math.min(e.min, e.max);
const sumOf = (values: readonly number[]) => values.reduce((a, v) => a + v, 0);

describe('splitWithBounds properties', () => {
  it('keeps every part an integer within [0, max] and the sum within the total', () => {
    fc.assert(
      fc.property(totalArb, entriesArb, (total, entries) => {
        const parts = splitWithBounds(total, entries);
        assert.equal(parts.length, entries.length);
        parts.forEach((part, i) => {
          assert.ok(Number.isSafeInteger(part) && part >= 0);
          assert.ok(part <= (entries[i]?.max ?? 0));
        });
        assert.ok(sumOf(parts) <= total);
      }),
      RUNS,
    );
  });

  it('meets every minimum whenever the minimums fit, else serves them in order', () => {
    fc.assert(
      fc.property(totalArb, entriesArb, (total, entries) => {
        const parts = splitWithBounds(total, entries);
        const lowers = entries.map(lowerOf);
        if (sumOf(lowers) <= total) {
          parts.forEach((part, i) => assert.ok(part >= (lowers[i] ?? 0)));
          return;
        }
        const short = parts.findIndex((part, i) => part < (lowers[i] ?? 0));
        assert.deepEqual(parts.slice(0, short), lowers.slice(0, short));
        assert.equal(sumOf(parts), total);
        assert.ok(parts.slice(short + 1).every((part) => part === 0));
      }),
      RUNS,
    );
  });

  it('gives out all of the total unless every weighted entry is at its cap', () => {
    fc.assert(
      fc.property(totalArb, entriesArb, (total, entries) => {
        const parts = splitWithBounds(total, entries);
        const reachable = sumOf(
          entries.map((e) => (e.weight > 0 ? Math.min(e.max, total) : lowerOf(e))),
        );
        assert.equal(sumOf(parts), Math.min(total, Math.max(reachable, 0)));
      }),
      RUNS,
    );
  });

  it('gives a zero-weight entry exactly its minimum when minimums fit', () => {
    fc.assert(
      fc.property(totalArb, entriesArb, (total, entries) => {
        fc.pre(sumOf(entries.map(lowerOf)) <= total);
        splitWithBounds(total, entries).forEach((part, i) => {
          const e = entries[i];
          if (e && e.weight === 0) assert.equal(part, lowerOf(e));
        });
      }),
      RUNS,
    );
  });

  it('leaves no entry that could take a unit from another and end nearer its weight', () => {
    fc.assert(
      fc.property(totalArb, entriesArb, (total, entries) => {
        fc.pre(sumOf(entries.map(lowerOf)) <= total);
        const parts = splitWithBounds(total, entries).map(BigInt);
        entries.forEach((ei, i) =>
          entries.forEach((ej, j) => {
            const pi = parts[i] ?? 0n;
            const pj = parts[j] ?? 0n;
            const canTake = ei.weight > 0 && pi < BigInt(Math.min(ei.max, total));
            const canGive = ej.weight > 0 && pj > BigInt(lowerOf(ej));
            // (pj − 1) / wj < (pi + 1) / wi: otherwise moving a unit from j to i is fairer.
            if (canTake && canGive && i !== j)
              assert.ok((pj - 1n) * BigInt(ei.weight) < (pi + 1n) * BigInt(ej.weight));
          }),
        );
      }),
      RUNS,
    );
  });
});
