/**
 * Recognizes a violation of one unique constraint, on either engine, so a repository can turn a
 * race it cannot prevent with ON CONFLICT (an UPDATE that takes a unique value another
 * transaction took first) into an expected outcome. PostgreSQL names the constraint (SQLSTATE
 * 23505 with `constraint`); SQLite names only its columns (SQLITE_CONSTRAINT_UNIQUE, "UNIQUE
 * constraint failed: table.a, table.b"), so a constraint is described both ways.
 */

export interface UniqueConstraint {
  /** The constraint's name, as PostgreSQL reports it. */
  name: string;
  table: string;
  /** Its columns, in the order of its definition (SQLite lists them so). */
  columns: readonly string[];
}

const PG_UNIQUE_VIOLATION = '23505';
const SQLITE_UNIQUE_VIOLATION = 'SQLITE_CONSTRAINT_UNIQUE';
/** How deep a chain of causes is searched (a driver error may come wrapped). */
const MAX_CAUSE_DEPTH = 5;

function violates(error: unknown, constraint: UniqueConstraint): boolean {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code === PG_UNIQUE_VIOLATION) return e.constraint === constraint.name;
  if (e.code !== SQLITE_UNIQUE_VIOLATION || typeof e.message !== 'string') return false;
  const columns = constraint.columns.map((c) => `${constraint.table}.${c}`).join(', ');
  return e.message === `UNIQUE constraint failed: ${columns}`;
}

/** Whether `error` (or one of its causes) is a violation of exactly this unique constraint. */
export function isUniqueViolation(error: unknown, constraint: UniqueConstraint): boolean {
  let current = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH; depth++) {
    if (typeof current !== 'object' || current === null) return false;
    if (violates(current, constraint)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
