// Proves how WooCommerce answers become data or typed errors (woocommerce.md §6.1, §6.2): 2xx is
// data; 429 is RATE_LIMITED with its Retry-After; 5xx (JSON or a maintenance page) is UNAVAILABLE;
// authentication codes and 401/403 are AUTH_FAILED; other 4xx are REJECTED with the store's code;
// a 2xx that is not JSON and a stray 3xx are BAD_PAYLOAD.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isConnectorError } from '../errors.ts';
import type { HttpResponse } from '../http/send-request.ts';
import { errorCodeFor, readWooAnswer } from './envelope.ts';

const answer = (
  status: number,
  text: string,
  headers: Record<string, string> = {},
): HttpResponse => ({
  status,
  text,
  headers: new Headers(headers),
});
const wooError = (status: number, code: string, message = 'm') =>
  answer(status, JSON.stringify({ code, message, data: { status } }));

function errorOf(response: HttpResponse) {
  try {
    readWooAnswer(response, '/products', 0);
  } catch (error) {
    if (isConnectorError(error)) return error;
    throw error;
  }
  return assert.fail('no error thrown');
}

describe('readWooAnswer', () => {
  it('returns the JSON of a 2xx answer', () => {
    assert.deepEqual(readWooAnswer(answer(200, '[{"id":1}]'), '/products', 0), [{ id: 1 }]);
    assert.deepEqual(readWooAnswer(answer(201, '{"id":9}'), '/orders/1/notes', 0), { id: 9 });
  });

  it('reads a 429 as RATE_LIMITED with its Retry-After', () => {
    const error = errorOf(
      answer(
        429,
        '{"code":"rest_too_many_requests","message":"Too many requests.","data":{"status":429}}',
        { 'retry-after': '2' },
      ),
    );
    assert.deepEqual(
      [error.code, error.retryAfterMs, error.retryable],
      ['RATE_LIMITED', 2000, true],
    );
  });

  it("reads 5xx as UNAVAILABLE, WordPress's critical error and a maintenance page alike", () => {
    const critical = errorOf(
      wooError(
        500,
        'internal_server_error',
        '<p>There has been a critical error on this website.</p>',
      ),
    );
    assert.equal(critical.code, 'UNAVAILABLE');
    assert.equal(
      critical.message,
      '/products: There has been a critical error on this website. (internal_server_error)',
    );
    const maintenance = errorOf(
      answer(503, '<h1>Briefly unavailable for scheduled maintenance.</h1>'),
    );
    assert.deepEqual([maintenance.code, maintenance.platformCode], ['UNAVAILABLE', null]);
  });

  it('reads refused credentials as AUTH_FAILED, not retryable', () => {
    for (const code of [
      'woocommerce_rest_authentication_error',
      'woocommerce_rest_cannot_view',
      'woocommerce_rest_authentication_missing_parameter',
    ]) {
      const error = errorOf(wooError(401, code));
      assert.deepEqual(
        [error.code, error.platformCode, error.retryable],
        ['AUTH_FAILED', code, false],
      );
    }
    assert.equal(errorOf(answer(403, '<html>Forbidden</html>')).code, 'AUTH_FAILED');
  });

  it('reads other 4xx as REJECTED with the store code, and odd answers as BAD_PAYLOAD', () => {
    const invalid = errorOf(wooError(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.'));
    assert.deepEqual(
      [invalid.code, invalid.platformCode, invalid.httpStatus],
      ['REJECTED', 'woocommerce_rest_product_invalid_id', 404],
    );
    assert.equal(errorOf(answer(200, '<html>')).code, 'BAD_PAYLOAD');
    assert.equal(errorOf(answer(302, '')).code, 'BAD_PAYLOAD');
  });

  it('maps status and code without a body', () => {
    assert.equal(errorCodeFor(413, 'woocommerce_rest_request_entity_too_large'), 'REJECTED');
    assert.equal(errorCodeFor(400, 'woocommerce_rest_authentication_error'), 'AUTH_FAILED');
    assert.equal(errorCodeFor(502, null), 'UNAVAILABLE');
  });
});
