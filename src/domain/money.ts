/**
 * Money as integer minor units, never floats. Sellers type decimals ("12.50"); the currency's
 * exponent (ISO 4217 minor unit) says how many digits follow the point.
 */

/** Currencies without minor units among those our sellers use; every other currency has 2. */
const ZERO_DECIMAL = new Set([
  'JPY',
  'KRW',
  'VND',
  'IDR',
  'CLP',
  'TWD',
  'HUF',
  'ISK',
  'UGX',
  'XAF',
  'XOF',
  'PYG',
]);

export function minorUnitDigits(currency: string): number {
  return ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2;
}

/**
 * "12.5" in USD → 1250. Returns null for anything that is not a plain non-negative decimal with
 * at most the currency's number of fraction digits.
 */
export function parseDecimalToMinor(text: string, currency: string): number | null {
  const digits = minorUnitDigits(currency);
  const match = /^(\d{1,13})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** 1250 in USD → "12.50". */
export function formatMinorAsDecimal(minor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}
