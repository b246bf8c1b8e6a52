/**
 * Reads the environment once, validates it and returns a frozen, typed Config. Every setting has
 * a default that gives the Quick start: SQLite in ./data, port 8080, demo data on first start.
 */
import { z } from 'zod';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1).default('./data/stockpool.db'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Seed a demo catalogue (warehouses, SKUs, stock) into an empty database on first start.
   * Unset: on for the Quick start (no DATABASE_URL), off when a database is named, so a seller's
   * new production database never receives demo data by surprise.
   */
  STOCKPOOL_SANDBOX: booleanFlag.optional(),
  /** How often unpaid holds past their expiry are released. */
  HOLD_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  /** PostgreSQL connections per process. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Largest accepted request body, bytes. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
});

export type Config = Readonly<{
  databaseUrl: string;
  host: string;
  port: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  sandbox: boolean;
  holdSweepIntervalMs: number;
  databasePoolSize: number;
  bodyLimitBytes: number;
}>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    sandbox: e.STOCKPOOL_SANDBOX ?? env.DATABASE_URL === undefined,
    holdSweepIntervalMs: e.HOLD_SWEEP_INTERVAL_MS,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
  });
}
