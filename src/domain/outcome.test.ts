// Proves the Outcome helpers build the plain values the edges map to HTTP, CLI and messages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, succeed, type Outcome } from './outcome.ts';

describe('outcome', () => {
  it('succeed wraps the value', () => {
    assert.deepEqual(succeed({ id: 1 }), { ok: true, value: { id: 1 } });
  });

  it('fail carries the code and its details, empty when none are given', () => {
    assert.deepEqual(fail('SKU_NOT_FOUND', { sku: 'X' }), {
      ok: false,
      error: { code: 'SKU_NOT_FOUND', details: { sku: 'X' } },
    });
    assert.deepEqual(fail('HOLD_NOT_FOUND'), {
      ok: false,
      error: { code: 'HOLD_NOT_FOUND', details: {} },
    });
  });

  it('outcomes are plain data: they survive JSON unchanged', () => {
    const out: Outcome<{ n: number }> = fail('INSUFFICIENT_STOCK', { requested: 3, available: 1 });
    assert.deepEqual(JSON.parse(JSON.stringify(out)), out);
    assert.deepEqual(JSON.parse(JSON.stringify(succeed({ n: 2 }))), succeed({ n: 2 }));
  });

  it('a failed outcome narrows to its error and a successful one to its value', () => {
    const read = (o: Outcome<number>) => (o.ok ? o.value : o.error.code);
    assert.equal(read(succeed(5)), 5);
    assert.equal(read(fail('HOLD_EXPIRED')), 'HOLD_EXPIRED');
  });
});
