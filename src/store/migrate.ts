/**
 * Applies pending migrations with Kysely's migrator (which takes its own lock on both engines,
 * so two processes starting at once cannot both migrate).
 */
import { Migrator, type Kysely, type Migration, type MigrationResult } from 'kysely';
import type { DialectName } from './dialect-name.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { DB } from './schema.ts';

export interface MigrateResult {
  applied: string[];
}

export async function migrateToLatest(
  db: Kysely<DB>,
  dialect: DialectName,
): Promise<MigrateResult> {
  const migrations: Record<string, Migration> = {};
  for (const [name, up] of MIGRATIONS) migrations[name] = { up: (kdb) => up(kdb, dialect) };
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error(`migration failed: ${describeFailure(results)}`, { cause: error });
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}

function describeFailure(results: MigrationResult[] | undefined): string {
  const failed = results?.find((r) => r.status === 'Error');
  return failed ? failed.migrationName : 'unknown migration';
}
