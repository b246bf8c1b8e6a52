/**
 * Suite part: the platform's limits and failures, each on its own emulator so faults and rate
 * buckets touch no other test. A burst past the platform's limit without client pacing is
 * throttled and reported RATE_LIMITED; the connector's default pacing gets no throttled answer;
 * injected server errors are retryable and reads succeed through withRetries; an outage applies
 * nothing; a push applied but never answered is a retryable failure that is safe to repeat.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { EmulatorOptions, PlatformEmulator } from '../../../sandbox/kit/emulator.ts';
import type { StockPushItem, StockPushResult } from '../contract.ts';
import { isConnectorError } from '../errors.ts';
import { withRetries } from '../http/retry.ts';
import type { SuiteContext } from './context.ts';
import { refOf } from './context.ts';

type PushOutcome = { result: StockPushResult } | { error: unknown };

/** True when an outcome is the platform's throttling (thrown or per listing). */
function isThrottled(outcome: PushOutcome): boolean {
  if ('error' in outcome)
    return isConnectorError(outcome.error) && outcome.error.code === 'RATE_LIMITED';
  return !outcome.result.ok && outcome.result.retryable;
}

/** True when an outcome is a retryable failure, thrown or per listing. */
function isRetryableFailure(outcome: PushOutcome): boolean {
  if ('error' in outcome) return isConnectorError(outcome.error) && outcome.error.retryable;
  return !outcome.result.ok && outcome.result.retryable;
}

async function withEmulator(
  suite: SuiteContext,
  run: (emulator: PlatformEmulator) => Promise<void>,
  options: EmulatorOptions = {},
): Promise<void> {
  const emulator = await suite.startEmulator(options);
  try {
    await run(emulator);
  } finally {
    await emulator.close();
  }
}

export function registerThrottlingAndFaultTests(suite: SuiteContext): void {
  const pushOne = (
    connector: ReturnType<SuiteContext['connector']>,
    item: StockPushItem,
  ): Promise<PushOutcome> =>
    connector.setStock([item]).then(
      ([result]) => ({ result: result! }),
      (error: unknown) => ({ error }),
    );

  // A low platform limit here: on a busy machine a burst of concurrent requests can reach the
  // emulator slower than the real limit, and then nothing would be throttled.
  it('a burst past the platform limit without client pacing is throttled and reported RATE_LIMITED', () =>
    withEmulator(
      suite,
      async (emulator) => {
        const [product] = suite.products(1, { stock: 1 });
        const shop = suite.newShop({ products: [product!], emulator });
        const connector = suite.connector(shop, { rateLimitPerSecond: 1_000_000 });
        const item = {
          listing: refOf(product),
          stock: [{ warehouseId: suite.harness.warehouseId, quantity: 9 }],
        };
        const outcomes = await Promise.all(
          Array.from({ length: 40 }, () => pushOne(connector, item)),
        );
        const throttled = outcomes.filter(isThrottled).length;
        assert.ok(throttled >= 10, `only ${throttled} of 40 requests were throttled`);
        const others = outcomes.filter((outcome) => !isThrottled(outcome));
        assert.ok(
          others.every((outcome) => 'result' in outcome && outcome.result.ok),
          'requests that were not throttled succeeded',
        );
        assert.ok(
          emulator.stats().throttled >= throttled,
          'the platform counted its throttled answers',
        );
      },
      { rateLimitPerSecond: 5 },
    ));

  it('the default client pacing keeps a burst under the platform limit: no throttled answer', () =>
    withEmulator(suite, async (emulator) => {
      const [product] = suite.products(1, { stock: 1 });
      const shop = suite.newShop({ products: [product!], emulator });
      const connector = suite.connector(shop);
      const item = {
        listing: refOf(product),
        stock: [{ warehouseId: suite.harness.warehouseId, quantity: 9 }],
      };
      const burst = suite.harness.module.pushRatePerSecond * 2;
      const outcomes = await Promise.all(
        Array.from({ length: burst }, () => pushOne(connector, item)),
      );
      const failed = outcomes.filter((outcome) => !('result' in outcome && outcome.result.ok));
      assert.equal(failed.length, 0, `${failed.length} pushes failed`);
      assert.equal(emulator.stats().throttled, 0);
    }));

  it('injected server errors are retryable, and reads succeed through withRetries', () =>
    withEmulator(suite, async (emulator) => {
      const shop = suite.newShop({ products: suite.products(3), emulator });
      const connector = suite.connector(shop);
      emulator.faults.update({ errorRate: 0.2 });
      const raw = await Promise.allSettled(
        Array.from({ length: 20 }, () => connector.listCatalog(null)),
      );
      const failures = raw.flatMap((entry) =>
        entry.status === 'rejected' ? [entry.reason as unknown] : [],
      );
      assert.ok(failures.length > 0, 'no injected error reached the connector');
      assert.ok(
        failures.every((error) => isConnectorError(error) && error.code === 'UNAVAILABLE'),
        'injected errors are UNAVAILABLE',
      );
      const retry = { attempts: 12, baseDelayMs: 5, maxDelayMs: 20 };
      for (let call = 0; call < 20; call++) {
        const page = await withRetries(() => connector.listCatalog(null), retry);
        assert.equal(page.items.length, 3);
      }
    }));

  it('during an outage a push fails as retryable and nothing is applied', () =>
    withEmulator(suite, async (emulator) => {
      const [product] = suite.products(1, { stock: 4 });
      const shop = suite.newShop({ products: [product!], emulator });
      emulator.faults.update({ outageUntilMs: suite.now() + 60_000 });
      const item = {
        listing: refOf(product),
        stock: [{ warehouseId: suite.harness.warehouseId, quantity: 9 }],
      };
      const outcome = await pushOne(suite.connector(shop), item);
      assert.ok(isRetryableFailure(outcome), 'the push failed as retryable');
      assert.equal(suite.shownAvailable(shop, refOf(product)), 4);
    }));

  it('a push the platform applied but never answered is a retryable failure, and repeating it is harmless', () =>
    withEmulator(suite, async (emulator) => {
      const [product] = suite.products(1, { stock: 4 });
      const shop = suite.newShop({ products: [product!], emulator });
      const connector = suite.connector(shop, { timeoutMs: 300 });
      const item = {
        listing: refOf(product),
        stock: [{ warehouseId: suite.harness.warehouseId, quantity: 8 }],
      };
      emulator.faults.update({ timeoutAfterApplyRate: 1 });
      assert.ok(
        isRetryableFailure(await pushOne(connector, item)),
        'the unanswered push is retryable',
      );
      assert.equal(suite.shownAvailable(shop, refOf(product)), 8);
      emulator.faults.update({ timeoutAfterApplyRate: 0 });
      const again = await pushOne(connector, item);
      assert.ok('result' in again && again.result.ok, 'the repeated push succeeded');
      assert.equal(suite.shownAvailable(shop, refOf(product)), 8);
    }));
}
