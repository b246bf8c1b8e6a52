// Proves, by worked examples, how shop groups split one SKU in one warehouse in two levels: the
// SKU's policy splits among ungrouped shops and groups (keyed group:<id>), each group's policy
// splits its share among its eligible members, buffers apply at each level, and each shop's mode
// is the one that bounded it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocateGrouped, groupUnitKey, type ShopGroupSpec } from './grouped-shares.ts';
import { allocateWarehouse } from './shares.ts';
import type { AllocationPolicy } from './policy.ts';

const HALVES: AllocationPolicy = { mode: 'partitioned' };

function sharesOf(result: { shares: ReadonlyMap<string, number> }) {
  return Object.fromEntries(result.shares);
}

describe('allocateGrouped', () => {
  it('splits first among ungrouped shops and groups, then each group among its members', () => {
    const groups: ShopGroupSpec[] = [
      { id: '1', policy: { mode: 'partitioned', weights: { b: 3, c: 1 } }, shopIds: ['b', 'c'] },
    ];
    const result = allocateGrouped({
      available: 100,
      shops: ['a', 'b', 'c'],
      policy: { mode: 'partitioned', weights: { a: 1, 'group:1': 4 } },
      groups,
    });
    assert.deepEqual(sharesOf(result.units), { a: 20, 'group:1': 80 });
    assert.deepEqual(sharesOf(result), { a: 20, b: 60, c: 20 });
    assert.equal(result.groups.get('1')?.availableUnits, 80);
    assert.equal(result.modeUsed, 'partitioned');
  });

  it('holds back a buffer at each level: the SKU policy from the pool, the group policy from its share', () => {
    const result = allocateGrouped({
      available: 50,
      shops: ['a', 'b', 'c'],
      policy: { mode: 'partitioned', bufferUnits: 10 },
      groups: [{ id: '7', policy: { mode: 'shared', bufferUnits: 5 }, shopIds: ['b', 'c'] }],
    });
    assert.equal(result.bufferUnits, 10);
    assert.equal(result.poolUnits, 40);
    assert.deepEqual(sharesOf(result), { a: 20, b: 15, c: 15 });
    assert.equal(result.groups.get('7')?.bufferUnits, 5);
  });

  it('shows a group the whole pool when the SKU is shared, and the group splits it', () => {
    const result = allocateGrouped({
      available: 30,
      shops: ['a', 'b', 'c'],
      policy: { mode: 'shared' },
      groups: [{ id: '2', policy: HALVES, shopIds: ['b', 'c'] }],
    });
    assert.deepEqual(sharesOf(result), { a: 30, b: 15, c: 15 });
    assert.deepEqual(Object.fromEntries(result.modeByShop), {
      a: 'shared',
      b: 'partitioned',
      c: 'partitioned',
    });
    assert.equal(result.modeUsed, 'partitioned');
  });

  it('counts a member of a shared group as partitioned when the SKU level was partitioned', () => {
    const result = allocateGrouped({
      available: 30,
      shops: ['a', 'b', 'c'],
      policy: HALVES,
      groups: [{ id: '2', policy: { mode: 'shared' }, shopIds: ['b', 'c'] }],
    });
    assert.deepEqual(sharesOf(result), { a: 15, b: 15, c: 15 });
    assert.deepEqual(
      [...result.modeByShop.values()],
      ['partitioned', 'partitioned', 'partitioned'],
    );
  });

  it('reports shared only when no level split a shop', () => {
    const result = allocateGrouped({
      available: 9,
      shops: ['a', 'b'],
      policy: { mode: 'shared' },
      groups: [{ id: '2', policy: { mode: 'shared' }, shopIds: ['b'] }],
    });
    assert.deepEqual(sharesOf(result), { a: 9, b: 9 });
    assert.equal(result.modeUsed, 'shared');
  });

  it('leaves out a group with no eligible member, and members that cannot ship from here', () => {
    const result = allocateGrouped({
      available: 12,
      shops: ['a', 'b'],
      policy: HALVES,
      groups: [
        { id: '1', policy: HALVES, shopIds: ['x', 'y'] },
        { id: '2', policy: HALVES, shopIds: ['b', 'z'] },
      ],
    });
    assert.deepEqual([...result.units.shares.keys()], ['a', 'group:2']);
    assert.deepEqual(sharesOf(result), { a: 6, b: 6 });
    assert.deepEqual([...result.groups.keys()], ['2']);
  });

  it('meets a group minimum and a member minimum in the order the policies give', () => {
    const result = allocateGrouped({
      available: 10,
      shops: ['a', 'b', 'c'],
      policy: { mode: 'partitioned', minPerShop: { 'group:3': 8 }, priority: ['group:3'] },
      groups: [
        {
          id: '3',
          policy: { mode: 'partitioned', minPerShop: { c: 6 }, priority: ['c'] },
          shopIds: ['b', 'c'],
        },
      ],
    });
    // 10 by equal weights is 5 / 5; the group is raised to its minimum of 8, the rest goes to a.
    assert.equal(result.units.shares.get(groupUnitKey('3')), 8);
    assert.deepEqual(
      [...result.shares],
      [
        ['c', 6],
        ['b', 2],
        ['a', 2],
      ],
    );
  });

  it('decides adaptive at each level with the SKU sales rate', () => {
    const adaptive: AllocationPolicy = { mode: 'adaptive', adaptive: { roundTripSeconds: 10 } };
    // Threshold 2 × 1/s × 10 s = 20: the top pool of 30 stays shared, the group's 30 too.
    const calm = allocateGrouped({
      available: 30,
      shops: ['a', 'b', 'c'],
      policy: adaptive,
      groups: [{ id: '1', policy: adaptive, shopIds: ['b', 'c'] }],
      expectedSalesPerSecond: 1,
    });
    assert.deepEqual(sharesOf(calm), { a: 30, b: 30, c: 30 });
    const busy = allocateGrouped({
      available: 30,
      shops: ['a', 'b', 'c'],
      policy: adaptive,
      groups: [{ id: '1', policy: adaptive, shopIds: ['b', 'c'] }],
      expectedSalesPerSecond: 2,
    });
    assert.deepEqual(sharesOf(busy), { a: 15, b: 8, c: 7 });
  });

  it('equals allocateWarehouse when no group takes part', () => {
    const input = {
      available: 17,
      shops: ['b', 'a', 'c'],
      policy: { mode: 'partitioned', weights: { a: 2 } } satisfies AllocationPolicy,
    };
    const grouped = allocateGrouped({ ...input, groups: [] });
    const { modeByShop, units, groups, ...plain } = grouped;
    assert.deepEqual(plain, allocateWarehouse(input));
    assert.deepEqual(units, allocateWarehouse(input));
    assert.equal(groups.size, 0);
    assert.deepEqual([...modeByShop.values()], ['partitioned', 'partitioned', 'partitioned']);
  });

  it('gives a shop listed by two groups one share only, from the group whose id sorts first', () => {
    const result = allocateGrouped({
      available: 20,
      shops: ['a', 'b'],
      policy: HALVES,
      groups: [
        { id: '9', policy: HALVES, shopIds: ['a', 'b'] },
        { id: '10', policy: HALVES, shopIds: ['a'] },
      ],
    });
    assert.deepEqual(sharesOf(result.units), { 'group:10': 10, 'group:9': 10 });
    assert.deepEqual(sharesOf(result), { a: 10, b: 10 });
  });

  it('shows nothing to a shop whose id is reserved for group units', () => {
    const result = allocateGrouped({
      available: 20,
      shops: ['a', 'group:1'],
      policy: { mode: 'shared' },
      groups: [{ id: '1', policy: HALVES, shopIds: ['a'] }],
    });
    assert.deepEqual(sharesOf(result), { a: 20, 'group:1': 0 });
  });
});
