// Proves the flash sale's fixed inputs: the buyer stream is the same for every scenario of a run
// (same seed, same buyers), follows the shops' demand shares, and the baseline's hand split never
// hands out more or fewer units than it has.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { planBuyers, SALE_SHOPS } from './buyers.ts';
import { splitEqually } from './baseline.ts';

const PLAN = { buyers: 10_000, seed: 7, payShare: 0.9, payDelayMs: [50, 500] as [number, number] };

describe('the flash sale buyers', () => {
  test('the same seed gives the same buyers in the same order', () => {
    assert.deepEqual(planBuyers(PLAN), planBuyers(PLAN));
    assert.notDeepEqual(planBuyers(PLAN), planBuyers({ ...PLAN, seed: 8 }));
  });

  test('buyers spread over the shops by their demand share, and about 90% pay', () => {
    const buyers = planBuyers(PLAN);
    for (const [index, shop] of SALE_SHOPS.entries()) {
      const share = buyers.filter((b) => b.shopIndex === index).length / buyers.length;
      assert.ok(Math.abs(share - shop.demand / 100) < 0.02, `${shop.key}: ${share}`);
    }
    const payers = buyers.filter((b) => b.pays).length / buyers.length;
    assert.ok(Math.abs(payers - 0.9) < 0.02, `payers: ${payers}`);
    assert.ok(buyers.every((b) => b.payDelayMs >= 50 && b.payDelayMs <= 500));
  });

  test('the hand split gives out exactly what is left, shares differing by at most one', () => {
    for (const total of [0, 1, 4, 5, 999, 1_000]) {
      const shares = splitEqually(total, 5);
      assert.equal(
        shares.reduce((a, b) => a + b, 0),
        total,
      );
      assert.ok(Math.max(...shares) - Math.min(...shares) <= 1);
    }
  });
});
