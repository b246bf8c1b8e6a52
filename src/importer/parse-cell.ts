/**
 * Parsers for the text of one cell. Each returns the typed value or the reason it is not one;
 * the caller adds row and column. Pure: no I/O, unit-tested beside this file.
 */
import { minorUnitDigits, parseDecimalToMinor } from '../domain/money.ts';
import type { WarehouseKind } from '../store/warehouses-repo.ts';
import type { RowErrorReason } from './row-error.ts';

export type Parsed<T> =
  { ok: true; value: T } | { ok: false; reason: RowErrorReason; details?: Record<string, unknown> };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(reason: RowErrorReason, details?: Record<string, unknown>): Parsed<T> => ({
  ok: false,
  reason,
  ...(details && { details }),
});

/** The largest quantity one cell may hold: far above any shelf, far below 2^53. */
export const MAX_QUANTITY = 1_000_000_000;
export const MAX_CODE_LENGTH = 64;
export const MAX_NAME_LENGTH = 200;

/** "12", "1,200", "12.0" → a whole number from 0 to MAX_QUANTITY. */
export function parseWholeNumber(text: string): Parsed<number> {
  const plain = /^\d{1,3}(,\d{3})+(\.0+)?$/.test(text) ? text.replace(/,/g, '') : text;
  const match = /^(\d+)(?:\.0+)?$/.exec(plain);
  if (!match?.[1]) return bad('NOT_WHOLE_NUMBER');
  const value = Number(match[1]);
  return value <= MAX_QUANTITY ? ok(value) : bad('TOO_LARGE', { max: MAX_QUANTITY });
}

/** A SKU or warehouse code: no control characters, at most MAX_CODE_LENGTH characters. */
export function parseCode(text: string): Parsed<string> {
  if (text.length > MAX_CODE_LENGTH) return bad('TOO_LONG', { max: MAX_CODE_LENGTH });
  // Control characters (tabs, line breaks, NUL) in a code are invisible and break lookups.
  if (/[\u0000-\u001f\u007f]/u.test(text)) return bad('BAD_CHARACTERS');
  return ok(text);
}

export function parseName(text: string): Parsed<string> {
  if (text.length > MAX_NAME_LENGTH) return bad('TOO_LONG', { max: MAX_NAME_LENGTH });
  return ok(text.replace(/\s+/gu, ' '));
}

export function parseBarcode(text: string): Parsed<string> {
  return /^[0-9A-Za-z-]{1,64}$/.test(text) ? ok(text) : bad('NOT_BARCODE');
}

/** An ISO 4217 code, any case: "usd" → "USD". */
export function parseCurrency(text: string): Parsed<string> {
  return /^[A-Za-z]{3}$/.test(text) ? ok(text.toUpperCase()) : bad('NOT_CURRENCY');
}

/** "12.50" with its currency → minor units (1250); never through a float. */
export function parseMoney(text: string, currency: string): Parsed<number> {
  const plain = text.replace(/^[$¥￥€£]/u, '').replace(/,/g, '');
  const minor = parseDecimalToMinor(plain, currency);
  return minor === null ? bad('NOT_MONEY', { digits: minorUnitDigits(currency) }) : ok(minor);
}

const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', 'on', '是', '允许', '√']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0', 'off', '否', '不允许', '×']);

export function parseYesNo(text: string): Parsed<boolean> {
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return bad('NOT_YES_NO');
}

const KIND_WORDS: Record<string, WarehouseKind> = {
  domestic: 'domestic',
  国内仓: 'domestic',
  国内: 'domestic',
  overseas: 'overseas',
  海外仓: 'overseas',
  海外: 'overseas',
  platformfulfilled: 'platform_fulfilled',
  platform: 'platform_fulfilled',
  平台仓: 'platform_fulfilled',
  fba: 'platform_fulfilled',
  fbt: 'platform_fulfilled',
  thirdparty: 'third_party',
  '3pl': 'third_party',
  第三方仓: 'third_party',
  第三方: 'third_party',
};

/** "overseas", "海外仓", "platform_fulfilled", "FBA" … → a warehouse kind. */
export function parseWarehouseKind(text: string): Parsed<WarehouseKind> {
  const kind = KIND_WORDS[text.toLowerCase().replace(/[\s_\-]/g, '')];
  return kind ? ok(kind) : bad('NOT_WAREHOUSE_KIND');
}

/** An ISO 3166 alpha-2 country code: "us" → "US". */
export function parseCountry(text: string): Parsed<string> {
  return /^[A-Za-z]{2}$/.test(text) ? ok(text.toUpperCase()) : bad('NOT_COUNTRY');
}

export interface ComponentSpec {
  sku: string;
  quantity: number;
}

/**
 * "A*2+B*1", "A×2 + B", "A*2, B*1" (also 、，; and line breaks) → [{A,2},{B,1}]. A part without
 * "*n" counts once. Codes used here cannot contain + , ; or *.
 */
export function parseComponents(text: string): Parsed<ComponentSpec[]> {
  const parts = text.split(/[+,，;；、\n]/u).map((p) => p.trim());
  const components: ComponentSpec[] = [];
  for (const part of parts) {
    if (!part) return bad('NOT_COMPONENTS');
    const match = /^(.+?)(?:\s*[*×＊]\s*(\d+))?$/u.exec(part);
    const sku = match?.[1]?.trim();
    const quantity = match?.[2] === undefined ? 1 : Number(match[2]);
    if (!sku || /[*×＊]/u.test(sku) || quantity < 1 || quantity > 10_000)
      return bad('NOT_COMPONENTS');
    if (components.some((c) => c.sku === sku)) return bad('COMPONENT_TWICE', { component: sku });
    components.push({ sku, quantity });
  }
  return ok(components);
}
