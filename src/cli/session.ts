/**
 * What every command needs before it works: the configuration (env, then --database), an open
 * StockPool, and the tenant it acts for. Failures become CliErrors with a clear message.
 */
import { existsSync } from 'node:fs';
import { bootstrapIfEmpty, DEFAULT_TENANT_ID } from '../access/bootstrap.ts';
import { loadSecretBox } from '../access/secret-key-file.ts';
import { ConfigError, loadConfig, type Config } from '../config/config.ts';
import { openStockPool, type StockPool } from '../main.ts';
import { isPostgresUrl, sqlitePathOf } from '../store/database.ts';
import { readTenantSettings } from '../store/tenant-settings-repo.ts';
import { CliError, classifyError, redactUrl } from './cli-error.ts';
import type { Io } from './io.ts';
import { printAdminToken } from './token-banner.ts';

export interface GlobalOptions {
  lang?: string;
  database?: string;
  tenant?: string;
  debug?: boolean;
}

export function resolveConfig(options: GlobalOptions, env = process.env): Config {
  try {
    // --database names a database just as DATABASE_URL does (which also turns the demo data off).
    return loadConfig(options.database ? { ...env, DATABASE_URL: options.database } : env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new CliError('CONFIG_INVALID', {
      problems: error.message.replace(/^invalid configuration: /, ''),
    });
  }
}

export function databaseExists(url: string): boolean {
  return isPostgresUrl(url) || existsSync(sqlitePathOf(url));
}

export async function openSession(
  config: Config,
  options: {
    mustExist: boolean;
    migrate?: boolean;
    secrets?: boolean;
    /** The sync worker's errors (a platform down, a refused push), for the console. */
    onSyncError?: (where: string, error: unknown) => void;
  },
): Promise<StockPool> {
  const url = config.databaseUrl;
  if (options.mustExist && !databaseExists(url))
    throw new CliError('DATABASE_MISSING', { location: redactUrl(url) });
  try {
    // Only commands that talk to platforms need the credentials key (and may create its file).
    const secretBox = options.secrets ? loadSecretBox(config).box : undefined;
    return await openStockPool({
      databaseUrl: url,
      poolSize: config.databasePoolSize,
      migrate: options.migrate ?? true,
      secretBox,
      worker: { onError: options.onSyncError },
    });
  } catch (error) {
    throw classifyError(error, url);
  }
}

/** Opens, runs, and always closes. */
export async function withSession<T>(
  config: Config,
  options: { mustExist: boolean },
  run: (pool: StockPool) => Promise<T>,
): Promise<T> {
  const pool = await openSession(config, options);
  try {
    return await run(pool);
  } finally {
    await pool.close();
  }
}

/**
 * The tenant a command acts for must exist. Commands that write (import, token create) may
 * create the default tenant on an empty database, as `start` would, printing its one-time admin
 * token; commands that only read never do (their output may be data on stdout).
 */
export async function ensureTenant(
  io: Io,
  pool: StockPool,
  tenantId: string = DEFAULT_TENANT_ID,
  options: { bootstrap: boolean } = { bootstrap: true },
): Promise<string> {
  if (await readTenantSettings(pool.database.db, tenantId)) return tenantId;
  if (options.bootstrap && tenantId === DEFAULT_TENANT_ID) {
    const boot = await bootstrapIfEmpty(pool.database.db, {
      ids: pool.ids,
      nowMs: pool.clock.nowMs(),
    });
    if (boot.adminToken) printAdminToken(io, boot.adminToken);
    if (await readTenantSettings(pool.database.db, tenantId)) return tenantId;
  }
  throw new CliError('TENANT_NOT_FOUND', { tenant: tenantId });
}
