// Proves how one setStock's platform calls treat a failing call: alone among calls that went
// through it fails only its own listings (with its Retry-After) and stops the run, the listings not
// called come back `notSent`; a first failure leaves room for one more call; two failures, or a
// throttle, before anything went through throw the first (an outage); so does an error that is not
// retryable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ListingRef, StockPushResult } from './contract.ts';
import { ConnectorError } from './errors.ts';
import { runStockCalls } from './stock-calls.ts';

const ref = (itemId: string): ListingRef => ({ itemId, variantId: '' });
const ok = (listing: ListingRef): StockPushResult => ({ listing, ok: true });

/** Calls named by item id; `fail` maps an item id to the error its call throws. */
function run(items: string[], fail: Record<string, ConnectorError>, concurrency = 1) {
  const sent: string[] = [];
  const result = runStockCalls(
    items.map((itemId) => ref(itemId)),
    {
      concurrency,
      listingsOf: (listing) => [listing],
      send: async (listing) => {
        sent.push(listing.itemId);
        await new Promise((resolve) => setTimeout(resolve, 1));
        const error = fail[listing.itemId];
        if (error) throw error;
        return [ok(listing)];
      },
    },
  );
  return { sent, result };
}

const serverError = () => new ConnectorError('UNAVAILABLE', 'HTTP 500', { platformCode: '500' });

test('every call goes through: one result per call', async () => {
  const { sent, result } = run(['1', '2', '3'], {});
  assert.deepEqual(
    (await result).map((r) => r.map((x) => x.ok)),
    [[true], [true], [true]],
  );
  assert.deepEqual(sent, ['1', '2', '3']);
});

test('a call failing after others went through fails alone; the rest is not sent, not failed', async () => {
  const throttled = new ConnectorError('RATE_LIMITED', 'HTTP 429', { retryAfterMs: 1_500 });
  const { sent, result } = run(['1', '2', '3', '4'], { '2': throttled });
  const [first, second, third, fourth] = await result;
  assert.deepEqual(sent, ['1', '2'], 'no call after the failure');
  assert.equal(first?.[0]?.ok, true);
  const failed = second?.[0];
  assert.ok(failed && !failed.ok);
  assert.equal(failed.retryable, true);
  assert.equal(failed.retryAfterMs, 1_500);
  assert.equal(failed.notSent, undefined);
  for (const unsent of [third?.[0], fourth?.[0]]) {
    assert.ok(unsent && !unsent.ok);
    assert.equal(unsent.notSent, true);
    assert.equal(unsent.retryAfterMs, 1_500);
  }
});

test('calls in flight when one fails still count: their results are kept', async () => {
  const { sent, result } = run(['1', '2', '3', '4', '5', '6'], { '1': serverError() }, 3);
  const results = (await result).map((r) => r[0]);
  // '1' fails first while '2' and '3' are in flight; its lane may start one more call ('4').
  assert.deepEqual(sent, ['1', '2', '3', '4']);
  assert.equal(results[0]?.ok, false);
  assert.deepEqual(
    results.slice(1, 4).map((r) => r?.ok),
    [true, true, true],
  );
  assert.ok(results.slice(4).every((r) => r && !r.ok && r.notSent === true));
});

test('a first call failing leaves room for one more: if it goes through, the platform answers', async () => {
  const { sent, result } = run(['1', '2', '3', '4'], { '1': serverError() });
  const results = (await result).map((r) => r[0]);
  assert.deepEqual(sent, ['1', '2']);
  assert.ok(results[0] && !results[0].ok && results[0].notSent === undefined);
  assert.equal(results[1]?.ok, true);
  assert.ok(results.slice(2).every((r) => r && !r.ok && r.notSent === true));
});

test('two failures before any call went through: the first is thrown (the platform looks down)', async () => {
  const error = serverError();
  const { sent, result } = run(['1', '2', '3'], { '1': error, '2': serverError() });
  await assert.rejects(result, (e) => e === error);
  assert.deepEqual(sent, ['1', '2']);
});

test('a throttle before any call went through is thrown at once, with its Retry-After', async () => {
  const throttled = new ConnectorError('RATE_LIMITED', 'HTTP 429', { retryAfterMs: 1_000 });
  const { sent, result } = run(['1', '2', '3'], { '1': throttled });
  await assert.rejects(result, (e) => e === throttled);
  assert.deepEqual(sent, ['1']);
});

test('an error that is not retryable is thrown even after calls went through', async () => {
  const auth = new ConnectorError('AUTH_FAILED', 'token refused');
  const { result } = run(['1', '2', '3'], { '2': auth });
  await assert.rejects(result, (e) => e === auth);
});

test('each answered call is reported at once, before a slower call of the same run ends', async () => {
  const reported: string[] = [];
  let releaseSlow: () => void = () => {};
  const slow = new Promise<void>((resolve) => (releaseSlow = resolve));
  const run = runStockCalls([ref('slow'), ref('fast-1'), ref('fast-2')], {
    concurrency: 3,
    listingsOf: (listing) => [listing],
    send: async (listing) => {
      if (listing.itemId === 'slow') await slow;
      return [ok(listing)];
    },
    onCallAnswered: (results) => reported.push(...results.map((r) => r.listing.itemId)),
  });
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepEqual(reported.sort(), ['fast-1', 'fast-2'], 'reported while the slow call runs');
  releaseSlow();
  assert.equal((await run).length, 3);
  assert.deepEqual(reported.sort(), ['fast-1', 'fast-2', 'slow']);
});
