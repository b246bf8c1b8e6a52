/** How planning reports a row error: the column is looked up in the row's own sheet header. */
import type { ItemField } from './columns.ts';
import type { RowError, RowErrorReason } from './row-error.ts';
import type { SheetLayout } from './sheet-layout.ts';
import type { RowRef } from './validate-rows.ts';

export type Report = (
  at: RowRef,
  field: string,
  reason: RowErrorReason,
  details: Record<string, unknown>,
  /** The column to name when the sheet has no column for `field` (e.g. no Name column). */
  fallbackField?: string,
) => void;

export function reporterFor(
  layouts: ReadonlyMap<string | null, SheetLayout>,
  errors: RowError[],
): Report {
  return (at, field, reason, details, fallbackField) => {
    const headers = layouts.get(at.sheet)?.headerOf ?? {};
    const column =
      headers[field as ItemField] ??
      (fallbackField ? headers[fallbackField as ItemField] : undefined);
    // A `value` in the details is the cell's text: it goes where a cell's text belongs.
    const { value, ...rest } = details;
    errors.push({
      sheet: at.sheet,
      row: at.row,
      column: column ?? null,
      ...(value !== undefined && {
        value: typeof value === 'string' ? value : JSON.stringify(value),
      }),
      reason,
      details: rest,
    });
  };
}
