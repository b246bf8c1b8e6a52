/**
 * End-to-end rig for channel sync: a StockPool on a fresh real database with the real clock (the
 * emulators check signature timestamps against real time), its HTTP server on a free port (so
 * emulators can deliver webhooks), TikTok Shop and Shopee emulators, and the other platforms'
 * emulators once a test connects a shop there. Helpers connect emulated shops (set up as
 * sandbox/platform-profiles.ts sets them up) whose listings carry the seed catalogue's SKU codes.
 */
import type { SecretBox } from '../../src/access/secret-box.ts';
import { systemClock } from '../../src/adapters/clock.ts';
import type { Clock } from '../../src/ports/clock.ts';
import { sequentialIds } from '../../src/adapters/ids.ts';
import { buildApp } from '../../src/http/app.ts';
import { openStockPool, type StockPool } from '../../src/main.ts';
import type { DialectName } from '../../src/store/dialect-name.ts';
import { checkInvariants } from '../../src/store/invariant-check.ts';
import { insertTenant } from '../../src/store/tenants-repo.ts';
import type { ShopView } from '../../src/sync/shop-view.ts';
import type { SyncOptions } from '../../src/sync/create-sync.ts';
import { reconcileShop, type ReconcileSummary } from '../../src/sync/reconciler.ts';
import { findShop, listShops } from '../../src/store/shops-repo.ts';
import type { PlatformEmulator, EmulatedProductSeed } from '../../sandbox/kit/emulator.ts';
import { PLATFORM_PROFILES, type SandboxPlatform } from '../../sandbox/platform-profiles.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

export interface SyncRig {
  pool: StockPool;
  /** The database's URL (worker processes connect to it). */
  databaseUrl: string;
  url: string;
  tiktok: PlatformEmulator;
  shopee: PlatformEmulator;
  /** The emulator of any platform, started on first use. */
  emulatorOf(platform: SandboxPlatform): Promise<PlatformEmulator>;
  actor: { tenantId: string; name: string };
  connectShop(o: ShopSpec): Promise<ConnectedShop>;
  /** One reconciliation of the shop now (sync/reconciler.ts), as the worker's periodic job runs. */
  reconcile(shop: ConnectedShop): Promise<ReconcileSummary>;
  invariants(): ReturnType<typeof checkInvariants>;
  close(): Promise<void>;
}

export interface ShopSpec {
  platform: SandboxPlatform;
  key: string;
  /** When the shop's access token expires on the platform (4 hours from now by default). */
  accessTokenExpiresAtMs?: number;
  /** Platform listings: one variant per seller SKU code, all in the shop's one warehouse. */
  /**
   * `platformStock` seeds the listing's stock per platform warehouse id instead (e.g. Amazon's
   * AMAZON_NA for stock Amazon fulfils).
   */
  listings: Array<{ sellerSku: string; shown?: number; platformStock?: Record<string, number> }>;
  /** StockPool warehouse codes; each names the shop's one platform warehouse unless told. */
  warehouses?: Array<string | { code: string; platformWarehouseId: string }>;
  settings?: Record<string, unknown>;
  /** Where the emulator delivers this shop's webhooks instead of StockPool (e.g. a relay). */
  webhookUrl?: string | null;
}

export interface ConnectedShop {
  view: ShopView;
  platformShopId: string;
  emulator: PlatformEmulator;
  /** The listing ref for a seller SKU code. */
  ref(sellerSku: string): { itemId: string; variantId: string };
  /** What buyers see for a seller SKU code, summed over warehouses. */
  shown(sellerSku: string): number;
  /** A buyer orders `quantity` (1) of one seller SKU code; throws if the platform refuses. */
  order(sellerSku: string, options?: { quantity?: number; paid?: boolean }): string;
  /** Moves one of its orders on, step by step, as buyer and seller would (pay, ship, return). */
  advance(orderId: string, ...steps: Array<'pay' | 'ship' | 'return'>): void;
}

export interface RigOptions {
  /** Seals credentials; give one when worker processes must open them with the same key. */
  secretBox?: SecretBox;
  rateLimitPerSecond?: number;
  webhookRetryDelaysMs?: number[];
  worker?: Omit<NonNullable<SyncOptions['worker']>, 'onError'>;
  /** StockPool's clock (the emulators keep real time); the system clock by default. */
  clock?: Clock;
}

let shopCounter = 0;

export async function openSyncRig(
  dialect: DialectName,
  options: RigOptions = {},
): Promise<SyncRig> {
  const testDb: TestDatabase = await createTestDatabase(dialect);
  const errors: unknown[] = [];
  const pool = await openStockPool({
    databaseUrl: testDb.url,
    clock: options.clock ?? systemClock,
    ids: sequentialIds(),
    secretBox: options.secretBox,
    worker: { idleMs: 20, periodic: false, ...options.worker, onError: (_w, e) => errors.push(e) },
  });
  const actor = { tenantId: 'acme', name: 'tester' };
  await insertTenant(pool.database.db, { id: actor.tenantId, name: 'Acme', nowMs: Date.now() });
  await pool.catalog.createWarehouse(actor.tenantId, {
    code: 'GZ',
    name: 'Guangzhou',
    kind: 'domestic',
    country: 'CN',
  });
  await pool.catalog.createWarehouse(actor.tenantId, {
    code: 'US',
    name: 'Los Angeles',
    kind: 'overseas',
    country: 'US',
  });
  for (const code of ['A', 'B'])
    await pool.catalog.createSku(actor.tenantId, { code, name: `Item ${code}` });
  const app = await buildApp(pool, { bodyLimitBytes: 1024 * 1024 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not bind');
  const url = `http://127.0.0.1:${address.port}`;
  const emulatorOptions = {
    rateLimitPerSecond: options.rateLimitPerSecond,
    webhookRetryDelaysMs: options.webhookRetryDelaysMs ?? [200, 500, 1_000],
  };
  const tiktok = await PLATFORM_PROFILES['tiktok-shop'].start(emulatorOptions);
  const shopee = await PLATFORM_PROFILES.shopee.start(emulatorOptions);
  // The other platforms' emulators start when a test first connects a shop there.
  const started = new Map<SandboxPlatform, Promise<PlatformEmulator>>([
    ['tiktok-shop', Promise.resolve(tiktok)],
    ['shopee', Promise.resolve(shopee)],
  ]);
  const emulatorOf = (platform: SandboxPlatform): Promise<PlatformEmulator> => {
    let emulator = started.get(platform);
    if (!emulator) {
      emulator = PLATFORM_PROFILES[platform].start(emulatorOptions);
      started.set(platform, emulator);
    }
    return emulator;
  };

  const connectShop = async (spec: ShopSpec): Promise<ConnectedShop> => {
    const n = ++shopCounter;
    const emulator = await emulatorOf(spec.platform);
    const seeded = PLATFORM_PROFILES[spec.platform].seedShop(emulator, {
      n,
      webhookUrl:
        spec.webhookUrl === undefined ? `${url}/webhooks/${spec.platform}` : spec.webhookUrl,
      accessTokenExpiresAtMs: spec.accessTokenExpiresAtMs ?? Date.now() + 4 * 3600_000,
    });
    const { platformShopId, warehouseId: platformWarehouse } = seeded;
    const refs = new Map<string, { itemId: string; variantId: string }>();
    const products: EmulatedProductSeed[] = spec.listings.map((l, i) => {
      const ref = seeded.listingRef(i, l.sellerSku);
      refs.set(l.sellerSku, ref);
      return {
        itemId: ref.itemId,
        title: `Listing ${l.sellerSku}`,
        variants: [
          {
            variantId: ref.variantId,
            sellerSku: l.sellerSku,
            stock: l.platformStock ?? { [platformWarehouse]: l.shown ?? 0 },
          },
        ],
      };
    });
    emulator.seedProducts(platformShopId, products);
    const connected = await pool.sync.shops.connect(actor, {
      platform: spec.platform,
      name: spec.key,
      region: seeded.region,
      platformShopId,
      shopCipher: seeded.shopCipher,
      apiBaseUrl: emulator.baseUrl,
      credentials: seeded.credentials,
      warehouses: (spec.warehouses ?? ['GZ']).map((w) =>
        typeof w === 'string' ? { code: w, platformWarehouseId: platformWarehouse } : w,
      ),
      settings: spec.settings,
    });
    if (!connected.ok) throw new Error(`connect failed: ${connected.error.code}`);
    const imported = await pool.sync.listings.importCatalogue(actor, connected.value.id);
    if (!imported.ok) throw new Error(`import failed: ${JSON.stringify(imported.error)}`);
    const ref = (sku: string) => {
      const r = refs.get(sku);
      if (!r) throw new Error(`no listing for ${sku}`);
      return r;
    };
    return {
      view: connected.value,
      platformShopId,
      emulator,
      ref,
      shown: (sku) =>
        emulator.shownStock(platformShopId, ref(sku)).reduce((s, w) => s + w.available, 0),
      order: (sku, options = {}) => {
        const placed = emulator.placeOrder({
          platformShopId,
          lines: [{ ...ref(sku), quantity: options.quantity ?? 1 }],
          paid: options.paid,
        });
        if (!placed.ok) throw new Error(`${spec.key}: the platform refused an order of ${sku}`);
        return placed.orderId;
      },
      advance: (orderId, ...steps) => {
        const act = {
          pay: () => emulator.payOrder(platformShopId, orderId),
          ship: () => emulator.shipOrder(platformShopId, orderId),
          return: () => emulator.returnOrder(platformShopId, orderId),
        };
        for (const step of steps) act[step]();
      },
    };
  };

  return {
    pool,
    databaseUrl: testDb.url,
    url,
    tiktok,
    shopee,
    emulatorOf,
    actor,
    connectShop,
    reconcile: async (shop) => {
      const db = pool.database.db;
      const record = await findShop(db, actor.tenantId, shop.view.id);
      if (!record) throw new Error(`shop ${shop.view.name} is missing`);
      const tenantShops = async (tenantId: string) =>
        new Map((await listShops(db, tenantId)).map((s) => [s.id, s]));
      return reconcileShop({ ...pool, db, connectors: pool.sync.connectors, tenantShops }, record);
    },
    invariants: () => checkInvariants(pool.database.db, pool.database.dialect),
    close: async () => {
      await pool.sync.worker.stop();
      await Promise.all([...started.values()].map(async (e) => (await e).close()));
      await app.close();
      await pool.close();
      await testDb.drop();
      if (errors.length > 0) console.error('worker errors during the test:', errors.slice(0, 5));
    },
  };
}

/** Polls until `check` is true (or throws after `timeoutMs`, naming what was awaited). */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
