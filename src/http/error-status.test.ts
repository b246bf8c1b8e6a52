// Proves the one code → status map keeps its promises: every expected failure is a 4xx, only
// INTERNAL (our fault) and PLATFORM_ERROR (a marketplace's, 502) are 5xx, and every code has a
// message in both languages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messageFor, type ErrorCode } from '../i18n/messages.ts';
import { HTTP_STATUS_OF } from './error-status.ts';

describe('HTTP status of error codes', () => {
  const codes = Object.keys(HTTP_STATUS_OF) as ErrorCode[];

  it('maps every code but INTERNAL and an upstream platform failure to a 4xx', () => {
    for (const code of codes) {
      const status = HTTP_STATUS_OF[code];
      if (code === 'INTERNAL') assert.equal(status, 500);
      else if (code === 'PLATFORM_ERROR') assert.equal(status, 502);
      else assert.ok(status >= 400 && status < 500, `${code} → ${status}`);
    }
  });

  it('answers stock shortfalls and replays of a different request with 409, unknown things with 404', () => {
    assert.equal(HTTP_STATUS_OF.INSUFFICIENT_STOCK, 409);
    assert.equal(HTTP_STATUS_OF.IDEMPOTENCY_KEY_REUSED, 409);
    assert.equal(HTTP_STATUS_OF.SKU_NOT_FOUND, 404);
    assert.equal(HTTP_STATUS_OF.HOLD_NOT_FOUND, 404);
  });

  it('has an English and a Chinese message for every code', () => {
    for (const code of codes) {
      assert.ok(messageFor(code, {}, 'en').length > 0, code);
      assert.match(messageFor(code, {}, 'zh-CN'), /[\u4e00-\u9fff]/, code);
    }
  });
});
