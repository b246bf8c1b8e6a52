// Proves how SP-API answers become results or typed errors (amazon.md §4.1, §4.2): the expired
// token's 403 is TOKEN_EXPIRED and any other Unauthorized AUTH_FAILED; 429 QuotaExceeded waits
// Retry-After or 1/limit of x-amzn-RateLimit-Limit; 5xx is UNAVAILABLE; other 4xx and a 2xx with
// errors are REJECTED; a 2xx that is not JSON is BAD_PAYLOAD.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isConnectorError } from '../errors.ts';
import type { HttpResponse } from '../http/send-request.ts';
import { readAmazonResponse } from './envelope.ts';

const answer = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse => ({
  status,
  headers: new Headers(headers),
  text: typeof body === 'string' ? body : JSON.stringify(body),
});
const errors = (code: string, details?: string) => ({
  errors: [{ code, message: 'm', ...(details ? { details } : {}) }],
});
const failure = (response: HttpResponse) => {
  try {
    readAmazonResponse(response, '/p', 0);
  } catch (error) {
    if (isConnectorError(error)) return error;
    throw error;
  }
  throw new Error('no error');
};

describe('readAmazonResponse', () => {
  it('returns the body of a 2xx without errors', () => {
    assert.deepEqual(readAmazonResponse(answer(200, { payload: { Orders: [] } }), '/p', 0), {
      payload: { Orders: [] },
    });
  });

  it('reads the expired token apart from other Unauthorized answers', () => {
    const expired = failure(
      answer(403, errors('Unauthorized', 'The access token you provided has expired.')),
    );
    assert.equal(expired.code, 'TOKEN_EXPIRED');
    assert.equal(expired.retryable, true);
    for (const details of [
      undefined,
      'The access token you provided is revoked, malformed or invalid.',
    ]) {
      const refused = failure(answer(403, errors('Unauthorized', details)));
      assert.equal(refused.code, 'AUTH_FAILED');
      assert.equal(refused.platformCode, 'Unauthorized');
    }
    assert.equal(failure(answer(401, '')).code, 'AUTH_FAILED');
  });

  it('waits Retry-After, else one request of the plan the header names, after a 429', () => {
    const limited = failure(
      answer(429, errors('QuotaExceeded'), { 'x-amzn-RateLimit-Limit': '0.5' }),
    );
    assert.equal(limited.code, 'RATE_LIMITED');
    assert.equal(limited.platformCode, 'QuotaExceeded');
    assert.equal(limited.retryAfterMs, 2000);
    assert.equal(
      failure(answer(429, errors('QuotaExceeded'), { 'retry-after': '3' })).retryAfterMs,
      3000,
    );
    assert.equal(failure(answer(429, 'throttled')).retryAfterMs, null);
  });

  it('is UNAVAILABLE on 5xx, REJECTED on other 4xx or errors in a 2xx, BAD_PAYLOAD on a 2xx that is not JSON', () => {
    assert.equal(failure(answer(503, errors('ServiceUnavailable'))).code, 'UNAVAILABLE');
    assert.equal(failure(answer(500, '<html>')).code, 'UNAVAILABLE');
    const notFound = failure(answer(404, errors('NOT_FOUND')));
    assert.ok(
      notFound.code === 'REJECTED' &&
        notFound.platformCode === 'NOT_FOUND' &&
        notFound.httpStatus === 404,
    );
    assert.equal(failure(answer(200, errors('InvalidInput'))).code, 'REJECTED');
    assert.equal(failure(answer(200, 'not json')).code, 'BAD_PAYLOAD');
  });
});
