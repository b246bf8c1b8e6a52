/**
 * Proves Shopee's envelope errors map to the connector's codes as the brief's table says
 * (shopee.md §2.5), that the platform's name is kept, that the daily quota waits until Shopee's
 * midnight (UTC+8), and that malformed answers are BAD_PAYLOAD.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError } from '../errors.ts';
import type { HttpResponse } from '../http/send-request.ts';
import { classifyShopeeError, msUntilShopeeMidnight, readShopeeEnvelope } from './envelope.ts';

const shop = (error: string, message = '') =>
  classifyShopeeError({ error, message, isTokenCall: false });

function answer(status: number, body: unknown): HttpResponse {
  return {
    status,
    headers: new Headers(),
    text: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

function readError(
  response: HttpResponse,
  options: { isTokenCall?: boolean; acceptErrors?: string[] } = {},
) {
  try {
    readShopeeEnvelope(response, { path: '/api/v2/x', nowMs: 0, isTokenCall: false, ...options });
  } catch (error) {
    assert.ok(error instanceof ConnectorError);
    return error;
  }
  assert.fail('expected a ConnectorError');
}

describe('Shopee error classification', () => {
  it('maps throttles and the daily quota to RATE_LIMITED and server errors to UNAVAILABLE', () => {
    assert.equal(shop('error_rate_limit'), 'RATE_LIMITED');
    assert.equal(shop('error_limit'), 'RATE_LIMITED');
    assert.equal(shop('error_server'), 'UNAVAILABLE');
    assert.equal(shop('error_inner'), 'UNAVAILABLE');
  });

  it('maps an invalid or expired access token to TOKEN_EXPIRED, with or without the module prefix', () => {
    assert.equal(shop('invalid_acceess_token'), 'TOKEN_EXPIRED');
    assert.equal(shop('common.error_auth', 'Invalid access_token.'), 'TOKEN_EXPIRED');
  });

  it('maps signature, partner, shop and permission errors, and a refused refresh, to AUTH_FAILED', () => {
    for (const name of [
      'error_sign',
      'invalid_partner_id',
      'error_partner_key_expired',
      'shop_no_linked',
      'shop_banned',
      'error_api_permission',
    ]) {
      assert.equal(shop(name), 'AUTH_FAILED', name);
    }
    assert.equal(
      classifyShopeeError({
        error: 'error_auth',
        message: 'Invalid refresh_token.',
        isTokenCall: true,
      }),
      'AUTH_FAILED',
    );
  });

  it('maps business refusals to REJECTED', () => {
    assert.equal(shop('error_param', 'Invalid timestamp'), 'REJECTED');
    assert.equal(shop('order.order_list_invalid_time'), 'REJECTED');
    assert.equal(shop('error_auth', 'Total stock must be more than reserved stock.'), 'REJECTED');
  });

  it('waits out the daily quota until 00:00 UTC+8', () => {
    // 2026-01-01T15:00:00Z is 23:00 in UTC+8: one hour to go.
    assert.equal(msUntilShopeeMidnight(Date.UTC(2026, 0, 1, 15)), 3600_000);
    const error = readError(answer(200, { error: 'error_limit', message: 'daily limit' }));
    assert.equal(error.code, 'RATE_LIMITED');
    assert.equal(error.retryAfterMs, msUntilShopeeMidnight(0));
  });
});

describe('Shopee envelope reading', () => {
  it('returns the envelope of a success and keeps the platform code of a failure', () => {
    const ok = readShopeeEnvelope(
      answer(200, { error: '', message: '', request_id: 'r', response: { a: 1 } }),
      {
        path: '/p',
        nowMs: 0,
        isTokenCall: false,
      },
    );
    assert.deepEqual(ok.response, { a: 1 });
    const failed = readError(
      answer(200, { error: 'product.error_item_not_found', message: 'Item_id is not found.' }),
    );
    assert.equal(failed.code, 'REJECTED');
    assert.equal(failed.platformCode, 'product.error_item_not_found');
    assert.equal(failed.retryable, false);
  });

  it('treats HTTP 429 as RATE_LIMITED and 5xx as UNAVAILABLE even with a non-JSON body', () => {
    assert.equal(readError(answer(429, { error: 'error_rate_limit' })).code, 'RATE_LIMITED');
    assert.equal(readError(answer(503, '<html>bad gateway</html>')).code, 'UNAVAILABLE');
  });

  it('lets an accepted error through (update_stock partial failure)', () => {
    const body = {
      error: 'error_busi_update_stock_failed',
      message: 'm',
      response: { failure_list: [] },
    };
    const envelope = readShopeeEnvelope(answer(200, body), {
      path: '/p',
      nowMs: 0,
      isTokenCall: false,
      acceptErrors: ['error_busi_update_stock_failed'],
    });
    assert.equal(envelope.error, 'error_busi_update_stock_failed');
  });

  it('calls a non-JSON or mistyped 200 answer BAD_PAYLOAD', () => {
    assert.equal(readError(answer(200, 'oops')).code, 'BAD_PAYLOAD');
    assert.equal(readError(answer(200, { error: 42 })).code, 'BAD_PAYLOAD');
  });
});
