/**
 * Where the CLI writes: results to stdout, problems and progress to stderr, always in the user's
 * language. Commands receive an Io and never touch process.stdout directly, so tests of the
 * child process see exactly what a user sees.
 */
import type { Locale } from '../i18n/locale.ts';
import { render, type Params, type Text } from './text.ts';

export interface Io {
  readonly locale: Locale;
  /** stderr is a terminal: progress bars instead of plain progress lines. */
  readonly interactive: boolean;
  readonly debug: boolean;
  say(t: Text, params?: Params): void;
  warn(t: Text, params?: Params): void;
  /** A line that is already text (a table row, a token). */
  line(raw: string): void;
  errorLine(raw: string): void;
  t(t: Text, params?: Params): string;
}

export function processIo(options: { locale: Locale; debug: boolean }): Io {
  const out = (s: string) => void process.stdout.write(`${s}\n`);
  const err = (s: string) => void process.stderr.write(`${s}\n`);
  return {
    locale: options.locale,
    interactive: Boolean(process.stderr.isTTY),
    debug: options.debug,
    say: (t, p) => out(render(t, options.locale, p)),
    warn: (t, p) => err(render(t, options.locale, p)),
    line: out,
    errorLine: err,
    t: (t, p) => render(t, options.locale, p),
  };
}
