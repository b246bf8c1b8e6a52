/**
 * `stockpool <command>`: picks the language, wires the commands into Commander, runs one, and
 * turns every failure into a message in that language and an exit code (exit-codes.ts). A stack
 * trace is printed only with --debug.
 */
import { Command, CommanderError } from 'commander';
import { negotiateLocale, type Locale } from '../i18n/locale.ts';
import { classifyError, describeCliError, type CliError } from './cli-error.ts';
import { registerBackup, registerRestore } from './commands/backup-restore.ts';
import { registerCheck } from './commands/check.ts';
import { registerExport } from './commands/export.ts';
import { registerImport } from './commands/import.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerSandbox } from './commands/sandbox.ts';
import { registerSecrets } from './commands/secrets.ts';
import { registerStart } from './commands/start.ts';
import { registerWorker } from './commands/worker.ts';
import { registerStock } from './commands/stock.ts';
import { registerToken } from './commands/token.ts';
import { isHelpDisplay, localizeCommander, toUsageError } from './commander-i18n.ts';
import { EXIT, EXIT_CODE_OF } from './exit-codes.ts';
import { processIo, type Io } from './io.ts';
import type { GlobalOptions } from './session.ts';
import { text } from './text.ts';
import { HELP } from './texts-help.ts';

const ERROR_PREFIX = text(
  () => 'Error: ',
  () => '错误：',
);
const DEBUG_HINT = text(
  () => 'This is unexpected. Run again with --debug to see the details.',
  () => '这是意外错误。加 --debug 重新运行可查看详细信息。',
);

/** --lang, else STOCKPOOL_LANG, else LANG; read before Commander so its help is localized too. */
export function resolveLocale(argv: readonly string[], env: NodeJS.ProcessEnv): Locale {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const flag =
    at < 0 ? undefined : argv[at]?.includes('=') ? argv[at]?.split('=')[1] : argv[at + 1];
  return negotiateLocale(flag ?? env.STOCKPOOL_LANG ?? env.LANG ?? 'en');
}

/** What every command gets: the Io, and the global options as given on the command line. */
export interface CliContext {
  io: Io;
  globals(command: Command): GlobalOptions;
  /** Set by a command that finished with a non-zero status without throwing. */
  exitCode: number;
}

function buildProgram(ctx: CliContext): Command {
  const { io } = ctx;
  const program = new Command('stockpool');
  localizeCommander(program, io.locale);
  program
    .description(io.t(HELP.program))
    .helpOption('-h, --help', io.t(HELP.help))
    .helpCommand(false)
    .option('--lang <lang>', io.t(HELP.lang))
    .option('--database <url>', io.t(HELP.database))
    .option('--tenant <id>', io.t(HELP.tenant))
    .option('--debug', io.t(HELP.debug));
  for (const register of [
    registerStart,
    registerWorker,
    registerSandbox,
    registerMigrate,
    registerImport,
    registerExport,
    registerStock,
    registerToken,
    registerBackup,
    registerRestore,
    registerCheck,
    registerSecrets,
  ])
    register(program, ctx);
  return program;
}

function stackOf(cause: unknown): string {
  if (cause instanceof Error) return cause.stack ?? cause.message;
  return typeof cause === 'string' ? cause : JSON.stringify(cause);
}

function report(io: Io, error: CliError): number {
  io.errorLine(`${io.t(ERROR_PREFIX)}${describeCliError(error, io.locale)}`);
  if (error.code === 'INTERNAL' && !io.debug) io.warn(DEBUG_HINT);
  else if (io.debug && error.cause) io.errorLine(stackOf(error.cause));
  return EXIT_CODE_OF[error.code];
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const locale = resolveLocale(argv.slice(2), process.env);
  const io = processIo({ locale, debug: argv.includes('--debug') });
  const ctx: CliContext = {
    io,
    globals: (command) => command.optsWithGlobals<GlobalOptions>(),
    exitCode: EXIT.ok,
  };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv]);
    return ctx.exitCode;
  } catch (error) {
    if (isHelpDisplay(error)) return EXIT.ok;
    if (error instanceof CommanderError) return report(io, toUsageError(error, locale));
    return report(io, classifyError(error, process.env.DATABASE_URL ?? ''));
  }
}
