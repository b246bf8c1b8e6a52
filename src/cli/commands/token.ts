/** `stockpool token create --name <n> --role owner|operator|viewer`: prints the new token once. */
import { Option, type Command } from 'commander';
import { issueToken } from '../../access/api-tokens.ts';
import { ROLES, type Role } from '../../domain/roles.ts';
import { CliError } from '../cli-error.ts';
import type { CliContext } from '../main.ts';
import { ensureTenant, resolveConfig, withSession } from '../session.ts';
import { show, text } from '../text.ts';
import { HELP } from '../texts-help.ts';

const CREATED = text(
  (p) =>
    `Token created for "${show(p.name)}" (role ${show(p.role)}, tenant ${show(p.tenant)}, id ${show(p.id)}):`,
  (p) =>
    `已为“${show(p.name)}”创建令牌（角色 ${show(p.role)}，租户 ${show(p.tenant)}，编号 ${show(p.id)}）：`,
);
const MAX_TOKEN_NAME_LENGTH = 100;
const BAD_NAME = text(
  (p) => `--name must be 1 to ${show(p.max)} characters.`,
  (p) => `--name 须为 1 到 ${show(p.max)} 个字符。`,
);
const ONCE = text(
  () => 'Copy it now: it is stored only as a hash and will not be shown again.',
  () => '请立即复制保存：系统只保存它的哈希值，之后不会再次显示。',
);

export function registerToken(program: Command, ctx: CliContext): void {
  const token = program.command('token').description(ctx.io.t(HELP.token));
  token
    .command('create')
    .description(ctx.io.t(HELP.tokenCreate))
    .requiredOption('--name <name>', ctx.io.t(HELP.tokenName))
    .addOption(
      new Option('--role <role>', ctx.io.t(HELP.tokenRole)).choices(ROLES).makeOptionMandatory(),
    )
    .action(async (options: { name: string; role: Role }, command: Command) => {
      const globals = ctx.globals(command);
      const name = options.name.trim();
      if (name.length === 0 || name.length > MAX_TOKEN_NAME_LENGTH)
        throw new CliError('USAGE', {
          message: ctx.io.t(BAD_NAME, { max: MAX_TOKEN_NAME_LENGTH }),
        });
      await withSession(resolveConfig(globals), { mustExist: true }, async (pool) => {
        const tenantId = await ensureTenant(ctx.io, pool, globals.tenant);
        const issued = await issueToken(
          pool.database.db,
          { ids: pool.ids, nowMs: pool.clock.nowMs() },
          { tenantId, name, role: options.role },
        );
        ctx.io.say(CREATED, { name, role: options.role, tenant: tenantId, id: issued.id });
        ctx.io.line('');
        ctx.io.line(`  ${issued.token}`);
        ctx.io.line('');
        ctx.io.say(ONCE);
      });
    });
}
