// Proves the invariants of two-level allocation with shop groups over random policies, groups,
// shop lists and stock (1,000 runs each): when no level applied shared the shares sum to at most
// available; with shared somewhere each share is still at most available and every partitioned
// level hands out at most what it splits; no share is above available; minimums are met at each
// level whenever that level's stock allows; the same input in any order of shops, groups and
// members gives the same result; and with no groups the result is allocateWarehouse's exactly.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  allocateGrouped,
  groupUnitKey,
  type AllocateGroupedInput,
  type GroupedAllocationResult,
} from './grouped-shares.ts';
import { allocateWarehouse } from './shares.ts';
import { ALLOCATION_MODES, minimumOf, type AllocationPolicy } from './policy.ts';

const RUNS = { numRuns: 1000 };
const SHOP_IDS = ['a', 'b', 'c', 'd', 'e', 'f', '10', '9', 'constructor', '__proto__'];
const GROUP_IDS = ['1', '2', '3', '12'];
const UNIT_IDS = [...SHOP_IDS, ...GROUP_IDS.map(groupUnitKey)];

/** A per-shop record built with own properties only (fromEntries defines "__proto__" as data). */
const perId = (ids: string[], value: fc.Arbitrary<number>) =>
  fc
    .array(fc.tuple(fc.constantFrom(...ids), value), { maxLength: 6 })
    .map((pairs) => Object.fromEntries(pairs));

const policyArb = (ids: string[]): fc.Arbitrary<AllocationPolicy> =>
  fc.record(
    {
      mode: fc.constantFrom(...ALLOCATION_MODES),
      bufferUnits: fc.nat({ max: 40 }),
      bufferPercent: fc.integer({ min: 0, max: 5_000 }).map((basisPoints) => basisPoints / 100),
      weights: perId(ids, fc.oneof(fc.nat({ max: 100 }), fc.constant(0))),
      minPerShop: perId(ids, fc.nat({ max: 60 })),
      defaultMinPerShop: fc.nat({ max: 20 }),
      maxPerShop: perId(ids, fc.nat({ max: 300 })),
      priority: fc.shuffledSubarray(ids),
      adaptive: fc.record({
        roundTripSeconds: fc.integer({ min: 1, max: 60 }),
        safetyFactor: fc.integer({ min: 1, max: 4 }),
      }),
    },
    { requiredKeys: ['mode'] },
  );

/** Groups with distinct ids and disjoint members, as the store keeps them. */
const groupsArb = fc
  .tuple(
    fc.shuffledSubarray(GROUP_IDS),
    fc.array(fc.nat({ max: GROUP_IDS.length }), {
      minLength: SHOP_IDS.length,
      maxLength: SHOP_IDS.length,
    }),
  )
  .chain(([ids, slots]) =>
    fc.tuple(
      ...ids.map((id, g) =>
        policyArb(SHOP_IDS).map((policy) => ({
          id,
          policy,
          // Slot g holds the shops assigned to the g-th group; other slots are ungrouped.
          shopIds: SHOP_IDS.filter((_, s) => slots[s] === g),
        })),
      ),
    ),
  );

const inputArb: fc.Arbitrary<AllocateGroupedInput> = fc.record({
  available: fc.oneof(fc.integer({ min: -20, max: 500 }), fc.nat({ max: 1e12 })),
  shops: fc.array(fc.constantFrom(...SHOP_IDS), { maxLength: 12 }),
  policy: policyArb(UNIT_IDS),
  groups: groupsArb,
  expectedSalesPerSecond: fc.option(fc.double({ min: 0, max: 50, noNaN: true }), {
    nil: undefined,
  }),
});

const sum = (values: Iterable<number>) => [...values].reduce((a, v) => a + v, 0);

function everyLevelPartitioned(result: GroupedAllocationResult): boolean {
  return (
    result.units.modeUsed === 'partitioned' &&
    [...result.groups.values()].every((g) => g.modeUsed === 'partitioned')
  );
}

describe('allocateGrouped properties', () => {
  it('never lets the shares sum above available when no level applied shared', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateGrouped(input);
        fc.pre(everyLevelPartitioned(result));
        assert.ok(sum(result.shares.values()) <= result.poolUnits);
        assert.ok(result.poolUnits <= Math.max(0, input.available));
      }),
      RUNS,
    );
  });

  it('never lets a partitioned level hand out more than it splits, whatever the other level does', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateGrouped(input);
        for (const [groupId, group] of result.groups) {
          assert.equal(group.availableUnits, result.units.shares.get(groupUnitKey(groupId)));
          if (group.modeUsed === 'partitioned')
            assert.ok(sum(group.shares.values()) <= group.poolUnits);
          assert.ok(group.poolUnits <= group.availableUnits);
        }
        if (result.units.modeUsed === 'partitioned')
          assert.ok(sum(result.units.shares.values()) <= result.units.poolUnits);
      }),
      RUNS,
    );
  });

  it('never gives a shop more than available, and gives integers ≥ 0', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateGrouped(input);
        for (const share of result.shares.values()) {
          assert.ok(Number.isSafeInteger(share) && share >= 0);
          assert.ok(share <= result.poolUnits && share <= Math.max(0, input.available));
        }
      }),
      RUNS,
    );
  });

  it('meets the minimums of each level whenever that level has the stock for them', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateGrouped(input);
        assertMinimumsMet(result.units, input.policy);
        for (const [groupId, group] of result.groups) {
          const policy = input.groups.find((g) => g.id === groupId)?.policy;
          assert.ok(policy);
          assertMinimumsMet(group, policy);
        }
      }),
      RUNS,
    );
  });

  it('gives one entry per distinct eligible shop, and a mode to each', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateGrouped(input);
        const expected = [...new Set(input.shops)].sort();
        assert.deepEqual([...result.shares.keys()].sort(), expected);
        assert.deepEqual([...result.modeByShop.keys()].sort(), expected);
      }),
      RUNS,
    );
  });

  it('counts a shop partitioned whenever a level above it applied partitioned', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateGrouped(input);
        for (const group of result.groups.values()) {
          const split = result.units.modeUsed === 'partitioned' || group.modeUsed === 'partitioned';
          for (const shopId of group.shares.keys())
            assert.equal(result.modeByShop.get(shopId), split ? 'partitioned' : 'shared');
        }
        const anySplit = [...result.modeByShop.values()].includes('partitioned');
        if (result.groups.size > 0)
          assert.equal(result.modeUsed, anySplit ? 'partitioned' : 'shared');
      }),
      RUNS,
    );
  });

  it('gives the same result for the same input in any order of shops, groups and members', () => {
    fc.assert(
      fc.property(
        inputArb.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray([...input.shops], { minLength: input.shops.length }),
            fc.shuffledSubarray([...input.groups], { minLength: input.groups.length }),
            fc.infiniteStream(fc.integer()),
          ),
        ),
        ([input, shops, groups, seeds]) => {
          const first = allocateGrouped(input);
          const shuffled = groups.map((g) => ({
            ...g,
            shopIds: shuffle(g.shopIds, seeds.next().value as number),
          }));
          const again = allocateGrouped({ ...input, shops, groups: shuffled });
          assert.deepEqual(again, first);
          assert.deepEqual([...again.shares], [...first.shares]);
        },
      ),
      RUNS,
    );
  });

  it('equals allocateWarehouse exactly when there are no groups', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const grouped = allocateGrouped({ ...input, groups: [] });
        const { modeByShop, units, groups, ...plain } = grouped;
        const expected = allocateWarehouse(input);
        assert.deepEqual(plain, expected);
        assert.deepEqual([...plain.shares], [...expected.shares]);
        assert.deepEqual(units, expected);
        assert.equal(groups.size, 0);
        for (const mode of modeByShop.values()) assert.equal(mode, expected.modeUsed);
      }),
      RUNS,
    );
  });
});

/** Minimums (capped) of one level are met whenever they fit in its pool. */
function assertMinimumsMet(
  level: { shares: ReadonlyMap<string, number>; poolUnits: number },
  policy: AllocationPolicy,
): void {
  const minimums = [...level.shares.keys()].map((id) => minimumOf(policy, id));
  if (sum(minimums) > level.poolUnits) return;
  [...level.shares.values()].forEach((share, i) => assert.ok(share >= (minimums[i] ?? 0)));
}

/** A deterministic shuffle (the property must not depend on the order of members). */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
