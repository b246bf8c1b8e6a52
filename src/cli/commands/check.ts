/** `stockpool check`: runs the invariant check and exits 6 if anything is wrong. */
import type { Command } from 'commander';
import { checkInvariants } from '../../store/invariant-check.ts';
import { CliError } from '../cli-error.ts';
import { printInvariants } from '../invariants-report.ts';
import type { CliContext } from '../main.ts';
import { resolveConfig, withSession } from '../session.ts';
import { HELP } from '../texts-help.ts';

export function registerCheck(program: Command, ctx: CliContext): void {
  program
    .command('check')
    .description(ctx.io.t(HELP.check))
    .action(async (_options: unknown, command: Command) => {
      const config = resolveConfig(ctx.globals(command));
      const count = await withSession(config, { mustExist: true }, async (pool) =>
        printInvariants(ctx.io, await checkInvariants(pool.database.db, pool.database.dialect)),
      );
      if (count > 0) throw new CliError('INVARIANTS_FAILED', { count });
    });
}
