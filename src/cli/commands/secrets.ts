/**
 * `stockpool secrets reseal`: after a key rotation, seals every value still sealed under an
 * older key (shop credentials) under the current one, so the old key can be retired. Reads the
 * keys as `start` does (STOCKPOOL_SECRET_KEY or the key file, plus STOCKPOOL_SECRET_KEYS_OLD),
 * but never creates a key file. Prints counts and row ids only, never a secret; safe to run
 * while StockPool runs, and again (a second run re-seals 0).
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { resealStaleSecrets, type ResealReport } from '../../access/reseal-secrets.ts';
import { SecretBoxError, type SecretBox } from '../../access/secret-box.ts';
import { loadSecretBox } from '../../access/secret-key-file.ts';
import type { Config } from '../../config/config.ts';
import { CliError } from '../cli-error.ts';
import type { Io } from '../io.ts';
import type { CliContext } from '../main.ts';
import { resolveConfig, withSession } from '../session.ts';
import { show, text } from '../text.ts';
import { HELP } from '../texts-help.ts';

/** Row ids named in an error at most; the rest are counted. */
const MAX_ROWS_NAMED = 20;

const T = {
  column: text(
    (p) =>
      `${show(p.column)}: ${show(p.total)} sealed value(s): ${show(p.resealed)} re-sealed, ${show(p.current)} already under the current key.`,
    (p) =>
      `${show(p.column)}：共 ${show(p.total)} 个加密值：重新加密 ${show(p.resealed)} 个，${show(p.current)} 个已使用当前密钥。`,
  ),
  total: text(
    (p) => `Re-sealed ${show(p.resealed)} value(s) under the current key (id ${show(p.keyId)}).`,
    (p) => `共用当前密钥（编号 ${show(p.keyId)}）重新加密 ${show(p.resealed)} 个值。`,
  ),
  done: text(
    () =>
      'No value is sealed under an older key any more: the keys in STOCKPOOL_SECRET_KEYS_OLD can be removed (keep them with the backups made before now).',
    () =>
      '已没有使用旧密钥加密的值：可以移除 STOCKPOOL_SECRET_KEYS_OLD 中的旧密钥（请与此前的备份一起妥善保存）。',
  ),
};

/** The box `start` would build, without creating a key file: re-sealing under a new random key would lock every shop out. */
function loadBox(config: Config): SecretBox {
  if (!config.secretKey && !existsSync(config.secretKeyFile))
    throw new CliError('SECRET_KEY_MISSING', { file: config.secretKeyFile });
  try {
    return loadSecretBox(config).box;
  } catch (error) {
    if (error instanceof SecretBoxError)
      throw new CliError('SECRET_KEY_INVALID', {}, { cause: error });
    throw error;
  }
}

/** `table.column row, row, …` for the rows of every column in `pick`, at most MAX_ROWS_NAMED. */
function rowsOf(report: ResealReport, pick: 'unopenable' | 'changing'): string {
  const named = report.columns.flatMap((c) => c[pick].map((row) => `${c.column} ${row}`));
  const shown = named.slice(0, MAX_ROWS_NAMED).join(', ');
  return named.length > MAX_ROWS_NAMED ? `${shown}, …` : shown;
}

function printReport(io: Io, report: ResealReport): void {
  for (const c of report.columns) io.say(T.column, { ...c });
  const resealed = report.columns.reduce((sum, c) => sum + c.resealed, 0);
  io.say(T.total, { resealed, keyId: report.keyId });
  const count = (pick: 'unopenable' | 'changing') =>
    report.columns.reduce((sum, c) => sum + c[pick].length, 0);
  const unopenable = count('unopenable');
  const changing = count('changing');
  if (unopenable > 0)
    throw new CliError('SECRETS_UNOPENABLE', {
      count: unopenable,
      rows: rowsOf(report, 'unopenable'),
    });
  if (changing > 0)
    throw new CliError('SECRETS_CHANGING', { count: changing, rows: rowsOf(report, 'changing') });
  io.say(T.done);
}

export function registerSecrets(program: Command, ctx: CliContext): void {
  const secrets = program.command('secrets').description(ctx.io.t(HELP.secrets)).helpCommand(false);
  secrets
    .command('reseal')
    .description(ctx.io.t(HELP.secretsReseal))
    .action(async (_options: unknown, command: Command) => {
      const config = resolveConfig(ctx.globals(command));
      const box = loadBox(config);
      const report = await withSession(config, { mustExist: true }, (pool) =>
        resealStaleSecrets(pool.database.db, box),
      );
      printReport(ctx.io, report);
    });
}
