/**
 * Plain-text tables for the terminal. Chinese characters take two columns, so widths are
 * measured in display cells, not string length.
 */

/** Display width: East Asian wide and full-width characters count two. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/**
 * Renders rows under headers; columns listed in `numeric` are right-aligned. A rule separates
 * the header, and `footer` rows (totals) get a rule above them.
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  options: { numeric?: ReadonlySet<number>; footer?: readonly (readonly string[])[] } = {},
): string[] {
  const all = [headers, ...rows, ...(options.footer ?? [])];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => pad(cell, widths[i] ?? 0, options.numeric?.has(i) ?? false))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const footer = options.footer?.length ? [rule, ...options.footer.map(line)] : [];
  return [line(headers), rule, ...rows.map(line), ...footer];
}
