// Proves each cell parser accepts what sellers type in Excel and rejects everything else with a reason.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseComponents,
  parseCountry,
  parseCurrency,
  parseMoney,
  parseWarehouseKind,
  parseWholeNumber,
  parseYesNo,
} from './parse-cell.ts';

describe('cell parsers', () => {
  it('whole numbers accept digits, thousands separators and a zero fraction, and nothing negative or fractional', () => {
    assert.deepEqual(parseWholeNumber('12'), { ok: true, value: 12 });
    assert.deepEqual(parseWholeNumber('1,200'), { ok: true, value: 1200 });
    assert.deepEqual(parseWholeNumber('3.0'), { ok: true, value: 3 });
    for (const bad of ['-3', '2.5', 'ten', '1,2', ''])
      assert.equal(parseWholeNumber(bad).ok, false, bad);
    assert.deepEqual(parseWholeNumber('99999999999'), {
      ok: false,
      reason: 'TOO_LARGE',
      details: { max: 1_000_000_000 },
    });
  });

  it('money becomes minor units by the currency exponent, never through a float', () => {
    assert.deepEqual(parseMoney('12.5', 'USD'), { ok: true, value: 1250 });
    assert.deepEqual(parseMoney('¥1,299.90', 'CNY'), { ok: true, value: 129990 });
    assert.deepEqual(parseMoney('500', 'JPY'), { ok: true, value: 500 });
    assert.equal(parseMoney('5.5', 'JPY').ok, false);
    assert.equal(parseMoney('1.234', 'USD').ok, false);
    assert.equal(parseMoney('-1', 'USD').ok, false);
  });

  it('currencies and countries are normalised to upper case ISO codes', () => {
    assert.deepEqual(parseCurrency('usd'), { ok: true, value: 'USD' });
    assert.equal(parseCurrency('US$').ok, false);
    assert.deepEqual(parseCountry('cn'), { ok: true, value: 'CN' });
    assert.equal(parseCountry('China').ok, false);
  });

  it('yes/no accepts English and Chinese words', () => {
    assert.deepEqual(parseYesNo('是'), { ok: true, value: true });
    assert.deepEqual(parseYesNo('No'), { ok: true, value: false });
    assert.equal(parseYesNo('maybe').ok, false);
  });

  it('warehouse types accept the code names, Chinese names and FBA/FBT', () => {
    assert.deepEqual(parseWarehouseKind('海外仓'), { ok: true, value: 'overseas' });
    assert.deepEqual(parseWarehouseKind('Platform fulfilled'), {
      ok: true,
      value: 'platform_fulfilled',
    });
    assert.deepEqual(parseWarehouseKind('FBT'), { ok: true, value: 'platform_fulfilled' });
    assert.deepEqual(parseWarehouseKind('第三方仓'), { ok: true, value: 'third_party' });
    assert.equal(parseWarehouseKind('garage').ok, false);
  });

  it('components read A*2+B*1, full-width separators, and a bare code as one unit', () => {
    assert.deepEqual(parseComponents('A*2+B*1'), {
      ok: true,
      value: [
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 1 },
      ],
    });
    assert.deepEqual(parseComponents('CASE-01 × 3，CABLE'), {
      ok: true,
      value: [
        { sku: 'CASE-01', quantity: 3 },
        { sku: 'CABLE', quantity: 1 },
      ],
    });
    assert.equal(parseComponents('A*0').ok, false);
    assert.equal(parseComponents('A*2++B').ok, false);
    assert.equal(parseComponents('A**2').ok, false);
    assert.deepEqual(parseComponents('A*1+A*2'), {
      ok: false,
      reason: 'COMPONENT_TWICE',
      details: { component: 'A' },
    });
  });
});
