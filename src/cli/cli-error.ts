/**
 * Errors the CLI reports: every domain and edge code (src/i18n/messages.ts) plus the CLI's own.
 * A CliError carries a code and details; the message is made in the user's language when
 * printed, and the code picks the exit status (exit-codes.ts). Unknown throwables are
 * classified here: an unreachable database is code DATABASE_UNREACHABLE, not a stack trace.
 */
import type { DomainError } from '../domain/outcome.ts';
import type { Locale } from '../i18n/locale.ts';
import { isErrorCode, messageFor, type ErrorCode } from '../i18n/messages.ts';
import { show, text, type Params, type Text } from './text.ts';

const CLI_MESSAGES = {
  USAGE: text(
    (p) => show(p.message),
    (p) => show(p.message),
  ),
  CONFIG_INVALID: text(
    (p) => `The configuration is not valid: ${show(p.problems)}`,
    (p) => `配置无效：${show(p.problems)}`,
  ),
  DATABASE_UNREACHABLE: text(
    (p) => `Cannot reach the database at ${show(p.location)}: ${show(p.reason)}`,
    (p) => `无法连接数据库 ${show(p.location)}：${show(p.reason)}`,
  ),
  DATABASE_MISSING: text(
    (p) =>
      `There is no database at ${show(p.location)}. Run \`stockpool start\` or \`stockpool migrate\` first, or pass --database.`,
    (p) =>
      `${show(p.location)} 处没有数据库。请先运行 \`stockpool start\` 或 \`stockpool migrate\`，或用 --database 指定数据库。`,
  ),
  DATABASE_IN_USE: text(
    (p) =>
      `The database ${show(p.location)} is open in another process (is \`stockpool start\` running?). Stop it, then try again.`,
    (p) =>
      `数据库 ${show(p.location)} 正被其他进程使用（\`stockpool start\` 是否在运行？）。请先停止它，再重试。`,
  ),
  TENANT_NOT_FOUND: text(
    (p) => `Tenant ${show(p.tenant)} does not exist.`,
    (p) => `租户 ${show(p.tenant)} 不存在。`,
  ),
  INVARIANTS_FAILED: text(
    (p) => `The invariant check found ${show(p.count)} problem(s).`,
    (p) => `一致性检查发现 ${show(p.count)} 处问题。`,
  ),
  BACKUP_FAILED: text(
    (p) => `Backup failed: ${show(p.reason)}`,
    (p) => `备份失败：${show(p.reason)}`,
  ),
  RESTORE_FAILED: text(
    (p) => `Restore failed: ${show(p.reason)}`,
    (p) => `恢复失败：${show(p.reason)}`,
  ),
  NOT_A_BACKUP: text(
    (p) => `${show(p.path)} is not a StockPool backup: ${show(p.reason)}`,
    (p) => `${show(p.path)} 不是 StockPool 备份文件：${show(p.reason)}`,
  ),
  FILE_UNREADABLE: text(
    (p) => `Cannot read ${show(p.path)}: ${show(p.reason)}`,
    (p) => `无法读取 ${show(p.path)}：${show(p.reason)}`,
  ),
  FILE_EMPTY: text(
    (p) => `${show(p.path)} holds no data.`,
    (p) => `${show(p.path)} 中没有数据。`,
  ),
  FILE_TOO_LARGE: text(
    (p) =>
      p.hint === 'csv'
        ? `${show(p.path)} is larger than ${show(p.maxBytes)} bytes, the most StockPool reads as XLSX. Save it as CSV (UTF-8), which has no such limit below ${show(1_000_000)} rows, or split it.`
        : `${show(p.path)} is too large: at most ${show(p.maxRows ?? 1_000_000)} rows and ${show(p.maxBytes ?? 200 * 1024 * 1024)} bytes. Split it into several files.`,
    (p) =>
      p.hint === 'csv'
        ? `${show(p.path)} 超过 ${show(p.maxBytes)} 字节，超出 XLSX 可读取的上限。请另存为 CSV（UTF-8）——CSV 最多可读 ${show(1_000_000)} 行——或拆分文件。`
        : `${show(p.path)} 过大：最多 ${show(p.maxRows ?? 1_000_000)} 行、${show(p.maxBytes ?? 200 * 1024 * 1024)} 字节。请拆分为多个文件。`,
  ),
  OUTPUT_REQUIRED: text(
    () => 'An XLSX export needs --out <file>.',
    () => '导出 XLSX 需要用 --out <文件> 指定输出文件。',
  ),
  PORT_IN_USE: text(
    (p) => `Port ${show(p.port)} on ${show(p.host)} is already in use. Set PORT to a free port.`,
    (p) => `${show(p.host)} 的端口 ${show(p.port)} 已被占用。请用 PORT 设置其他端口。`,
  ),
  SERVER_UNAVAILABLE: text(
    (p) => `The HTTP API could not be loaded: ${show(p.reason)}`,
    (p) => `无法加载 HTTP 接口：${show(p.reason)}`,
  ),
  SECRET_KEY_MISSING: text(
    (p) =>
      `There is no secret key: STOCKPOOL_SECRET_KEY is not set and there is no key file at ${show(p.file)}. Set the key StockPool runs with (STOCKPOOL_SECRET_KEY or STOCKPOOL_SECRET_KEY_FILE) and try again.`,
    (p) =>
      `找不到加密密钥：未设置 STOCKPOOL_SECRET_KEY，${show(p.file)} 处也没有密钥文件。请设置 StockPool 运行时使用的密钥（STOCKPOOL_SECRET_KEY 或 STOCKPOOL_SECRET_KEY_FILE）后重试。`,
  ),
  SECRET_KEY_INVALID: text(
    () =>
      'A secret key (STOCKPOOL_SECRET_KEY, the key file or one in STOCKPOOL_SECRET_KEYS_OLD) is not a 32-byte key given as 64 hex characters or base64.',
    () =>
      '加密密钥（STOCKPOOL_SECRET_KEY、密钥文件或 STOCKPOOL_SECRET_KEYS_OLD 中的某个密钥）不是 32 字节的密钥（应为 64 个十六进制字符或 base64）。',
  ),
  SECRETS_UNOPENABLE: text(
    (p) =>
      `${show(p.count)} sealed value(s) could not be opened with the current key or any in STOCKPOOL_SECRET_KEYS_OLD (${show(p.rows)}): add the key they were sealed under to STOCKPOOL_SECRET_KEYS_OLD and run again. The others were re-sealed.`,
    (p) =>
      `有 ${show(p.count)} 个加密值无法用当前密钥或 STOCKPOOL_SECRET_KEYS_OLD 中的密钥解开（${show(p.rows)}）：请把加密它们时使用的密钥加入 STOCKPOOL_SECRET_KEYS_OLD 后重新运行。其余的值已重新加密。`,
  ),
  SECRETS_CHANGING: text(
    (p) =>
      `${show(p.count)} sealed value(s) kept changing while they were being re-sealed (${show(p.rows)}): run the command again.`,
    (p) =>
      `有 ${show(p.count)} 个加密值在重新加密期间不断被修改（${show(p.rows)}）：请重新运行此命令。`,
  ),
} satisfies Record<string, Text>;

export type CliOnlyCode = keyof typeof CLI_MESSAGES;
export type CliErrorCode = ErrorCode | CliOnlyCode;

export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    readonly details: Params = {},
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${JSON.stringify(details)}`, options);
  }
}

export function fromDomainError(error: DomainError): CliError {
  return new CliError(error.code, error.details);
}

export function describeCliError(error: CliError, locale: Locale): string {
  if (error.code in CLI_MESSAGES)
    return CLI_MESSAGES[error.code as CliOnlyCode][locale](error.details);
  return isErrorCode(error.code) ? messageFor(error.code, error.details, locale) : error.message;
}

/** Network and server errors meaning "the database is not there", by driver code / SQLSTATE. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  '3D000', // database does not exist
  '28P01', // password authentication failed
  '28000', // invalid authorization
  '57P03', // cannot connect now (starting up / shutting down)
  'SQLITE_CANTOPEN',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
  'SQLITE_READONLY',
]);

/** Turns anything thrown into a CliError; unknown errors become INTERNAL (exit 1). */
export function classifyError(error: unknown, location: string): CliError {
  if (error instanceof CliError) return error;
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code))
      return new CliError(
        'DATABASE_UNREACHABLE',
        {
          location: redactUrl(location),
          reason: typeof message === 'string' && message ? message : code,
        },
        { cause: error },
      );
    if (code === 'SQLITE_BUSY')
      return new CliError('DATABASE_IN_USE', { location: redactUrl(location) }, { cause: error });
    e = cause ?? (e instanceof AggregateError ? e.errors[0] : undefined);
  }
  return new CliError('INTERNAL', {}, { cause: error });
}

/** A PostgreSQL URL without its password, for messages and logs. */
export function redactUrl(location: string): string {
  try {
    const url = new URL(location);
    if (!url.password) return location;
    url.password = '***';
    return url.toString();
  } catch {
    return location;
  }
}
