// Proves, by worked examples, how one SKU's available units in one warehouse become each shop's
// share under each policy: shared less a buffer and caps, partitioned by weight with largest
// remainder, minimums in priority order, caps that pass their excess on, and adaptive switching
// exactly at its threshold.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocateWarehouse, servingOrder, type AllocateWarehouseInput } from './shares.ts';
import type { AllocationPolicy } from './policy.ts';

const SHOPS = ['a', 'b', 'c'];

function sharesOf(input: Partial<AllocateWarehouseInput> & { policy: AllocationPolicy }) {
  const result = allocateWarehouse({ available: 0, shops: SHOPS, ...input });
  return Object.fromEntries(result.shares);
}

describe('allocateWarehouse in shared mode', () => {
  it('shows every shop all available when there is no buffer', () => {
    assert.deepEqual(sharesOf({ available: 40, policy: { mode: 'shared' } }), {
      a: 40,
      b: 40,
      c: 40,
    });
  });

  it('holds back a buffer in units from every shop', () => {
    const result = allocateWarehouse({
      available: 20,
      shops: SHOPS,
      policy: { mode: 'shared', bufferUnits: 5 },
    });
    assert.equal(result.bufferUnits, 5);
    assert.equal(result.poolUnits, 15);
    assert.deepEqual(Object.fromEntries(result.shares), { a: 15, b: 15, c: 15 });
  });

  it('rounds a percent buffer up so it is never under-held: 10 % of 101 holds 11', () => {
    const result = allocateWarehouse({
      available: 101,
      shops: SHOPS,
      policy: { mode: 'shared', bufferPercent: 10 },
    });
    assert.equal(result.bufferUnits, 11);
    assert.equal(result.shares.get('a'), 90);
  });

  it('holds the larger of a units and a percent buffer', () => {
    const policy: AllocationPolicy = { mode: 'shared', bufferUnits: 3, bufferPercent: 10 };
    assert.equal(allocateWarehouse({ available: 100, shops: SHOPS, policy }).bufferUnits, 10);
    assert.equal(allocateWarehouse({ available: 20, shops: SHOPS, policy }).bufferUnits, 3);
  });

  it('never holds more than available, and shows 0 when the buffer takes it all', () => {
    const result = allocateWarehouse({
      available: 4,
      shops: SHOPS,
      policy: { mode: 'shared', bufferUnits: 10 },
    });
    assert.equal(result.bufferUnits, 4);
    assert.deepEqual(Object.fromEntries(result.shares), { a: 0, b: 0, c: 0 });
  });

  it('caps a shop at its maximum while the others show the whole pool', () => {
    assert.deepEqual(
      sharesOf({ available: 40, policy: { mode: 'shared', maxPerShop: { b: 4 } } }),
      {
        a: 40,
        b: 4,
        c: 40,
      },
    );
  });

  it('treats back-ordered (negative) available as nothing to show', () => {
    const result = allocateWarehouse({ available: -7, shops: SHOPS, policy: { mode: 'shared' } });
    assert.equal(result.availableUnits, 0);
    assert.deepEqual(Object.fromEntries(result.shares), { a: 0, b: 0, c: 0 });
  });
});

describe('allocateWarehouse in partitioned mode', () => {
  const weights = { a: 50, b: 25, c: 25 };

  it('splits 101 units 50/25/25 as 51/25/25: the one leftover unit goes to the largest remainder', () => {
    assert.deepEqual(sharesOf({ available: 101, policy: { mode: 'partitioned', weights } }), {
      a: 51,
      b: 25,
      c: 25,
    });
  });

  it('gives a leftover unit on equal remainders to the shop served first', () => {
    const policy: AllocationPolicy = { mode: 'partitioned', priority: ['c'] };
    assert.deepEqual(sharesOf({ available: 4, policy }), { a: 1, b: 1, c: 2 });
    assert.deepEqual(sharesOf({ available: 5, policy }), { a: 2, b: 1, c: 2 });
  });

  it('meets minimums of 10 in priority order when 25 units cannot meet all three', () => {
    const policy: AllocationPolicy = {
      mode: 'partitioned',
      defaultMinPerShop: 10,
      priority: ['c', 'a'],
    };
    const result = allocateWarehouse({ available: 25, shops: SHOPS, policy });
    assert.deepEqual(
      [...result.shares],
      [
        ['c', 10],
        ['a', 10],
        ['b', 5],
      ],
    );
  });

  it('leaves weights alone when they already give every shop its minimum', () => {
    const policy: AllocationPolicy = { mode: 'partitioned', weights, defaultMinPerShop: 10 };
    assert.deepEqual(sharesOf({ available: 100, policy }), { a: 50, b: 25, c: 25 });
    assert.deepEqual(sharesOf({ available: 40, policy }), { a: 20, b: 10, c: 10 });
  });

  it('raises shops below their minimum and splits the rest among the others by weight', () => {
    const policy: AllocationPolicy = { mode: 'partitioned', weights, defaultMinPerShop: 10 };
    assert.deepEqual(sharesOf({ available: 36, policy }), { a: 16, b: 10, c: 10 });
  });

  it('passes what a capped shop cannot take to the others, by their weights', () => {
    const policy: AllocationPolicy = { mode: 'partitioned', weights, maxPerShop: { a: 30 } };
    assert.deepEqual(sharesOf({ available: 100, policy }), { a: 30, b: 35, c: 35 });
    assert.deepEqual(sharesOf({ available: 101, policy }), { a: 30, b: 36, c: 35 });
  });

  it('leaves units unallocated when every shop that has a weight is at its cap', () => {
    const policy: AllocationPolicy = { mode: 'partitioned', maxPerShop: { a: 5, b: 5, c: 5 } };
    assert.deepEqual(sharesOf({ available: 100, policy }), { a: 5, b: 5, c: 5 });
  });

  it('gives a zero-weight shop its minimum and nothing more', () => {
    const policy: AllocationPolicy = {
      mode: 'partitioned',
      weights: { a: 0 },
      minPerShop: { a: 3 },
    };
    assert.deepEqual(sharesOf({ available: 23, policy }), { a: 3, b: 10, c: 10 });
  });

  it('gives a shop missing from the weights a weight of 1', () => {
    const policy: AllocationPolicy = { mode: 'partitioned', weights: { a: 2 } };
    assert.deepEqual(sharesOf({ available: 40, policy }), { a: 20, b: 10, c: 10 });
  });

  it('lowers a minimum above a cap to the cap', () => {
    const policy: AllocationPolicy = {
      mode: 'partitioned',
      minPerShop: { a: 10 },
      maxPerShop: { a: 4 },
    };
    assert.deepEqual(sharesOf({ available: 9, policy }), { a: 4, b: 3, c: 2 });
  });

  it('reads settings only from own properties, so a shop named "constructor" is ordinary', () => {
    const result = allocateWarehouse({
      available: 9,
      shops: ['constructor', 'toString', 'x'],
      policy: { mode: 'partitioned' },
    });
    assert.deepEqual([...result.shares.values()], [3, 3, 3]);
  });

  it('reports the policy mode, the mode used, the buffer and the pool', () => {
    const result = allocateWarehouse({
      available: 50,
      shops: SHOPS,
      policy: { mode: 'partitioned', bufferUnits: 2 },
    });
    assert.equal(result.policyMode, 'partitioned');
    assert.equal(result.modeUsed, 'partitioned');
    assert.equal(result.bufferUnits, 2);
    assert.equal(result.poolUnits, 48);
    assert.equal(result.adaptiveThresholdUnits, null);
  });
});

describe('allocateWarehouse in adaptive mode', () => {
  // 2 × 1 unit/s × 3 s: shared while the pool holds at least 6 units.
  const policy: AllocationPolicy = {
    mode: 'adaptive',
    adaptive: { roundTripSeconds: 3, safetyFactor: 2 },
  };
  const run = (available: number, expectedSalesPerSecond?: number) =>
    allocateWarehouse({ available, shops: SHOPS, policy, expectedSalesPerSecond });

  it('stays shared exactly at the threshold', () => {
    const result = run(6, 1);
    assert.equal(result.modeUsed, 'shared');
    assert.equal(result.adaptiveThresholdUnits, 6);
    assert.deepEqual(Object.fromEntries(result.shares), { a: 6, b: 6, c: 6 });
  });

  it('partitions one unit below the threshold', () => {
    const result = run(5, 1);
    assert.equal(result.policyMode, 'adaptive');
    assert.equal(result.modeUsed, 'partitioned');
    assert.deepEqual(Object.fromEntries(result.shares), { a: 2, b: 2, c: 1 });
  });

  it('compares the pool after the buffer, not available', () => {
    const buffered = { ...policy, bufferUnits: 1 };
    const result = allocateWarehouse({
      available: 6,
      shops: SHOPS,
      policy: buffered,
      expectedSalesPerSecond: 1,
    });
    assert.equal(result.modeUsed, 'partitioned');
  });

  it('partitions when the sales rate is unknown, and shares when nothing is expected to sell', () => {
    assert.equal(run(1000).modeUsed, 'partitioned');
    assert.equal(run(1, 0).modeUsed, 'shared');
  });
});

describe('servingOrder', () => {
  it('serves the priority list first, then the rest by shop id, each shop once', () => {
    assert.deepEqual(servingOrder(['d', 'b', 'a', 'c', 'b'], ['c', 'zz', 'a', 'c']), [
      'c',
      'a',
      'b',
      'd',
    ]);
  });

  it('orders shop ids by code unit, the same in every locale', () => {
    assert.deepEqual(servingOrder(['b', 'B', '10', '9']), ['10', '9', 'B', 'b']);
  });
});
