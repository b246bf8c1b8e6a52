// Proves TikTok Shop answers are classified as the connector contract needs (tiktok-shop.md §1.4,
// §1.5): throttling, outages, expired tokens, credential errors and refusals, with the platform's
// code kept and Retry-After honoured; a body that is not the envelope is BAD_PAYLOAD.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectorErrorCode } from '../errors.ts';
import { isConnectorError } from '../errors.ts';
import { errorCodeFor, readEnvelope } from './envelope.ts';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  text: typeof body === 'string' ? body : JSON.stringify(body),
});

function errorOf(run: () => unknown): {
  code: ConnectorErrorCode;
  platformCode: string | null;
  retryAfterMs: number | null;
} {
  try {
    run();
  } catch (error) {
    if (isConnectorError(error)) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

describe('errorCodeFor', () => {
  it('maps the documented codes', () => {
    const expected: Array<[number, ConnectorErrorCode]> = [
      [36009002, 'RATE_LIMITED'],
      [36009003, 'UNAVAILABLE'],
      [105002, 'TOKEN_EXPIRED'],
      [105001, 'AUTH_FAILED'],
      [105005, 'AUTH_FAILED'],
      [106001, 'AUTH_FAILED'],
      [106013, 'AUTH_FAILED'],
      [36009004, 'AUTH_FAILED'],
      [36009033, 'AUTH_FAILED'],
      [36009009, 'REJECTED'],
      [36009022, 'REJECTED'],
      [12052031, 'REJECTED'],
      [25001021, 'REJECTED'],
    ];
    for (const [code, ours] of expected) assert.equal(errorCodeFor(code), ours, String(code));
  });
});

describe('readEnvelope', () => {
  it('returns data of a code-0 answer', () => {
    const data = readEnvelope(
      answer(200, { code: 0, message: 'Success', request_id: 'r', data: { a: 1 } }),
      '/p',
      0,
    );
    assert.deepEqual(data, { a: 1 });
  });

  it('reads HTTP 429 as RATE_LIMITED with Retry-After and the platform code', () => {
    const error = errorOf(() =>
      readEnvelope(
        answer(429, { code: 36009002, message: 'Too many' }, { 'retry-after': '2' }),
        '/p',
        0,
      ),
    );
    assert.deepEqual(
      [error.code, error.platformCode, error.retryAfterMs],
      ['RATE_LIMITED', '36009002', 2000],
    );
  });

  it('reads 36009002 inside HTTP 200 as RATE_LIMITED too', () => {
    assert.equal(
      errorOf(() => readEnvelope(answer(200, { code: 36009002, message: '' }), '/p', 0)).code,
      'RATE_LIMITED',
    );
  });

  it('reads 5xx as UNAVAILABLE, even when the body is not JSON', () => {
    assert.equal(
      errorOf(() => readEnvelope(answer(503, '<html>busy</html>'), '/p', 0)).code,
      'UNAVAILABLE',
    );
    const error = errorOf(() =>
      readEnvelope(answer(500, { code: 36009003, message: 'x' }), '/p', 0),
    );
    assert.deepEqual([error.code, error.platformCode], ['UNAVAILABLE', '36009003']);
  });

  it('reads an expired token, a bad sign and a refusal by their codes', () => {
    const expired = errorOf(() =>
      readEnvelope(answer(401, { code: 105002, message: 'expired' }), '/p', 0),
    );
    assert.equal(expired.code, 'TOKEN_EXPIRED');
    const sign = errorOf(() =>
      readEnvelope(answer(401, { code: 106001, message: 'bad sign' }), '/p', 0),
    );
    assert.deepEqual([sign.code, sign.platformCode], ['AUTH_FAILED', '106001']);
    const refused = errorOf(() =>
      readEnvelope(answer(200, { code: 25001045, message: 'shipped' }), '/p', 0),
    );
    assert.deepEqual([refused.code, refused.platformCode], ['REJECTED', '25001045']);
  });

  it('reads a bare 401 as AUTH_FAILED and other non-envelopes as BAD_PAYLOAD', () => {
    assert.equal(
      errorOf(() => readEnvelope(answer(401, 'Unauthorized'), '/p', 0)).code,
      'AUTH_FAILED',
    );
    assert.equal(errorOf(() => readEnvelope(answer(200, 'not json'), '/p', 0)).code, 'BAD_PAYLOAD');
    assert.equal(
      errorOf(() => readEnvelope(answer(200, { code: '0' }), '/p', 0)).code,
      'BAD_PAYLOAD',
    );
    assert.equal(
      errorOf(() => readEnvelope(answer(404, { code: 0, data: {} }), '/p', 0)).code,
      'BAD_PAYLOAD',
    );
  });
});
