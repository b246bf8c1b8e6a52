// Proves the INVALID_POLICY message names every broken rule in the caller's language, with the
// setting as written (shop key, list position) and the limit it breaks, for every problem code
// validatePolicy gives; and falls back to the stable `field: CODE` text when no list is given.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validatePolicy, invalidPolicyDetails } from '../domain/allocation/index.ts';
import type { AllocationPolicy } from '../domain/allocation/index.ts';
import { messageFor } from './messages.ts';
import { describePolicyProblems } from './policy-problems.ts';

const everyProblem = {
  mode: 'partitioned',
  bufferUnits: 1e12,
  bufferPercent: 12.345,
  weights: { a: 2e6, '': 1 },
  minPerShop: { b: 9, c: 1.5 },
  maxPerShop: { b: 3 },
  priority: ['a', 'a'],
  adaptive: { roundTripSeconds: 7200, safetyFactor: 0.5 },
} as AllocationPolicy;

describe('policy problems in en and zh-CN', () => {
  it('describes each problem with where it is and its limit', () => {
    const details = invalidPolicyDetails(validatePolicy(everyProblem));
    assert.equal(
      messageFor('INVALID_POLICY', details, 'en'),
      'The allocation policy is not valid: bufferUnits must be at most 1,000,000,000 units; ' +
        'bufferPercent may have at most two decimals; weights[a] must be at most 1,000,000; ' +
        'weights[] has an empty shop id; minPerShop[c] must be a whole number, 0 or more; ' +
        "minPerShop[b] is above the shop's maximum (maxPerShop 3); " +
        'priority[1] names shop "a" a second time; ' +
        'adaptive.roundTripSeconds must be at most 3,600 seconds; ' +
        'adaptive.safetyFactor must be at least 1.',
    );
    assert.equal(
      messageFor('INVALID_POLICY', details, 'zh-CN'),
      '库存分配策略无效：bufferUnits 不得超过 1,000,000,000 件；bufferPercent 最多保留两位小数；' +
        'weights[a] 不得超过 1,000,000；weights[] 中有空的店铺编号；minPerShop[c] 须为不小于 0 的整数；' +
        'minPerShop[b] 大于该店铺的上限（maxPerShop 3）；priority[1] 重复列出了店铺 a；' +
        'adaptive.roundTripSeconds 不得超过 3,600 秒；adaptive.safetyFactor 不得小于 1。',
    );
  });

  it('has a phrase for the remaining codes in both languages', () => {
    const cases: AllocationPolicy[] = [
      { mode: 'greedy' } as unknown as AllocationPolicy,
      { mode: 'adaptive' },
      { mode: 'shared', bufferPercent: 101 },
      { mode: 'adaptive', adaptive: { roundTripSeconds: 0, safetyFactor: 1000 } },
    ];
    for (const policy of cases) {
      const issues = validatePolicy(policy);
      assert.ok(issues.length > 0);
      for (const locale of ['en', 'zh-CN'] as const) {
        const text = describePolicyProblems(issues, locale);
        assert.ok(text !== null && !/undefined|\?/.test(text), `${locale}: ${text}`);
      }
    }
  });

  it('falls back to the field: CODE text when the details carry no problem list', () => {
    const details = { problems: 'bufferUnits: NOT_A_COUNT' };
    assert.equal(
      messageFor('INVALID_POLICY', details, 'en'),
      'The allocation policy is not valid: bufferUnits: NOT_A_COUNT.',
    );
    assert.equal(describePolicyProblems([{ code: 'NOPE', field: 'x' }], 'en'), null);
    assert.equal(describePolicyProblems('text', 'zh-CN'), null);
  });
});
