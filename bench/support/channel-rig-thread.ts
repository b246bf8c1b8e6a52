/**
 * The StockPool half of the channel benchmarks' rig (see channel-rig.ts): run in a worker thread by
 * each benchmark's entry module, it opens StockPool on a fresh real database with the real clock,
 * seeds the catalogue and opening stock, serves the HTTP API on a free port (where the emulators
 * deliver webhooks), announces the API's URL, then answers the benchmark's calls: the common
 * handlers below and the entry's own. Webhook answer times and accepted connections are recorded
 * server-side, so time lost before StockPool's handler can be told apart from time inside it.
 */
import type { Socket } from 'node:net';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { systemClock } from '../../src/adapters/clock.ts';
import { buildApp } from '../../src/http/app.ts';
import type { Actor } from '../../src/inventory/command-context.ts';
import { openStockPool, type StockPool } from '../../src/main.ts';
import { checkInvariants } from '../../src/store/invariant-check.ts';
import { insertTenant } from '../../src/store/tenants-repo.ts';
import {
  RIG_ACTOR,
  RIG_WAREHOUSE,
  watchEventLoop,
  type RigSetup,
  type ShopAccess,
} from './channel-rig.ts';
import { createPostgresDatabase, createSqliteFile } from './databases.ts';

/** StockPool's thread: what a handler gets besides its arguments. */
export interface StockPoolSide {
  pool: StockPool;
  actor: Actor;
  workerErrors: Array<{ where: string; error: unknown }>;
}

export type SideHandler = (side: StockPoolSide, ...args: never[]) => unknown;

/**
 * Run by a benchmark's worker entry: opens StockPool as RigSetup says, announces its URL, then
 * answers calls with the common handlers and the entry's own.
 */
export async function serveStockPool(own: Record<string, SideHandler> = {}): Promise<void> {
  if (isMainThread || !parentPort) throw new Error('serveStockPool runs in a worker thread');
  const port = parentPort;
  const setup = workerData as RigSetup;
  const database =
    setup.engine === 'sqlite'
      ? createSqliteFile('channels')
      : await createPostgresDatabase('channels');
  const workerErrors: StockPoolSide['workerErrors'] = [];
  const pool = await openStockPool({
    databaseUrl: database.url,
    clock: systemClock,
    worker: { ...setup.worker, onError: (where, error) => workerErrors.push({ where, error }) },
  }).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  await seedCatalogue(pool, setup.skus);
  const app = await buildApp(pool, { bodyLimitBytes: 1024 * 1024 });
  const http = watchHttp(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const side: StockPoolSide = { pool, actor: RIG_ACTOR, workerErrors };
  const loop = watchEventLoop();
  const handlers: Record<string, SideHandler> = {
    ...commonHandlers,
    ...own,
    eventLoop: () => loop.read(),
    http: () => http.read(),
    close: async () => {
      // A task that never ends would hang the close: name it instead.
      const stopped = await Promise.race([
        pool.sync.worker.stop().then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 30_000).unref()),
      ]);
      if (!stopped)
        throw new Error(
          `the sync worker did not stop within 30 s; running: ${JSON.stringify(pool.sync.worker.runningTasks())}`,
        );
      await app.close();
      await pool.close();
      await database.drop();
    },
  };
  port.on('message', (m: { id: number; method: string; args: never[] }) => {
    const handler = handlers[m.method];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`no handler ${m.method}`);
        return handler(side, ...m.args);
      })
      .then(
        (value) => port.postMessage({ id: m.id, value }),
        (error: unknown) => port.postMessage({ id: m.id, error: String(error) }),
      );
  });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the API did not bind');
  port.postMessage({ ready: `http://127.0.0.1:${address.port}` });
}

/** What StockPool's HTTP server saw since the last read. */
export interface HttpSeen {
  /** Each webhook request's time from Fastify's start to the answer, ms. */
  webhookAnswersMs: number[];
  /** TCP connections accepted, and the most open at once (each new one waits to be accepted). */
  connections: number;
  maxOpenConnections: number;
}

function watchHttp(app: FastifyInstance): { read(): HttpSeen } {
  let seen: HttpSeen = { webhookAnswersMs: [], connections: 0, maxOpenConnections: 0 };
  let open = 0;
  app.server.on('connection', (socket: Socket) => {
    seen.connections += 1;
    open += 1;
    seen.maxOpenConnections = Math.max(seen.maxOpenConnections, open);
    socket.on('close', () => (open -= 1));
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.url.startsWith('/webhooks/')) seen.webhookAnswersMs.push(reply.elapsedTime);
  });
  return {
    read: () => {
      const current = seen;
      seen = { webhookAnswersMs: [], connections: 0, maxOpenConnections: open };
      return current;
    },
  };
}

const commonHandlers: Record<string, SideHandler> = {
  connectShop: (side, access: ShopAccess) => connectShop(side, access),
  setPolicy: async (side, sku: string, policy: never) => {
    const set = await side.pool.sync.policies.set(side.actor, sku, policy);
    if (!set.ok) throw new Error(`setting the policy failed: ${set.error.code}`);
  },
  startWorker: (side) => side.pool.sync.worker.start(),
  stopWorker: (side) => side.pool.sync.worker.stop(),
  status: (side) => side.pool.sync.status(side.actor.tenantId),
  invariants: (side) => checkInvariants(side.pool.database.db, side.pool.database.dialect),
  workerErrors: (side) => side.workerErrors.map((e) => `${e.where}: ${String(e.error)}`),
};

/** The rig's tenant, warehouse and SKUs with their opening stock (also the reliability runners'). */
export async function seedCatalogue(
  pool: StockPool,
  skus: RigSetup['skus'],
  label = 'Benchmark',
): Promise<void> {
  const { tenantId } = RIG_ACTOR;
  await insertTenant(pool.database.db, { id: tenantId, name: label, nowMs: Date.now() });
  const warehouse = await pool.catalog.createWarehouse(tenantId, {
    code: RIG_WAREHOUSE,
    name: `${label} warehouse`,
    kind: 'domestic',
    country: 'CN',
  });
  if (!warehouse.ok) throw new Error(`creating the warehouse failed: ${warehouse.error.code}`);
  for (const { code } of skus) {
    const created = await pool.catalog.createSku(tenantId, { code, name: `${label} ${code}` });
    if (!created.ok) throw new Error(`creating SKU ${code} failed: ${created.error.code}`);
  }
  const received = await pool.inventory.receive(RIG_ACTOR, {
    idempotencyKey: 'opening',
    warehouse: RIG_WAREHOUSE,
    reference: 'opening stock',
    lines: skus.map(({ code, opening }) => ({ sku: code, quantity: opening })),
  });
  if (!received.ok) throw new Error(`receiving the opening stock failed: ${received.error.code}`);
}

/** Connects the shop as a seller does, then imports its catalogue; returns StockPool's shop id. */
async function connectShop(side: StockPoolSide, access: ShopAccess): Promise<string> {
  const connected = await side.pool.sync.shops.connect(side.actor, {
    platform: access.platform,
    name: access.key,
    region: access.platform === 'tiktok-shop' ? 'GB' : 'SG',
    platformShopId: access.platformShopId,
    shopCipher: access.platform === 'tiktok-shop' ? access.shopCipher : null,
    apiBaseUrl: access.apiBaseUrl,
    credentials: {
      appKey: access.appKey,
      appSecret: access.appSecret,
      accessToken: access.accessToken,
      refreshToken: access.refreshToken,
      accessTokenExpiresAt: new Date(access.accessTokenExpiresAtMs).toISOString(),
    },
    warehouses: [{ code: RIG_WAREHOUSE, platformWarehouseId: access.platformWarehouseId }],
  });
  if (!connected.ok) throw new Error(`connecting ${access.key} failed: ${connected.error.code}`);
  const imported = await side.pool.sync.listings.importCatalogue(side.actor, connected.value.id);
  if (!imported.ok) throw new Error(`importing ${access.key} failed: ${imported.error.code}`);
  return connected.value.id;
}
