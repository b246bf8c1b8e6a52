// Proves reliability item R5 at smoke size (the full run is `npm run bench -- r5`): with both
// emulated platforms answering 5% 500s, timing out 2% of calls after applying them, refusing 1%
// with 429 + Retry-After and answering after a log-normal latency (median 150 ms, p99 1.5 s),
// 2,000 stock changes (receipts, stock-takes, buyers' orders, payments and cancellations) leave
// every listing confirmed at its target on its platform within 60 s of the last change, no shop
// ever shows more than StockPool had available, every dead letter has an alert, and the stock
// invariants hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { R5_DEFAULTS, runR5 } from '../../bench/reliability/r5-scenario.ts';

test('2,000 stock changes under the R5 fault mix converge within 60 s, never over-shown, every dead letter alerted', async (t) => {
  const result = await runR5({
    ...R5_DEFAULTS,
    engine: 'sqlite',
    changes: 2_000,
    changesPerSecond: 100,
    skus: 8,
    measureBeyondMs: 0,
  });
  t.diagnostic(
    `converged ${result.convergenceMs} ms after the last change (driven in ${result.driveMs} ms); ` +
      `${result.watch.listingChecks} shown figures checked, over-shown while a push was failing ` +
      `${result.watch.pushFailed.samples}, dead letters ${result.deadLetters.length}`,
  );
  assert.ok(result.changesApplied.total >= 2_000, 'every change was made');
  assert.ok(result.watch.listingChecks > 0, 'shown figures were sampled during the run');
  assert.equal(result.watch.unexplained.samples, 0, result.watch.examples.join('; '));
  assert.deepEqual(result.deadLettersWithoutAlert, [], 'every dead letter alerted');
  assert.deepEqual(result.invariantViolations, []);
  assert.ok(
    result.convergenceMs !== null && result.convergenceMs <= 60_000,
    `I5 within 60 s of quiet: ${result.convergenceMs} ms; ${result.convergenceTrace.slice(-3).join(' | ')}`,
  );
  assert.deepEqual(result.failures, []);
});
