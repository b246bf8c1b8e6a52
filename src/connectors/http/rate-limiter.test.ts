import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimiter } from './rate-limiter.ts';

const timed = async (run: () => Promise<void>): Promise<number> => {
  const start = performance.now();
  await run();
  return performance.now() - start;
};

test('a burst is served at once, the next call waits for a token', async () => {
  const limiter = new RateLimiter({ ratePerSecond: 20, burst: 2 });
  await Promise.all([limiter.acquire(), limiter.acquire()]);
  const waited = await timed(() => limiter.acquire());
  assert.ok(waited >= 40, `waited ${waited} ms for 1/20 s`);
});

test('a throttle pause holds calls back for about that long', async () => {
  const limiter = new RateLimiter({ ratePerSecond: 1000, burst: 5 });
  limiter.pauseFor(120);
  const waited = await timed(() => limiter.acquire());
  assert.ok(waited >= 100 && waited < 5000, `waited ${waited} ms`);
});

test('a pause that is not a sane figure does not stall the limiter', async () => {
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -5, 0]) {
    const limiter = new RateLimiter({ ratePerSecond: 50 });
    limiter.pauseFor(bad);
    const waited = await timed(() => limiter.acquire());
    // A stalled limiter never answers; a sane one answers at once (loaded machine: a margin).
    assert.ok(waited < 1000, `pauseFor(${bad}) made the next call wait ${waited} ms`);
  }
});
