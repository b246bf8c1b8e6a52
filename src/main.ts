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

export interface StockPool {
  database: Database;
  inventory: InventoryService;
  catalog: CatalogService;
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
  return {
    database,
    clock,
    ids,
    inventory: new InventoryService({ database, clock, ids }),
    catalog: new CatalogService({ db: database.db, clock }),
    close: () => database.close(),
  };
}
