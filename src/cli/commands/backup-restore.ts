/**
 * `stockpool backup <file>`: a consistent copy while the server runs. `stockpool restore <file>`:
 * puts a backup in place of the database (stop the server first; it refuses while the database
 * is open elsewhere unless --force on PostgreSQL), then runs the invariant check.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkInvariants } from '../../store/invariant-check.ts';
import { BackupError, backupDatabase, restoreDatabase } from '../../store/backup.ts';
import { CliError, classifyError, redactUrl } from '../cli-error.ts';
import { printInvariants } from '../invariants-report.ts';
import type { CliContext } from '../main.ts';
import { databaseExists, resolveConfig, withSession } from '../session.ts';
import { show, text } from '../text.ts';
import { HELP } from '../texts-help.ts';

const T = {
  backedUp: text(
    (p) =>
      `Backed up ${show(p.location)} to ${show(p.file)} (${show(p.size)}) in ${show(p.seconds)} s.`,
    (p) =>
      `已将 ${show(p.location)} 备份到 ${show(p.file)}（${show(p.size)}），用时 ${show(p.seconds)} 秒。`,
  ),
  restored: text(
    (p) => `Restored ${show(p.file)} into ${show(p.location)}.`,
    (p) => `已将 ${show(p.file)} 恢复到 ${show(p.location)}。`,
  ),
  force: text(
    () => 'PostgreSQL only: restore even while other sessions are connected',
    () => '仅限 PostgreSQL：即使有其他连接也执行恢复',
  ),
};

function sizeOf(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function fromBackupError(error: unknown, location: string): CliError {
  if (!(error instanceof BackupError)) return classifyError(error, location);
  const details = { location: redactUrl(location), ...error.details };
  return new CliError(error.code, details, { cause: error });
}

export function registerBackup(program: Command, ctx: CliContext): void {
  program
    .command('backup')
    .description(ctx.io.t(HELP.backup))
    .argument('<file>')
    .action(async (file: string, _options: unknown, command: Command) => {
      const config = resolveConfig(ctx.globals(command));
      const url = config.databaseUrl;
      if (!databaseExists(url))
        throw new CliError('DATABASE_MISSING', { location: redactUrl(url) });
      const startedMs = performance.now();
      const result = await backupDatabase(url, resolve(file)).catch((error: unknown) => {
        throw fromBackupError(error, url);
      });
      const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
      ctx.io.say(T.backedUp, {
        location: redactUrl(url),
        file,
        size: sizeOf(result.bytes),
        seconds,
      });
    });
}

export function registerRestore(program: Command, ctx: CliContext): void {
  program
    .command('restore')
    .description(ctx.io.t(HELP.restore))
    .argument('<file>')
    .option('--force', ctx.io.t(T.force))
    .action(async (file: string, options: { force?: boolean }, command: Command) => {
      const config = resolveConfig(ctx.globals(command));
      const url = config.databaseUrl;
      await restoreDatabase(url, resolve(file), options).catch((error: unknown) => {
        throw fromBackupError(error, url);
      });
      ctx.io.say(T.restored, { file, location: redactUrl(url) });
      const count = await withSession(config, { mustExist: true }, async (pool) =>
        printInvariants(ctx.io, await checkInvariants(pool.database.db, pool.database.dialect)),
      );
      if (count > 0) throw new CliError('INVARIANTS_FAILED', { count });
    });
}
