// Proves the retry schedule: three tries within the first minute (within seconds, or at the platform's
// Retry-After, when the platform answers other calls), then capped backoff, then a dead letter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextRetryAtMs } from './retry-schedule.ts';

const at = (attempts: number, extra: { retryAfterMs?: number; random?: number } = {}) =>
  nextRetryAtMs({
    attempts,
    nowMs: 0,
    retryAfterMs: extra.retryAfterMs ?? null,
    random: extra.random ?? 0.999,
  });

test('the first three retries all happen within one minute', () => {
  assert.equal((at(1) ?? 0) + (at(2) ?? 0) + (at(3) ?? 0), 50_000);
});

test('later retries back off exponentially up to the cap', () => {
  assert.ok((at(4) ?? 0) >= 30_000 && (at(4) ?? 0) <= 60_000);
  assert.ok((at(6) ?? 0) > (at(5) ?? 0));
  assert.ok((at(19) ?? 0) <= 15 * 60_000);
});

test("the platform's Retry-After wins when it asks for longer", () => {
  assert.equal(at(1, { retryAfterMs: 42_000 }), 42_000);
});

test('after the last attempt the work is given up', () => {
  assert.equal(at(20), null);
});

const answering = (attempts: number, extra: { retryAfterMs?: number; random?: number } = {}) =>
  nextRetryAtMs({
    attempts,
    nowMs: 0,
    retryAfterMs: extra.retryAfterMs ?? null,
    random: extra.random ?? 0.999,
    platformAnswering: true,
  });

test('a call that failed while the platform answers others is retried within 1–2 s, three times', () => {
  for (const attempts of [1, 2, 3]) {
    assert.equal(answering(attempts, { random: 0 }), 1_000);
    assert.ok((answering(attempts) ?? 0) < 2_000);
  }
});

test('while the platform answers, its Retry-After is honoured exactly, shorter or longer', () => {
  assert.equal(answering(1, { retryAfterMs: 1_000 }), 1_000);
  assert.equal(answering(2, { retryAfterMs: 250 }), 250);
  assert.equal(answering(3, { retryAfterMs: 42_000 }), 42_000);
});

test('a listing whose own calls keep failing backs off as in an outage after three quick retries', () => {
  assert.equal(answering(4, { random: 0.5 }), at(4, { random: 0.5 }));
  assert.equal(answering(7), at(7));
  assert.equal(answering(20), null);
});
