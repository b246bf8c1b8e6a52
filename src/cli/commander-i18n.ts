/**
 * Commander speaks English; this gives its help headings and its usage errors in Chinese too.
 * Usage errors become CliError USAGE (exit 2) with a hint to --help.
 */
import { CommanderError, type Command } from 'commander';
import type { Locale } from '../i18n/locale.ts';
import { CliError } from './cli-error.ts';

const TITLES_ZH: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

/** Commander message → Chinese, by Commander's error code; the quoted name is kept. */
const ERRORS_ZH: Record<string, (name: string, english: string) => string> = {
  'commander.unknownCommand': (n) => `未知命令“${n}”`,
  'commander.unknownOption': (n) => `未知选项“${n}”`,
  'commander.missingArgument': (n) => `缺少参数“${n}”`,
  'commander.optionMissingArgument': (n) => `选项“${n}”缺少取值`,
  'commander.missingMandatoryOptionValue': (n) => `缺少必需的选项“${n}”`,
  'commander.excessArguments': () => '参数过多',
  'commander.invalidArgument': (n, english) => `“${n}”的取值无效（${english}）`,
};

const HINT = {
  en: 'Run `stockpool --help` for usage.',
  'zh-CN': '运行 `stockpool --help` 查看用法。',
};

export function localizeCommander(program: Command, locale: Locale): void {
  program.exitOverride();
  program.configureOutput({ outputError: () => undefined });
  if (locale === 'zh-CN')
    program.configureHelp({ styleTitle: (title: string) => TITLES_ZH[title] ?? title });
}

/** Help and version displays are not errors: their exit code is 0. */
export function isHelpDisplay(error: unknown): boolean {
  return (
    error instanceof CommanderError &&
    ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code)
  );
}

export function toUsageError(error: CommanderError, locale: Locale): CliError {
  const english = error.message.replace(/^error:\s*/i, '');
  const quoted = /'([^']+)'/.exec(english)?.[1] ?? english;
  const zh = ERRORS_ZH[error.code];
  const message = locale === 'zh-CN' && zh ? zh(quoted, english) : english;
  return new CliError('USAGE', { message: `${message}\n${HINT[locale]}` });
}
