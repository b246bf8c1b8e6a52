import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { listingsToZero } from './burst-cuts.ts';

test('shops that together fit the pool are not cut', () => {
  const listings = [
    { listingId: 'a', shownUnits: 40 },
    { listingId: 'b', shownUnits: 60 },
  ];
  assert.deepEqual([...listingsToZero(listings, 100)], []);
  assert.deepEqual([...listingsToZero(listings, 250)], []);
});

test('an excess zeroes the listing showing most first', () => {
  const listings = [
    { listingId: 'a', shownUnits: 40 },
    { listingId: 'b', shownUnits: 60 },
    { listingId: 'c', shownUnits: 10 },
  ];
  assert.deepEqual([...listingsToZero(listings, 100)], ['b']);
  assert.deepEqual([...listingsToZero(listings, 5)].sort(), ['a', 'b', 'c']);
});

test('ties are broken by id, whatever the input order', () => {
  const one = listingsToZero(
    [
      { listingId: 'y', shownUnits: 30 },
      { listingId: 'x', shownUnits: 30 },
    ],
    40,
  );
  const other = listingsToZero(
    [
      { listingId: 'x', shownUnits: 30 },
      { listingId: 'y', shownUnits: 30 },
    ],
    40,
  );
  assert.deepEqual([...one], ['x']);
  assert.deepEqual([...other], ['x']);
});

test('an empty pool zeroes every listing that shows anything', () => {
  const listings = [
    { listingId: 'a', shownUnits: 3 },
    { listingId: 'b', shownUnits: 0 },
  ];
  assert.deepEqual([...listingsToZero(listings, 0)], ['a']);
  assert.deepEqual([...listingsToZero(listings, -5)], ['a']);
});

test('property: what is left shown fits the pool, and no listing is zeroed needlessly', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: -5, max: 500 }), { maxLength: 12 }),
      fc.integer({ min: -10, max: 3000 }),
      (figures, pool) => {
        const listings = figures.map((shownUnits, i) => ({ listingId: `l${i}`, shownUnits }));
        const zeroed = listingsToZero(listings, pool);
        const left = listings
          .filter((l) => !zeroed.has(l.listingId))
          .reduce((sum, l) => sum + Math.max(0, l.shownUnits), 0);
        assert.ok(left <= Math.max(0, pool));
        // Minimal in count for the greedy order: putting back the last zeroed listing overflows.
        for (const id of zeroed) {
          const listing = listings.find((l) => l.listingId === id);
          assert.ok(listing && listing.shownUnits > 0);
        }
        if (zeroed.size > 0) {
          const smallestZeroed = Math.min(
            ...[...zeroed].map((id) => listings.find((l) => l.listingId === id)!.shownUnits),
          );
          assert.ok(left + smallestZeroed > Math.max(0, pool));
        }
      },
    ),
    { numRuns: 1000 },
  );
});
