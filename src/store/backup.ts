/**
 * Online backup and restore, per engine.
 *  - SQLite: SQLite's online backup API (better-sqlite3 `backup()`), asked to copy every page in
 *    one step, so the copy is one read snapshot taken while the server keeps writing (WAL readers
 *    do not block writers). Restore copies the backup beside the database, checks it, makes sure
 *    no other process has the database open, and renames it into place (atomic on one disk).
 *  - PostgreSQL: `pg_dump -Fc` (one consistent snapshot; does not block writers) and
 *    `pg_restore --clean --if-exists --single-transaction` (all or nothing).
 * Failures throw BackupError with a stable code; the CLI maps it to a message and an exit code.
 */
import BetterSqlite3 from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { isPostgresUrl, sqlitePathOf } from './database.ts';

export type BackupErrorCode =
  | 'BACKUP_FAILED'
  | 'RESTORE_FAILED'
  | 'NOT_A_BACKUP'
  | 'DATABASE_IN_USE'
  | 'DATABASE_MISSING'
  | 'FILE_NOT_FOUND';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    readonly details: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${JSON.stringify(details)}`, options);
  }
}

export interface BackupResult {
  dialect: 'sqlite' | 'postgres';
  bytes: number;
}

/** The tables a StockPool database always has: how a backup is recognised. */
const MARKER_TABLES = ['kysely_migration', 'stock_levels', 'movements'];

/** Copy every remaining page in one step (0x7fffffff is better-sqlite3's largest step). */
const ALL_PAGES = 0x7fffffff;

export async function backupDatabase(url: string, file: string): Promise<BackupResult> {
  const temp = `${file}.partial-${process.pid}`;
  try {
    if (isPostgresUrl(url)) await pgDump(url, temp);
    else await sqliteBackup(sqlitePathOf(url), temp);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError('BACKUP_FAILED', { reason: (error as Error).message }, { cause: error });
  }
  return { dialect: isPostgresUrl(url) ? 'postgres' : 'sqlite', bytes: (await stat(file)).size };
}

async function sqliteBackup(path: string, temp: string): Promise<void> {
  if (!existsSync(path)) throw new BackupError('DATABASE_MISSING', { location: path });
  const source = new BetterSqlite3(path, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 10000');
    await source.backup(temp, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  verifySqliteCopy(temp, temp);
}

/** Opens a copy and checks it is a sound StockPool database; throws NOT_A_BACKUP otherwise. */
function verifySqliteCopy(path: string, shownAs: string): void {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(path, { fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`integrity check: ${String(check)}`);
    const tables = db.prepare(`select name from sqlite_master where type = 'table'`).pluck().all();
    const missing = MARKER_TABLES.filter((t) => !tables.includes(t));
    if (missing.length > 0) throw new Error(`missing tables: ${missing.join(', ')}`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      'NOT_A_BACKUP',
      { path: shownAs, reason: (error as Error).message },
      { cause: error },
    );
  } finally {
    db?.close();
  }
}

export async function restoreDatabase(
  url: string,
  file: string,
  options: { force?: boolean } = {},
): Promise<void> {
  if (!existsSync(file)) throw new BackupError('FILE_NOT_FOUND', { path: file });
  if (isPostgresUrl(url)) return pgRestore(url, file, options);
  const target = sqlitePathOf(url);
  const temp = `${target}.restoring-${process.pid}`;
  try {
    await mkdir(dirname(target), { recursive: true });
    await copyFile(file, temp);
    verifySqliteCopy(temp, file);
    if (existsSync(target)) takeOverSqlite(target);
    // The probe checkpointed and removed them; a crash could have left them: never pair an old
    // WAL with the restored file.
    await rm(`${target}-wal`, { force: true });
    await rm(`${target}-shm`, { force: true });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError('RESTORE_FAILED', { reason: (error as Error).message }, { cause: error });
  }
}

/**
 * Leaving WAL mode needs every other connection closed, so it doubles as the check that no
 * server has the database open. It also checkpoints and removes the WAL.
 */
function takeOverSqlite(target: string): void {
  const db = new BetterSqlite3(target, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY')
      throw new BackupError('DATABASE_IN_USE', { location: target }, { cause: error });
    throw error;
  } finally {
    db.close();
  }
}

/** pg tools take the password from the environment, not the command line (visible in `ps`). */
function pgTarget(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env = { ...process.env, ...(password && { PGPASSWORD: password }) };
  return { dbname: parsed.toString(), env };
}

function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new BackupError('BACKUP_FAILED', {
              reason: `${command} is not installed or not on PATH (set PG_DUMP / PG_RESTORE to its path)`,
            })
          : error,
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`)),
    );
  });
}

const PG_DUMP = () => process.env.PG_DUMP ?? 'pg_dump';
const PG_RESTORE = () => process.env.PG_RESTORE ?? 'pg_restore';

async function pgDump(url: string, temp: string): Promise<void> {
  const { dbname, env } = pgTarget(url);
  await runTool(
    PG_DUMP(),
    ['--format=custom', '--no-owner', `--file=${temp}`, `--dbname=${dbname}`],
    env,
  );
  await verifyPgArchive(temp, temp);
}

async function verifyPgArchive(file: string, shownAs: string): Promise<void> {
  let listing: string;
  try {
    listing = await runTool(PG_RESTORE(), ['--list', file], process.env);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      'NOT_A_BACKUP',
      { path: shownAs, reason: (error as Error).message },
      { cause: error },
    );
  }
  const missing = MARKER_TABLES.filter((t) => !new RegExp(`TABLE \\S+ ${t} `).test(listing));
  if (missing.length > 0)
    throw new BackupError('NOT_A_BACKUP', {
      path: shownAs,
      reason: `missing tables: ${missing.join(', ')}`,
    });
}

async function pgRestore(url: string, file: string, options: { force?: boolean }): Promise<void> {
  await verifyPgArchive(file, file);
  if (!options.force) await refuseIfPgInUse(url);
  const { dbname, env } = pgTarget(url);
  try {
    await runTool(
      PG_RESTORE(),
      [
        '--clean',
        '--if-exists',
        '--no-owner',
        '--single-transaction',
        '--exit-on-error',
        `--dbname=${dbname}`,
        file,
      ],
      env,
    );
  } catch (error) {
    throw new BackupError('RESTORE_FAILED', { reason: (error as Error).message }, { cause: error });
  }
}

/** Other sessions on the database (a running server) would see tables vanish mid-request. */
async function refuseIfPgInUse(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    if (Number(rows[0]?.n ?? 0) > 0)
      throw new BackupError('DATABASE_IN_USE', { location: new URL(url).pathname.slice(1) });
  } finally {
    await client.end();
  }
}
