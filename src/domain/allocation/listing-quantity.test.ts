// Proves what a listing shows: its shop's shares summed over the warehouses it may ship from, in
// whole listings (a 3-pack over 10 units shows 3), never negative, never more units than the
// shares behind it (1,000 runs); and that a bundle's availability per warehouse is bundles.ts's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bundleAvailableInWarehouse, listingQuantity } from './listing-quantity.ts';

const shares = (entries: [number, number][]) => new Map(entries);

describe('listingQuantity', () => {
  it('shows 3 for a 3-pack listing over 10 units', () => {
    const input = {
      shareByWarehouse: shares([[1, 10]]),
      eligibleWarehouseIds: [1],
      unitsPerListing: 3,
    };
    assert.equal(listingQuantity(input), 3);
  });

  it('sums the shares of the eligible warehouses only, each once', () => {
    const input = {
      shareByWarehouse: shares([
        [1, 4],
        [2, 5],
        [3, 100],
      ]),
      eligibleWarehouseIds: [1, 2, 2, 9],
      unitsPerListing: 1,
    };
    assert.equal(listingQuantity(input), 9);
  });

  it('never shows a negative quantity, nor guesses an invalid pack size', () => {
    const base = {
      shareByWarehouse: shares([
        [1, -5],
        [2, 3],
      ]),
      eligibleWarehouseIds: [1, 2],
    };
    assert.equal(listingQuantity({ ...base, unitsPerListing: 1 }), 3);
    for (const unitsPerListing of [0, -2, 1.5, Number.NaN])
      assert.equal(listingQuantity({ ...base, unitsPerListing }), 0);
  });

  it('never shows more units than the shares behind it, and floors exactly (1,000 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 5 }), fc.nat({ max: 1e9 })), { maxLength: 6 }),
        fc.array(fc.nat({ max: 5 }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 48 }),
        (pairs, eligible, unitsPerListing) => {
          const shareByWarehouse = new Map(pairs);
          const quantity = listingQuantity({
            shareByWarehouse,
            eligibleWarehouseIds: eligible,
            unitsPerListing,
          });
          const units = [...new Set(eligible)].reduce(
            (a, w) => a + (shareByWarehouse.get(w) ?? 0),
            0,
          );
          assert.ok(Number.isSafeInteger(quantity) && quantity >= 0);
          assert.ok(quantity * unitsPerListing <= units);
          assert.ok((quantity + 1) * unitsPerListing > units);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('bundleAvailableInWarehouse', () => {
  it("uses the components' availability in that warehouse only", () => {
    const stock: Record<string, number> = { '1@7': 7, '2@7': 10, '1@8': 100, '2@8': 1 };
    const availableOf = (sku: number, warehouse: number) => stock[`${sku}@${warehouse}`] ?? 0;
    const kit = [
      { skuId: 1, quantity: 2 },
      { skuId: 2, quantity: 1 },
    ];
    assert.equal(bundleAvailableInWarehouse(kit, 7, availableOf), 3);
    assert.equal(bundleAvailableInWarehouse(kit, 8, availableOf), 1);
    assert.equal(bundleAvailableInWarehouse(kit, 9, availableOf), 0);
  });
});
