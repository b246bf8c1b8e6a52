// Proves the allocation invariants over random policies, shop lists and stock (1,000 runs each;
// fast-check prints the seed and the shrunk case on failure): I8 (partitioned shares never sum
// above the pool, the pool never above available, no share above available), shares are
// non-negative integers within each cap, minimums are met whenever stock allows, shared shows
// min(pool, cap), the buffer is never under-held, and the same input in any shop order gives
// the same shares. I8 holds, without a throw, even for settings validatePolicy would refuse.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { allocateWarehouse, type AllocateWarehouseInput } from './shares.ts';
import { ALLOCATION_MODES, capOf, minimumOf, type AllocationPolicy } from './policy.ts';

const RUNS = { numRuns: 1000 };
// Ids that sort unlike numbers and names that live on Object.prototype.
const IDS = ['a', 'b', 'c', 'd', 'e', '10', '9', 'constructor', '__proto__', 'toString'];
const shopId = fc.constantFrom(...IDS);

/** A per-shop record built with own properties only (fromEntries defines "__proto__" as data). */
const perShop = (value: fc.Arbitrary<number>) =>
  fc.array(fc.tuple(shopId, value), { maxLength: 6 }).map((pairs) => Object.fromEntries(pairs));

const policyArb: fc.Arbitrary<AllocationPolicy> = fc.record(
  {
    mode: fc.constantFrom(...ALLOCATION_MODES),
    bufferUnits: fc.nat({ max: 60 }),
    bufferPercent: fc.integer({ min: 0, max: 10_000 }).map((basisPoints) => basisPoints / 100),
    weights: perShop(fc.oneof(fc.nat({ max: 100 }), fc.constant(0), fc.nat({ max: 1_000_000 }))),
    minPerShop: perShop(fc.nat({ max: 80 })),
    defaultMinPerShop: fc.nat({ max: 40 }),
    maxPerShop: perShop(fc.nat({ max: 300 })),
    priority: fc.shuffledSubarray(IDS),
    adaptive: fc.record({
      roundTripSeconds: fc.integer({ min: 1, max: 60 }),
      safetyFactor: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { requiredKeys: ['mode'] },
);

const inputArb: fc.Arbitrary<AllocateWarehouseInput> = fc.record({
  available: fc.oneof(fc.integer({ min: -50, max: 600 }), fc.nat({ max: 1e12 })),
  shops: fc.array(shopId, { maxLength: 9 }),
  policy: policyArb,
  expectedSalesPerSecond: fc.option(fc.double({ min: 0, max: 50, noNaN: true }), {
    nil: undefined,
  }),
});

/** Settings validatePolicy refuses: the allocator must still keep I8 and never throw. */
const wild = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -1, 0.5, 2.5, 1e300),
);
const wildPolicyArb: fc.Arbitrary<AllocationPolicy> = fc.record(
  {
    mode: fc.constantFrom(...ALLOCATION_MODES),
    bufferUnits: wild,
    bufferPercent: wild,
    weights: perShop(wild),
    minPerShop: perShop(wild),
    defaultMinPerShop: wild,
    maxPerShop: perShop(wild),
    adaptive: fc.record({ roundTripSeconds: wild, safetyFactor: wild }),
  },
  { requiredKeys: ['mode'] },
);

describe('allocateWarehouse properties', () => {
  it('keeps I8 and never throws even for settings validatePolicy refuses', () => {
    fc.assert(
      fc.property(
        wild,
        fc.array(shopId, { maxLength: 9 }),
        wildPolicyArb,
        (available, shops, policy) => {
          const result = allocateWarehouse({ available, shops, policy, expectedSalesPerSecond: 1 });
          let sum = 0;
          for (const share of result.shares.values()) {
            assert.ok(Number.isInteger(share) && share >= 0 && share <= result.poolUnits);
            sum += share;
          }
          if (result.modeUsed === 'partitioned') assert.ok(sum <= result.poolUnits);
          assert.ok(result.poolUnits <= result.availableUnits);
        },
      ),
      RUNS,
    );
  });

  it('never gives a share above the pool, nor a pool above available (I8)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateWarehouse(input);
        assert.ok(result.poolUnits <= result.availableUnits);
        assert.ok(result.availableUnits <= Math.max(0, input.available));
        for (const share of result.shares.values()) {
          assert.ok(Number.isSafeInteger(share) && share >= 0, `share ${share}`);
          assert.ok(share <= result.poolUnits);
        }
      }),
      RUNS,
    );
  });

  it('never lets partitioned shares sum above the pool (I8)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateWarehouse(input);
        fc.pre(result.modeUsed === 'partitioned');
        const sum = [...result.shares.values()].reduce((a, s) => a + s, 0);
        assert.ok(sum <= result.poolUnits, `sum ${sum} > pool ${result.poolUnits}`);
      }),
      RUNS,
    );
  });

  it('never gives a shop more than its cap, in any mode', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const [shop, share] of allocateWarehouse(input).shares) {
          assert.ok(share <= capOf(input.policy, shop));
        }
      }),
      RUNS,
    );
  });

  it('meets every minimum whenever the minimums (capped) fit in the pool', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateWarehouse(input);
        const minimums = [...result.shares.keys()].map((s) => minimumOf(input.policy, s));
        fc.pre(minimums.reduce((a, m) => a + m, 0) <= result.poolUnits);
        [...result.shares.values()].forEach((share, i) => assert.ok(share >= (minimums[i] ?? 0)));
      }),
      RUNS,
    );
  });

  it('shows every shop min(pool, cap) in shared mode', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateWarehouse(input);
        fc.pre(result.modeUsed === 'shared');
        for (const [shop, share] of result.shares) {
          assert.equal(share, Math.min(result.poolUnits, capOf(input.policy, shop)));
        }
      }),
      RUNS,
    );
  });

  it('holds the larger of the units and the rounded-up percent buffer, at most available', () => {
    fc.assert(
      fc.property(inputArb, ({ available, policy, shops }) => {
        const result = allocateWarehouse({ available, shops, policy });
        const basisPoints = BigInt(Math.round((policy.bufferPercent ?? 0) * 100));
        const percent = Number((BigInt(result.availableUnits) * basisPoints + 9999n) / 10000n);
        const wanted = Math.max(policy.bufferUnits ?? 0, percent);
        assert.equal(result.bufferUnits, Math.min(result.availableUnits, wanted));
      }),
      RUNS,
    );
  });

  it('gives one entry per distinct eligible shop', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const shops = [...allocateWarehouse(input).shares.keys()].sort();
        assert.deepEqual(shops, [...new Set(input.shops)].sort());
      }),
      RUNS,
    );
  });

  it('gives the same shares, in the same order, for the same input in any shop order', () => {
    fc.assert(
      fc.property(
        inputArb.chain((input) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray([...input.shops], { minLength: input.shops.length }),
          ),
        ),
        ([input, reordered]) => {
          const first = allocateWarehouse(input);
          assert.deepEqual(allocateWarehouse(input), first);
          const again = allocateWarehouse({ ...input, shops: reordered });
          assert.deepEqual([...again.shares], [...first.shares]);
        },
      ),
      RUNS,
    );
  });

  it('decides adaptive by pool ≥ safetyFactor × rate × round-trip, partitioned if the rate is unknown', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const policy: AllocationPolicy = { ...input.policy, mode: 'adaptive' };
        const result = allocateWarehouse({ ...input, policy });
        const rate = input.expectedSalesPerSecond;
        const settings = policy.adaptive;
        const shared =
          rate !== undefined &&
          settings !== undefined &&
          result.poolUnits >= (settings.safetyFactor ?? 2) * rate * settings.roundTripSeconds;
        assert.equal(result.modeUsed, shared ? 'shared' : 'partitioned');
      }),
      RUNS,
    );
  });
});
