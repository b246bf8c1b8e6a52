/**
 * Assembles the channel sync: connectors per shop, webhook intake, the worker and the services
 * the API uses. The platform modules and their base URLs are given by the composition root.
 */
import type { Kysely } from 'kysely';
import type { SecretBox } from '../access/secret-box.ts';
import type { PlatformModule, PlatformName, WebhookRequest } from '../connectors/contract.ts';
import type { InventoryService } from '../inventory/inventory-service.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import { findChannelOrderById, unmatchedOrderIds } from '../store/channel-orders-repo.ts';
import type { DialectName } from '../store/dialect-name.ts';
import type { DB } from '../store/schema.ts';
import { findShop, listShops, listShopsByIds, type ShopRecord } from '../store/shops-repo.ts';
import { ChannelOrderService } from './channel-order-service.ts';
import { ListingService } from './listing-service.ts';
import { applyStoredOrderClaimed, type OrderApplierDeps } from './order-applier.ts';
import { isOrderBusy } from './order-claim.ts';
import { PolicyService } from './policy-service.ts';
import type { PusherDeps } from './pusher.ts';
import { ShopConnectors } from './shop-connectors.ts';
import { ShopService } from './shop-service.ts';
import { syncStatus, type SyncStatus } from './sync-status.ts';
import { SyncWorker } from './sync-worker.ts';
import { receiveWebhook, type IntakeResult } from './webhook-intake.ts';

export interface SyncOptions {
  db: Kysely<DB>;
  dialect: DialectName;
  inventory: InventoryService;
  clock: Clock;
  ids: Ids;
  box: SecretBox;
  platforms: PlatformModule[];
  defaultBaseUrls?: Partial<Record<PlatformName, { baseUrl: string; authBaseUrl?: string }>>;
  worker?: {
    idleMs?: number;
    periodic?: boolean;
    /** Least time between push rounds to one shop (see SyncWorkerDeps). */
    pushIntervalMs?: number;
    onError?: (where: string, error: unknown) => void;
    /** Retry schedule of failed pushes (tests scale it; see PusherDeps). */
    retrySchedule?: PusherDeps['retrySchedule'];
    /** How often shops whose pushes all wait out a backoff are probed (push-recovery.ts). */
    probeIntervalMs?: number;
  };
  observeLatency?: (ms: number) => void;
}

export interface Sync {
  connectors: ShopConnectors;
  shops: ShopService;
  listings: ListingService;
  orders: ChannelOrderService;
  policies: PolicyService;
  worker: SyncWorker;
  receiveWebhook(platform: string, request: WebhookRequest): Promise<IntakeResult>;
  status(tenantId: string): Promise<SyncStatus>;
}

export function createSync(o: SyncOptions): Sync {
  const connectors = new ShopConnectors({
    db: o.db,
    box: o.box,
    clock: o.clock,
    platforms: new Map(o.platforms.map((p) => [p.platform, p])),
    defaultBaseUrls: o.defaultBaseUrls ?? {},
  });
  const loadShop = (tenantId: string, shopId: string) => findShop(o.db, tenantId, shopId);
  const loadShopById = async (shopId: string) => (await listShopsByIds(o.db, [shopId]))[0] ?? null;
  const tenantShops = async (tenantId: string) =>
    new Map((await listShops(o.db, tenantId)).map((s): [string, ShopRecord] => [s.id, s]));
  const applierDeps: OrderApplierDeps = {
    db: o.db,
    inventory: o.inventory,
    ids: o.ids,
    clock: o.clock,
    loadShop,
  };
  const reapplyUnmatched = async (tenantId: string) => {
    for (const orderId of await unmatchedOrderIds(o.db, tenantId, 500)) {
      const order = await findChannelOrderById(o.db, tenantId, orderId);
      const shop = order ? await loadShop(tenantId, order.shopId) : null;
      // An order a worker is applying right now is that worker's: it applies the new mapping too.
      if (order && shop)
        await applyStoredOrderClaimed(applierDeps, shop, order).catch((error: unknown) => {
          if (!isOrderBusy(error)) throw error;
        });
    }
  };
  const worker = new SyncWorker({
    ...applierDeps,
    dialect: o.dialect,
    connectors,
    skipLocked: o.dialect === 'postgres',
    loadShopById,
    tenantShops,
    observeLatency: o.observeLatency,
    ...o.worker,
  });
  return {
    connectors,
    worker,
    shops: new ShopService({ db: o.db, box: o.box, clock: o.clock, ids: o.ids, connectors }),
    listings: new ListingService({
      db: o.db,
      clock: o.clock,
      ids: o.ids,
      connectors,
      reapplyUnmatched,
    }),
    orders: new ChannelOrderService({
      db: o.db,
      clock: o.clock,
      loadShop,
      applyStored: (shop, order, first) => applyStoredOrderClaimed(applierDeps, shop, order, first),
    }),
    policies: new PolicyService({ db: o.db, clock: o.clock, tenantShops }),
    receiveWebhook: (platform, request) =>
      receiveWebhook(
        { db: o.db, connectors, clock: o.clock, onStored: () => worker.wake() },
        platform,
        request,
      ),
    status: (tenantId) => syncStatus(o.db, tenantId, o.clock.nowMs()),
  };
}
