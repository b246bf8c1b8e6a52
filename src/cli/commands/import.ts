/**
 * `stockpool import <file.xlsx|file.csv> [--dry-run] [--skip-bad-rows] [--warehouse <code>]`.
 * Reads and validates the whole file first and reports every bad row; writes only when the file
 * is clean (or bad rows are skipped); a dry run writes nothing at all.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_TENANT_ID } from '../../access/bootstrap.ts';
import type { Config } from '../../config/config.ts';
import { applyImport, workOf, type ApplyResult } from '../../importer/apply-import.ts';
import { planImport, type ImportPlan } from '../../importer/plan-import.ts';
import { readImportFile } from '../../importer/read-file.ts';
import type { RawFile } from '../../importer/raw-sheet.ts';
import type { StockPool } from '../../main.ts';
import { migrateToLatest } from '../../store/migrate.ts';
import { CliError, fromDomainError } from '../cli-error.ts';
import {
  IMPORT_TEXTS,
  printChanges,
  printFileNotes,
  printPlan,
  printResult,
  printRowErrors,
} from '../import-report.ts';
import type { CliContext } from '../main.ts';
import { startProgress } from '../progress.ts';
import { databaseExists, ensureTenant, openSession, resolveConfig } from '../session.ts';
import { HELP } from '../texts-help.ts';

interface ImportOptions {
  dryRun?: boolean;
  skipBadRows?: boolean;
  warehouse?: string;
  recount?: boolean;
}

export function registerImport(program: Command, ctx: CliContext): void {
  const t = (x: (typeof HELP)[keyof typeof HELP]) => ctx.io.t(x);
  program
    .command('import')
    .description(t(HELP.import))
    .argument('<file>', t(HELP.importFile))
    .option('--dry-run', t(HELP.dryRun))
    .option('--skip-bad-rows', t(HELP.skipBadRows))
    .option('--warehouse <code>', t(HELP.warehouse))
    .option('--recount', t(HELP.recount))
    .action(async (path: string, options: ImportOptions, command: Command) => {
      const globals = ctx.globals(command);
      await runImport(ctx, resolveConfig(globals), { ...options, path, tenant: globals.tenant });
    });
}

/**
 * The plan is made before anything is written. A database that does not exist yet (or has no
 * tables yet) is planned against an empty in-memory one, so a bad file or a dry run never even
 * creates the database or its schema.
 */
async function planOn(
  config: Config,
  file: RawFile,
  options: ImportOptions & { tenantId: string; migrate: boolean },
): Promise<{ pool: StockPool; plan: ImportPlan; real: boolean }> {
  let pool = await openSession(config, { mustExist: false, migrate: options.migrate });
  let real = config.databaseUrl !== ':memory:';
  try {
    if (!(await hasSchema(pool))) {
      await pool.close();
      pool = await openSession({ ...config, databaseUrl: ':memory:' }, { mustExist: false });
      real = false;
    }
    const plan = await planImport(pool.database.db, file, {
      tenantId: options.tenantId,
      skipBadRows: options.skipBadRows ?? false,
      recount: options.recount ?? false,
      ...(options.warehouse !== undefined && { defaultWarehouse: options.warehouse }),
    });
    return { pool, plan, real };
  } catch (error) {
    await pool.close();
    throw error;
  }
}

async function hasSchema(pool: StockPool): Promise<boolean> {
  return pool.database.db
    .selectFrom('skus')
    .select('id')
    .limit(1)
    .execute()
    .then(
      () => true,
      () => false,
    );
}

async function runImport(
  ctx: CliContext,
  config: Config,
  options: ImportOptions & { path: string; tenant?: string },
): Promise<void> {
  const startedMs = performance.now();
  const file = await readImportFile(options.path);
  if (!file.ok) throw new CliError(file.error.code, file.error.details);
  const tenantId = options.tenant ?? DEFAULT_TENANT_ID;
  const target = databaseExists(config.databaseUrl)
    ? config
    : { ...config, databaseUrl: ':memory:' };
  const planning = { ...options, tenantId, migrate: false };
  let { pool, plan, real } = await planOn(target, file.value, planning);
  try {
    printFileNotes(ctx.io, plan);
    printRowErrors(ctx.io, plan);
    if (!plan.canApply) throw new CliError('IMPORT_INVALID', { errors: plan.errors.length });
    printPlan(ctx.io, plan);
    if (options.dryRun) {
      printChanges(ctx.io, plan);
      ctx.io.say(IMPORT_TEXTS.dryRun);
      return;
    }
    // Writing for real: the database must exist and be migrated; plan again if either changed it.
    const migrated = real
      ? (await migrateToLatest(pool.database.db, pool.database.dialect)).applied
      : [];
    if (!real || migrated.length > 0) {
      await pool.close();
      ({ pool, plan, real } = await planOn(config, file.value, { ...planning, migrate: true }));
      if (!plan.canApply) throw new CliError('IMPORT_INVALID', { errors: plan.errors.length });
    }
    await ensureTenant(ctx.io, pool, tenantId);
    const result = await apply(ctx, pool, plan, {
      tenantId,
      actorName: `import:${basename(options.path)}`,
    });
    printResult(ctx.io, result, (performance.now() - startedMs) / 1000);
  } finally {
    await pool.close();
  }
}

async function apply(
  ctx: CliContext,
  pool: StockPool,
  plan: ImportPlan,
  options: { tenantId: string; actorName: string },
): Promise<ApplyResult> {
  const progress = startProgress(ctx.io, ctx.io.t(IMPORT_TEXTS.progress), workOf(plan));
  try {
    const outcome = await applyImport(
      plan,
      {
        db: pool.database.db,
        dialect: pool.database.dialect,
        catalog: pool.catalog,
        inventory: pool.inventory,
        nowMs: () => pool.clock.nowMs(),
      },
      { ...options, onProgress: (done) => progress.update(done) },
    );
    if (!outcome.ok) throw fromDomainError(outcome.error);
    return outcome.value;
  } finally {
    progress.stop();
  }
}
