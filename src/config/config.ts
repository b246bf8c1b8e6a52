/**
 * Reads the environment once, validates it and returns a frozen, typed Config. Every setting has
 * a default that gives the Quick start: SQLite in ./data, port 8080, demo data on first start.
 */
import { z } from 'zod';
import type { PlatformName } from '../connectors/contract.ts';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const port = z.coerce.number().int().min(0).max(65535);

const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1).default('./data/stockpool.db'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(8080),
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
  /**
   * The 32-byte key that seals platform credentials at rest (64 hex characters or base64).
   * Unset: read from STOCKPOOL_SECRET_KEY_FILE, which is created on first start.
   */
  STOCKPOOL_SECRET_KEY: z.string().min(1).optional(),
  STOCKPOOL_SECRET_KEY_FILE: z.string().min(1).default('./data/secret.key'),
  /** Keys used before a rotation, comma-separated: values sealed under them still open. */
  STOCKPOOL_SECRET_KEYS_OLD: z.string().optional(),
  /** The address platforms reach this server at (scheme://host[:port]), when behind a proxy. */
  PUBLIC_URL: z.url().optional(),
  /** Run the sync worker inside `stockpool start` (off when separate `stockpool worker`s run). */
  STOCKPOOL_WORKER: booleanFlag.default(true),
  /** Ports of the sandbox's emulated platforms (0: any free port). */
  SANDBOX_TIKTOK_PORT: port.default(8091),
  SANDBOX_SHOPEE_PORT: port.default(8092),
  SANDBOX_LAZADA_PORT: port.default(8093),
  SANDBOX_AMAZON_PORT: port.default(8094),
  SANDBOX_SHOPIFY_PORT: port.default(8095),
  SANDBOX_WOOCOMMERCE_PORT: port.default(8096),
  /** Demo orders per minute the sandbox's buyers place (0: none). */
  SANDBOX_ORDERS_PER_MINUTE: z.coerce.number().min(0).max(6000).default(6),
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
  secretKey: string | null;
  secretKeyFile: string;
  previousSecretKeys: string[];
  publicUrl: string | null;
  runWorker: boolean;
  /** Each emulated platform's port in the sandbox. */
  sandboxPorts: Readonly<Record<PlatformName, number>>;
  sandboxOrdersPerMinute: number;
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
    secretKey: e.STOCKPOOL_SECRET_KEY ?? null,
    secretKeyFile: e.STOCKPOOL_SECRET_KEY_FILE,
    previousSecretKeys: (e.STOCKPOOL_SECRET_KEYS_OLD ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k.length > 0),
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    runWorker: e.STOCKPOOL_WORKER,
    sandboxPorts: {
      'tiktok-shop': e.SANDBOX_TIKTOK_PORT,
      shopee: e.SANDBOX_SHOPEE_PORT,
      lazada: e.SANDBOX_LAZADA_PORT,
      amazon: e.SANDBOX_AMAZON_PORT,
      shopify: e.SANDBOX_SHOPIFY_PORT,
      woocommerce: e.SANDBOX_WOOCOMMERCE_PORT,
    },
    sandboxOrdersPerMinute: e.SANDBOX_ORDERS_PER_MINUTE,
  });
}
