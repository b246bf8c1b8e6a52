// Proves money stays in integer minor units: decimals parse exactly by the currency's exponent,
// anything else is refused, and formatting then parsing gives back the same amount.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatMinorAsDecimal, minorUnitDigits, parseDecimalToMinor } from './money.ts';

describe('minorUnitDigits', () => {
  it('is 0 for zero-decimal currencies in any letter case and 2 otherwise', () => {
    assert.equal(minorUnitDigits('JPY'), 0);
    assert.equal(minorUnitDigits('krw'), 0);
    assert.equal(minorUnitDigits('USD'), 2);
    assert.equal(minorUnitDigits('CNY'), 2);
  });
});

describe('parseDecimalToMinor', () => {
  it('reads decimals with up to the currency digits', () => {
    assert.equal(parseDecimalToMinor('12.5', 'USD'), 1250);
    assert.equal(parseDecimalToMinor('12.50', 'USD'), 1250);
    assert.equal(parseDecimalToMinor('0.01', 'EUR'), 1);
    assert.equal(parseDecimalToMinor('7', 'CNY'), 700);
    assert.equal(parseDecimalToMinor('0', 'USD'), 0);
    assert.equal(parseDecimalToMinor(' 3.20 ', 'USD'), 320);
    assert.equal(parseDecimalToMinor('1500', 'JPY'), 1500);
  });

  it('refuses more fraction digits than the currency has, rather than rounding', () => {
    assert.equal(parseDecimalToMinor('0.001', 'USD'), null);
    assert.equal(parseDecimalToMinor('1500.5', 'JPY'), null);
    assert.equal(parseDecimalToMinor('1500.0', 'JPY'), null);
  });

  it('refuses signs, exponents, separators, empty parts and non-ASCII digits', () => {
    for (const text of [
      '-1',
      '+1',
      '1e3',
      '1,000',
      '1.',
      '.5',
      '',
      ' ',
      'abc',
      '１２',
      '0x10',
      'NaN',
    ])
      assert.equal(parseDecimalToMinor(text, 'USD'), null, JSON.stringify(text));
  });

  it('accepts 13 whole digits exactly and refuses 14', () => {
    assert.equal(parseDecimalToMinor('9999999999999.99', 'USD'), 999999999999999);
    assert.equal(parseDecimalToMinor('10000000000000', 'USD'), null);
  });
});

describe('formatMinorAsDecimal', () => {
  it('writes the currency digits, padding the fraction', () => {
    assert.equal(formatMinorAsDecimal(1250, 'USD'), '12.50');
    assert.equal(formatMinorAsDecimal(5, 'USD'), '0.05');
    assert.equal(formatMinorAsDecimal(0, 'USD'), '0.00');
    assert.equal(formatMinorAsDecimal(1500, 'JPY'), '1500');
  });

  it('keeps the sign of negative amounts (refunds)', () => {
    assert.equal(formatMinorAsDecimal(-5, 'USD'), '-0.05');
    assert.equal(formatMinorAsDecimal(-1234, 'EUR'), '-12.34');
  });
});

describe('money properties', () => {
  const currency = fc.constantFrom('USD', 'EUR', 'CNY', 'GBP', 'JPY', 'KRW', 'VND', 'twd');
  const maxMinor = (c: string) => 10 ** (13 + minorUnitDigits(c)) - 1;

  it('format then parse gives back the same minor units', () => {
    fc.assert(
      fc.property(currency, fc.double({ min: 0, max: 1, noNaN: true }), (c, f) => {
        const minor = Math.floor(f * maxMinor(c));
        assert.equal(parseDecimalToMinor(formatMinorAsDecimal(minor, c), c), minor);
      }),
    );
  });

  it('parse then format gives the canonical text of the same amount', () => {
    const text = fc
      .tuple(fc.stringMatching(/^\d{1,13}$/), fc.option(fc.stringMatching(/^\d{1,2}$/)))
      .map(([w, fr]) => (fr === null ? w : `${w}.${fr}`));
    fc.assert(
      fc.property(text, (t) => {
        const minor = parseDecimalToMinor(t, 'USD');
        assert.ok(minor !== null && Number.isSafeInteger(minor));
        assert.equal(parseDecimalToMinor(formatMinorAsDecimal(minor, 'USD'), 'USD'), minor);
        assert.equal(minor, Math.round(Number(t) * 100));
      }),
    );
  });
});
