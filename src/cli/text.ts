/**
 * The CLI's own strings, each in English and Simplified Chinese. A Text is a function of named
 * parameters per locale; commands keep their texts beside them (texts-*.ts) and print through Io.
 */
import type { Locale } from '../i18n/locale.ts';

export type Params = Record<string, unknown>;
export type Text = Record<Locale, (p: Params) => string>;

/** A parameter as text: strings as they are, numbers with thousands separators. */
export function show(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Builds a Text from two template functions. */
export function text(en: (p: Params) => string, zh: (p: Params) => string): Text {
  return { en, 'zh-CN': zh };
}

export function render(t: Text, locale: Locale, params: Params = {}): string {
  return t[locale](params);
}
