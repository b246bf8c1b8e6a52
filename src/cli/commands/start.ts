/**
 * `stockpool start` (`npm start`): migrate, create the tenant and its one-time admin token on
 * first start, load the demo catalogue into a new database when the sandbox is on, serve the
 * API, run the hold-expiry sweeper, and print where the API and its docs are. SIGINT/SIGTERM
 * stop the sweeper, close the server and the database, and exit 0.
 */
import type { Command } from 'commander';
import { seedDemoData } from '../../../sandbox/demo-data.ts';
import { startSandbox, type Sandbox } from '../../../sandbox/demo-shops.ts';
import { describeEmulators } from '../../../sandbox/platform-profiles.ts';
import { bootstrapIfEmpty } from '../../access/bootstrap.ts';
import type { Config } from '../../config/config.ts';
import { startHttpServer, type RunningHttpServer } from '../../http/server.ts';
import { startExpirySweeper } from '../../inventory/expiry-sweeper.ts';
import type { StockPool } from '../../main.ts';
import { migrateToLatest } from '../../store/migrate.ts';
import { CliError, classifyError } from '../cli-error.ts';
import type { Io } from '../io.ts';
import type { CliContext } from '../main.ts';
import { openSession, resolveConfig } from '../session.ts';
import { show, text } from '../text.ts';
import { HELP } from '../texts-help.ts';
import { printAdminToken } from '../token-banner.ts';

const T = {
  migrated: text(
    (p) => `Database migrated: ${show(p.names)}`,
    (p) => `数据库已迁移：${show(p.names)}`,
  ),
  demo: text(
    (p) =>
      `Sandbox: demo data loaded (${show(p.warehouses)} warehouses, ${show(p.skus)} SKUs, ${show(p.bundles)} bundle, ${show(p.holds)} open orders). Set STOCKPOOL_SANDBOX=0 to start empty.`,
    (p) =>
      `沙盒模式：已载入演示数据（${show(p.warehouses)} 个仓库、${show(p.skus)} 个商品、${show(p.bundles)} 个组合商品、${show(p.holds)} 个未完成订单）。设置 STOCKPOOL_SANDBOX=0 可从空库开始。`,
  ),
  running: text(
    (p) => `StockPool is running on ${show(p.dialect)} (${show(p.location)}).`,
    (p) => `StockPool 已启动，数据库：${show(p.dialect)}（${show(p.location)}）。`,
  ),
  api: text(
    (p) => `  API:  ${show(p.url)}`,
    (p) => `  接口：${show(p.url)}`,
  ),
  docs: text(
    (p) => `  Docs: ${show(p.url)}`,
    (p) => `  文档：${show(p.url)}`,
  ),
  stopHint: text(
    () => 'Press Ctrl+C to stop.',
    () => '按 Ctrl+C 停止。',
  ),
  stopping: text(
    (p) => `${show(p.signal)} received: stopping…`,
    (p) => `收到 ${show(p.signal)}：正在停止……`,
  ),
  stopped: text(
    () => 'Stopped.',
    () => '已停止。',
  ),
  sandbox: text(
    (p) =>
      `Sandbox shops, one emulated shop per platform, with demo buyers placing about ${show(p.perMinute)} orders a minute:\n${show(p.emulators)}`,
    (p) =>
      `沙盒店铺：每个平台一家模拟店铺，演示买家每分钟约下 ${show(p.perMinute)} 单：\n${show(p.emulators)}`,
  ),
  worker: text(
    () => 'Sync worker running in this process (STOCKPOOL_WORKER=0 to run it separately).',
    () => '同步进程已在本进程内运行（设置 STOCKPOOL_WORKER=0 可单独运行）。',
  ),
  syncFailed: text(
    (p) => `Sync problem in ${show(p.where)} (will retry): ${show(p.reason)}`,
    (p) => `同步出错（${show(p.where)}，稍后重试）：${show(p.reason)}`,
  ),
  sweepFailed: text(
    (p) => `Hold-expiry sweep failed (will retry): ${show(p.reason)}`,
    (p) => `过期占用释放失败（稍后重试）：${show(p.reason)}`,
  ),
};

export function registerStart(program: Command, ctx: CliContext): void {
  program
    .command('start')
    .description(ctx.io.t(HELP.start))
    .action(async (_options: unknown, command: Command) => {
      await start(ctx.io, resolveConfig(ctx.globals(command)));
    });
}

async function prepare(io: Io, pool: StockPool, config: Config): Promise<string> {
  const { applied } = await migrateToLatest(pool.database.db, pool.database.dialect);
  if (applied.length > 0) io.say(T.migrated, { names: applied.join(', ') });
  const boot = await bootstrapIfEmpty(pool.database.db, {
    ids: pool.ids,
    nowMs: pool.clock.nowMs(),
  });
  if (boot.adminToken) printAdminToken(io, boot.adminToken);
  // Demo data only ever goes into a database this very start created: never into real data.
  if (config.sandbox && boot.created)
    io.say(T.demo, { ...(await seedDemoData(pool, boot.tenantId)) });
  return boot.tenantId;
}

async function listen(pool: StockPool, config: Config): Promise<RunningHttpServer> {
  try {
    return await startHttpServer(pool, {
      host: config.host,
      port: config.port,
      bodyLimitBytes: config.bodyLimitBytes,
      logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
      publicUrl: config.publicUrl ?? undefined,
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE')
      throw new CliError('PORT_IN_USE', { host: config.host, port: config.port }, { cause: error });
    throw error;
  }
}

async function start(io: Io, config: Config): Promise<void> {
  const pool = await openSession(config, {
    mustExist: false,
    migrate: false,
    secrets: true,
    onSyncError: (where, error) =>
      io.warn(T.syncFailed, { where, reason: (error as Error).message }),
  });
  let server: RunningHttpServer;
  let sandbox: Sandbox | null = null;
  let tenantId: string;
  try {
    tenantId = await prepare(io, pool, config).catch((error: unknown) => {
      throw classifyError(error, config.databaseUrl);
    });
    server = await listen(pool, config);
  } catch (error) {
    await pool.close();
    throw error;
  }
  try {
    if (config.sandbox)
      sandbox = await startDemoShops(io, pool, { config, tenantId, apiUrl: server.url });
  } catch (error) {
    // A sandbox port taken, say: nothing may keep the process alive after the error.
    await server.close();
    await pool.close();
    throw error;
  }
  if (config.runWorker) {
    pool.sync.worker.start();
    io.say(T.worker);
  }
  const sweeper = startExpirySweeper(
    { ...pool, onError: (error) => io.warn(T.sweepFailed, { reason: (error as Error).message }) },
    config.holdSweepIntervalMs,
  );
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    io.say(T.stopping, { signal });
    void (async () => {
      await sweeper.stop();
      await sandbox?.stop();
      await server.close();
      await pool.close();
      io.say(T.stopped);
      process.exit(0);
    })();
  };
  // Handlers first, then the lines a supervisor (or a test) waits for: a signal sent the moment
  // the URLs appear must find the handlers in place.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  io.say(T.running, {
    dialect: pool.database.dialect,
    location: pool.database.dialect === 'sqlite' ? pool.database.location : 'PostgreSQL',
  });
  io.say(T.api, { url: server.url });
  io.say(T.docs, { url: server.docsUrl });
  io.say(T.stopHint);
}

async function startDemoShops(
  io: Io,
  pool: StockPool,
  o: { config: Config; tenantId: string; apiUrl: string },
): Promise<Sandbox> {
  const sandbox = await startSandbox(pool, {
    tenantId: o.tenantId,
    apiUrl: o.apiUrl,
    ports: o.config.sandboxPorts,
    ordersPerMinute: o.config.sandboxOrdersPerMinute,
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    throw new CliError(
      'PORT_IN_USE',
      { host: o.config.host, port: Object.values(o.config.sandboxPorts).join('/') },
      { cause: error },
    );
  });
  io.say(T.sandbox, {
    emulators: describeEmulators(sandbox.emulators),
    perMinute: o.config.sandboxOrdersPerMinute,
  });
  return sandbox;
}
