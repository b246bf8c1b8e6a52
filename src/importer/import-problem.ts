/**
 * Why a whole file cannot be read (as opposed to a bad row): missing, of a kind we do not read,
 * damaged, empty or too large. The CLI turns the code into a message and an exit code.
 */
export type FileProblemCode =
  'FILE_NOT_FOUND' | 'UNSUPPORTED_FILE' | 'FILE_UNREADABLE' | 'FILE_EMPTY' | 'FILE_TOO_LARGE';

export interface FileProblem {
  code: FileProblemCode;
  details: Record<string, unknown>;
}

export type FileResult<T> = { ok: true; value: T } | { ok: false; error: FileProblem };

export function fileProblem<T = never>(
  code: FileProblemCode,
  details: Record<string, unknown>,
): FileResult<T> {
  return { ok: false, error: { code, details } };
}

/** Rows one file may hold across its sheets: a bound on memory and time. */
export const MAX_ROWS_PER_FILE = 1_000_000;
