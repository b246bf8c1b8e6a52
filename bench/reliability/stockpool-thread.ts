/**
 * StockPool's side of the reliability runs (R1, R5), run in a worker thread by openChannelRig
 * (bench/support/channel-rig.ts) and speaking its protocol: opens StockPool on a fresh real
 * database with the real clock and a given credentials key (so a `stockpool worker` child process
 * can open the shops' credentials too), serves the HTTP API (the webhook intake), and answers the
 * runner's calls: connect shops, apply stock changes, read what the checks need. The sync worker
 * runs here only when the runner asks (R5); in R1 it runs as separate processes.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parseSecretKey, SecretBox } from '../../src/access/secret-box.ts';
import { systemClock } from '../../src/adapters/clock.ts';
import { buildApp } from '../../src/http/app.ts';
import { openStockPool, type StockPool } from '../../src/main.ts';
import { checkInvariants } from '../../src/store/invariant-check.ts';
import {
  RIG_ACTOR,
  RIG_WAREHOUSE,
  type RigSetup,
  type ShopAccess,
} from '../support/channel-rig.ts';
import { createPostgresDatabase, createSqliteFile } from '../support/databases.ts';
import { seedCatalogue } from '../support/channel-rig-thread.ts';
import { readLedger, readSample, type StockChange } from './side-queries.ts';

/** What the runner opens the thread with. */
export interface ReliabilitySetup extends RigSetup {
  secretKey: string;
  /** Start the in-thread sync worker at once (R5); R1 runs `stockpool worker` processes. */
  inThreadWorker: boolean;
}

type Handler = (...args: never[]) => unknown;

async function serve(): Promise<void> {
  if (isMainThread || !parentPort) throw new Error('runs in a worker thread');
  const port = parentPort;
  const setup = workerData as ReliabilitySetup;
  const database =
    setup.engine === 'sqlite'
      ? createSqliteFile('reliability')
      : await createPostgresDatabase('reliability');
  const workerErrors: string[] = [];
  const pool = await openStockPool({
    databaseUrl: database.url,
    clock: systemClock,
    secretBox: new SecretBox(parseSecretKey(setup.secretKey)),
    worker: {
      ...setup.worker,
      onError: (where, error) => {
        if (workerErrors.length < 1_000) workerErrors.push(`${where}: ${String(error)}`);
      },
    },
  });
  await seedCatalogue(pool, setup.skus, 'Reliability');
  const app = await buildApp(pool, { bodyLimitBytes: 1024 * 1024 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const handlers: Record<string, Handler> = {
    databaseUrl: () => database.url,
    connectShop: (access: ShopAccess) => connectShop(pool, access),
    startWorker: () => pool.sync.worker.start(),
    applyChanges: (changes: StockChange[]) => applyChanges(pool, changes),
    sample: (peakWindowMs: number) => readSample(pool.database.db, peakWindowMs),
    ledger: () => readLedger(pool.database.db),
    invariants: () => checkInvariants(pool.database.db, pool.database.dialect),
    workerErrors: () => workerErrors.slice(0, 20),
    close: async () => {
      await pool.sync.worker.stop();
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
        return handler(...m.args);
      })
      .then(
        (value) => port.postMessage({ id: m.id, value }),
        (error: unknown) => port.postMessage({ id: m.id, error: String(error) }),
      );
  });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the API did not bind');
  if (setup.inThreadWorker) pool.sync.worker.start();
  port.postMessage({ ready: `http://127.0.0.1:${address.port}` });
}

/** Receipts and stock-takes through the inventory service; returns how many were applied. */
async function applyChanges(pool: StockPool, changes: StockChange[]): Promise<number> {
  let applied = 0;
  for (const c of changes) {
    const result =
      c.kind === 'receipt'
        ? await pool.inventory.receive(RIG_ACTOR, {
            idempotencyKey: c.key,
            warehouse: RIG_WAREHOUSE,
            lines: [{ sku: c.sku, quantity: c.quantity }],
          })
        : await pool.inventory.stocktake(RIG_ACTOR, {
            idempotencyKey: c.key,
            warehouse: RIG_WAREHOUSE,
            lines: [{ sku: c.sku, counted: await countedAfter(pool, c) }],
          });
    if (result.ok) applied += 1;
  }
  return applied;
}

/** A stock-take that finds `quantity` fewer units (never below what is reserved). */
async function countedAfter(pool: StockPool, c: StockChange): Promise<number> {
  const row = await pool.database.db
    .selectFrom('stock_levels as l')
    .innerJoin('skus as s', 's.id', 'l.sku_id')
    .select(['l.on_hand', 'l.reserved'])
    .where('s.code', '=', c.sku)
    .executeTakeFirst();
  const onHand = Number(row?.on_hand ?? 0);
  return Math.max(Number(row?.reserved ?? 0), onHand - c.quantity);
}

async function connectShop(pool: StockPool, access: ShopAccess): Promise<string> {
  const connected = await pool.sync.shops.connect(RIG_ACTOR, {
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
  const imported = await pool.sync.listings.importCatalogue(RIG_ACTOR, connected.value.id);
  if (!imported.ok) throw new Error(`importing ${access.key} failed: ${imported.error.code}`);
  return connected.value.id;
}

await serve();
