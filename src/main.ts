/**
 * The composition root: the one place that picks concrete adapters (database engine, clock, ids)
 * and wires the services. HTTP, CLI, tests and benchmarks all start from here.
 */
import { systemClock } from './adapters/clock.ts';
import { randomIds } from './adapters/ids.ts';
import { CatalogService } from './catalog/catalog-service.ts';
import { InventoryService } from './inventory/inventory-service.ts';
import type { Clock } from './ports/clock.ts';
import type { Ids } from './ports/ids.ts';
import { openDatabase, type Database } from './store/database.ts';
import { migrateToLatest } from './store/migrate.ts';
import { generateSecretKeyText, parseSecretKey, SecretBox } from './access/secret-box.ts';
import type { PlatformModule, PlatformName } from './connectors/contract.ts';
import { amazon } from './connectors/amazon/index.ts';
import { lazada } from './connectors/lazada/index.ts';
import { shopee } from './connectors/shopee/index.ts';
import { shopify } from './connectors/shopify/index.ts';
import { tiktokShop } from './connectors/tiktok-shop/index.ts';
import { woocommerce } from './connectors/woocommerce/index.ts';
import { createSync, type Sync, type SyncOptions } from './sync/create-sync.ts';

/**
 * The platforms' real API hosts where one host serves every shop. Lazada and Amazon pick theirs by
 * the shop's region, Shopify by the shop's domain and WooCommerce is the seller's own store, so
 * their connectors choose (connectors/…/options.ts hold each platform's facts).
 */
export const PLATFORM_HOSTS: Partial<
  Record<PlatformName, { baseUrl: string; authBaseUrl?: string }>
> = {
  'tiktok-shop': {
    baseUrl: 'https://open-api.tiktokglobalshop.com',
    authBaseUrl: 'https://auth.tiktok-shops.com',
  },
  shopee: { baseUrl: 'https://partner.shopeemobile.com' },
};

/** The connectors StockPool is built with, one per platform. */
export const PLATFORM_MODULES: readonly PlatformModule[] = [
  tiktokShop,
  shopee,
  lazada,
  amazon,
  shopify,
  woocommerce,
];

export interface StockPool {
  database: Database;
  inventory: InventoryService;
  catalog: CatalogService;
  sync: Sync;
  clock: Clock;
  ids: Ids;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl: string;
  poolSize?: number;
  clock?: Clock;
  ids?: Ids;
  /** Apply pending migrations first (the default; `stockpool migrate` does it explicitly). */
  migrate?: boolean;
  /** Seals platform credentials at rest; tests and one-off tools may omit it (a random key). */
  secretBox?: SecretBox;
  /** Worker tuning (idle wait, periodic jobs) and error reporting. */
  worker?: SyncOptions['worker'];
  observeLatency?: (ms: number) => void;
}

export async function openStockPool(options: OpenOptions): Promise<StockPool> {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const database = openDatabase(options.databaseUrl, { poolSize: options.poolSize });
  try {
    if (options.migrate !== false) await migrateToLatest(database.db, database.dialect);
  } catch (error) {
    await database.close();
    throw error;
  }
  const inventory = new InventoryService({ database, clock, ids });
  const sync = createSync({
    db: database.db,
    dialect: database.dialect,
    inventory,
    clock,
    ids,
    box: options.secretBox ?? new SecretBox(parseSecretKey(generateSecretKeyText())),
    platforms: [...PLATFORM_MODULES],
    defaultBaseUrls: PLATFORM_HOSTS,
    worker: options.worker,
    observeLatency: options.observeLatency,
  });
  return {
    database,
    clock,
    ids,
    inventory,
    catalog: new CatalogService({ db: database.db, clock }),
    sync,
    close: async () => {
      await sync.worker.stop();
      await database.close();
    },
  };
}
