import type { ColumnDefinitionBuilder, CreateTableBuilder } from 'kysely';
import type { DialectName } from '../dialect-name.ts';

/**
 * An engine-generated integer primary key: SQLite's rowid alias, PostgreSQL's identity column.
 * The only column type that differs between the engines.
 */
export function addAutoId<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: DialectName,
): CreateTableBuilder<T, 'id'> {
  return dialect === 'sqlite'
    ? table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) =>
        c.primaryKey().autoIncrement(),
      )
    : table.addColumn('id', 'bigint', (c: ColumnDefinitionBuilder) =>
        c.primaryKey().generatedByDefaultAsIdentity(),
      );
}
