/**
 * Case-insensitive substring search that treats %, _ and \ as the characters a seller typed,
 * not as LIKE wildcards. The same SQL on SQLite and PostgreSQL (both need the explicit ESCAPE).
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** `%text%`, lower-cased, with LIKE's special characters escaped by a backslash. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(column) LIKE pattern ESCAPE '\'` for each column, OR-ed together. */
export function anyColumnContains(columns: readonly string[], text: string): RawBuilder<SqlBool> {
  const like = containsPattern(text);
  const tests = columns.map(
    (c) => sql`lower(coalesce(${sql.ref(c)}, '')) like ${like} escape '\\'`,
  );
  return sql<SqlBool>`(${sql.join(tests, sql` or `)})`;
}
