/**
 * Reads a CSV file as one sheet. Sellers' CSVs come from Excel in UTF-8 (often with a BOM) or,
 * on Chinese Windows, in GB18030/GBK; the separator may be a comma, a semicolon or a tab.
 */
import { parse } from 'csv-parse/sync';
import { MAX_ROWS_PER_FILE, fileProblem, type FileResult } from './import-problem.ts';
import type { RawSheet } from './raw-sheet.ts';

export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Not UTF-8: Excel on Chinese Windows saves "CSV" in the ANSI code page, GB18030's subset GBK.
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** The separator used most on the first line, outside quotes. */
export function detectDelimiter(text: string): string {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

export function parseCsvText(path: string, text: string): FileResult<RawSheet> {
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
      to: MAX_ROWS_PER_FILE + 2,
    });
  } catch (error) {
    return fileProblem('FILE_UNREADABLE', { path, reason: (error as Error).message });
  }
  if (records.length > MAX_ROWS_PER_FILE + 1)
    return fileProblem('FILE_TOO_LARGE', { path, maxRows: MAX_ROWS_PER_FILE });
  // Excel numbers rows from 1 and shows empty lines as empty rows, so row = index + 1.
  const headerIndex = records.findIndex((r) => r.some((c) => c !== ''));
  if (headerIndex < 0) return fileProblem('FILE_EMPTY', { path });
  const headers = records[headerIndex] ?? [];
  return {
    ok: true,
    value: {
      name: null,
      headers,
      headerRowNumber: headerIndex + 1,
      rows: records
        .slice(headerIndex + 1)
        .map((cells, i) => ({ rowNumber: headerIndex + i + 2, cells })),
    },
  };
}
