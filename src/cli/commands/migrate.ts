/** `stockpool migrate`: applies pending migrations and says which. */
import type { Command } from 'commander';
import { migrateToLatest } from '../../store/migrate.ts';
import { classifyError } from '../cli-error.ts';
import type { CliContext } from '../main.ts';
import { openSession, resolveConfig } from '../session.ts';
import { show, text } from '../text.ts';
import { HELP } from '../texts-help.ts';

const APPLIED = text(
  (p) => `Applied ${show(p.count)} migration(s): ${show(p.names)}`,
  (p) => `已应用 ${show(p.count)} 个迁移：${show(p.names)}`,
);
const UP_TO_DATE = text(
  () => 'The database is up to date.',
  () => '数据库已是最新版本。',
);

export function registerMigrate(program: Command, ctx: CliContext): void {
  program
    .command('migrate')
    .description(ctx.io.t(HELP.migrate))
    .action(async (_options: unknown, command: Command) => {
      const config = resolveConfig(ctx.globals(command));
      const pool = await openSession(config, { mustExist: false, migrate: false });
      try {
        const { applied } = await migrateToLatest(pool.database.db, pool.database.dialect).catch(
          (error: unknown) => {
            throw classifyError(error, config.databaseUrl);
          },
        );
        if (applied.length === 0) ctx.io.say(UP_TO_DATE);
        else ctx.io.say(APPLIED, { count: applied.length, names: applied.join(', ') });
      } finally {
        await pool.close();
      }
    });
}
