/**
 * The channel benchmarks' rig. The platforms and their buyers run in the benchmark's own thread:
 * a TikTok Shop and a Shopee emulator (real HTTP servers on loopback, real rate limits) on which
 * shops are seeded. StockPool runs as the seller's server in a worker thread of its own, on a
 * fresh real database with the real clock, serving its HTTP API (the emulators deliver signed
 * webhooks there) and running the sync worker with production settings. Two event loops, as in
 * production: a busy StockPool cannot hold the buyers back, nor the buyers StockPool, and the
 * benchmark's clocks (confirmation polling) tick whatever StockPool is doing. Everything
 * StockPool-side is reached through `call`, which runs a named handler in StockPool's thread;
 * `serveStockPool` (channel-rig-thread.ts, run by each benchmark's worker entry) opens StockPool
 * and serves them.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { ChannelConnector, ListingRef, PlatformName } from '../../src/connectors/contract.ts';
import { shopee } from '../../src/connectors/shopee/index.ts';
import { tiktokShop } from '../../src/connectors/tiktok-shop/index.ts';
import type { Actor } from '../../src/inventory/command-context.ts';
import type { EmulatorOptions, PlatformEmulator } from '../../sandbox/kit/emulator.ts';
import { startShopeeEmulator } from '../../sandbox/shopee/index.ts';
import { startTikTokShopEmulator } from '../../sandbox/tiktok-shop/server.ts';

export type Engine = 'sqlite' | 'postgres';

/** The one warehouse every benchmark shop ships from, and the tenant that owns them. */
export const RIG_WAREHOUSE = 'WH';
export const RIG_ACTOR: Actor = { tenantId: 'bench', name: 'bench' };

export interface Emulators {
  tiktok: PlatformEmulator;
  shopee: PlatformEmulator;
  of(platform: PlatformName): PlatformEmulator;
  close(): Promise<void>;
}

/** What a seller types into StockPool to connect a shop (plain data: it crosses threads). */
export interface ShopAccess {
  platform: PlatformName;
  key: string;
  platformShopId: string;
  shopCipher: string;
  platformWarehouseId: string;
  apiBaseUrl: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAtMs: number;
}

/** A shop on an emulator, with its listings: one single-variant product per seller SKU. */
export interface EmulatedShop {
  access: ShopAccess;
  emulator: PlatformEmulator;
  platformShopId: string;
  ref(sellerSku: string): ListingRef;
  /** What buyers see for the SKU now (summed over the shop's warehouses). */
  shown(sellerSku: string): number;
  /** A connector acting for this shop directly, with no StockPool in between. */
  connector(): ChannelConnector;
}

export interface ShopSpec {
  platform: PlatformName;
  key: string;
  skus: string[];
  /** The figure each listing shows before anyone pushes. */
  shown?: number;
  /** Where webhooks go; null = nowhere (a shop no StockPool syncs). */
  webhookUrl: string | null;
}

/** Starts both emulators with their platforms' real rate limits; webhooks retried after 1 s. */
export async function startEmulators(options: EmulatorOptions = {}): Promise<Emulators> {
  const settings = { webhookRetryDelaysMs: [1_000, 2_000, 5_000], ...options };
  const tiktok = await startTikTokShopEmulator(settings);
  const shopee = await startShopeeEmulator(settings).catch(async (error: unknown) => {
    await tiktok.close();
    throw error;
  });
  return {
    tiktok,
    shopee,
    of: (platform) => (platform === 'tiktok-shop' ? tiktok : shopee),
    close: async () => void (await Promise.all([tiktok.close(), shopee.close()])),
  };
}

let shopCounter = 0;

/** Seeds a shop and its listings on an emulator. */
export function seedEmulatedShop(emulators: Emulators, spec: ShopSpec): EmulatedShop {
  const n = ++shopCounter;
  const emulator = emulators.of(spec.platform);
  const tiktok = spec.platform === 'tiktok-shop';
  const access: ShopAccess = {
    platform: spec.platform,
    key: spec.key,
    platformShopId: tiktok ? `7494${String(n).padStart(6, '0')}` : String(14_700_000 + n),
    shopCipher: `cipher${n}`,
    platformWarehouseId: tiktok ? `WH${n}` : `LOC${n}`,
    apiBaseUrl: emulator.baseUrl,
    appKey: tiktok ? `benchapp${n}` : String(2_000_000 + n),
    appSecret: `secret-${spec.key}-${n}`,
    accessToken: `access-${spec.key}-${n}`,
    refreshToken: `refresh-${spec.key}-${n}`,
    accessTokenExpiresAtMs: Date.now() + 4 * 3600_000,
  };
  const { platformShopId, platformWarehouseId } = access;
  emulator.seedShop({
    ...access,
    webhookUrl: spec.webhookUrl,
    warehouseIds: [platformWarehouseId],
  });
  const refs = new Map<string, ListingRef>(
    spec.skus.map((sku, i) => [
      sku,
      { itemId: String(100_000 * n + i + 1), variantId: String(500_000 * n + i + 1) },
    ]),
  );
  const stock = { [platformWarehouseId]: spec.shown ?? 0 };
  emulator.seedProducts(
    platformShopId,
    [...refs].map(([sellerSku, ref]) => ({
      itemId: ref.itemId,
      title: `Listing ${sellerSku}`,
      variants: [{ variantId: ref.variantId, sellerSku, stock }],
    })),
  );
  const ref = (sku: string): ListingRef => {
    const found = refs.get(sku);
    if (!found) throw new Error(`shop ${spec.key} does not list ${sku}`);
    return found;
  };
  return {
    access,
    emulator,
    platformShopId,
    ref,
    shown: (sku) =>
      emulator.shownStock(platformShopId, ref(sku)).reduce((sum, w) => sum + w.available, 0),
    connector: () =>
      (tiktok ? tiktokShop : shopee).createConnector({
        auth: { ...access, refreshTokenExpiresAtMs: null },
        baseUrl: emulator.baseUrl,
        authBaseUrl: emulator.authBaseUrl,
      }),
  };
}

/** What StockPool's thread is opened with. */
export interface RigSetup {
  engine: Engine;
  /** SKUs created in the catalogue, with their opening stock in the rig's warehouse. */
  skus: Array<{ code: string; opening: number }>;
  worker?: { idleMs?: number; periodic?: boolean };
}

export interface ChannelRig {
  engine: Engine;
  /** StockPool's API, where webhooks are delivered. */
  url: string;
  emulators: Emulators;
  /** Runs a handler in StockPool's thread (the common ones below, or the entry's own). */
  call<T>(method: string, ...args: unknown[]): Promise<T>;
  /** Seeds the shop on its emulator, connects it to StockPool and imports its catalogue. */
  connectShop(spec: Omit<ShopSpec, 'webhookUrl'>): Promise<EmulatedShop & { shopId: string }>;
  close(): Promise<void>;
}

/** Opens StockPool in a worker thread running `entry` (a module that calls serveStockPool). */
export async function openChannelRig(entry: URL, setup: RigSetup): Promise<ChannelRig> {
  // Node 20 does not apply `--import` hooks to workers: tsx is registered inside.
  const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry.href)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: setup });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  const ready = new Promise<string>((resolve, reject) => {
    worker.on('message', (m: { id: number; value?: unknown; error?: string; ready?: string }) => {
      if (m.ready) return resolve(m.ready);
      const waiter = pending.get(m.id);
      pending.delete(m.id);
      if (m.error === undefined) waiter?.resolve(m.value);
      else waiter?.reject(new Error(`StockPool side: ${m.error}`));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      for (const w of pending.values()) w.reject(new Error(`StockPool thread exited (${code})`));
      reject(new Error(`StockPool thread exited (${code}) before it was ready`));
    });
  });
  const call = <T>(method: string, ...args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, method, args });
    });
  const url = await ready.catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  const emulators = await startEmulators();
  return {
    engine: setup.engine,
    url,
    emulators,
    call,
    connectShop: async (spec) => {
      const webhookUrl = `${url}/webhooks/${spec.platform}`;
      const shop = seedEmulatedShop(emulators, { ...spec, webhookUrl });
      return { ...shop, shopId: await call<string>('connectShop', shop.access) };
    },
    close: async () => {
      await call('close').catch(() => undefined);
      await emulators.close();
      await worker.terminate();
    },
  };
}

/** How late a thread's event loop ran, in ms: a busy or starved thread delays everything on it. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/** Starts measuring this thread's event-loop delay; `read` returns it since the last read. */
export function watchEventLoop(): { read(): LoopDelay } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    read: () => {
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      const delay = {
        p50: ms(histogram.percentile(50)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
      };
      histogram.reset();
      return delay;
    },
  };
}

/** Webhook deliveries by the attempts they took ("undelivered": still failing or given up). */
export function webhookAttempts(emulators: Emulators): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const emulator of [emulators.tiktok, emulators.shopee])
    for (const d of emulator.webhookDeliveries()) {
      const key = d.delivered ? String(d.attempts) : 'undelivered';
      counts[key] = (counts[key] ?? 0) + 1;
    }
  return counts;
}
