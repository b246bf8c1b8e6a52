/**
 * Processes stored webhook events: per shop, reads the full detail of the orders the events name
 * (webhooks carry only the order id and status), applies each order, marks the listings of the
 * SKUs it touched for a push with the event's arrival as the origin, and marks the events done.
 * A platform read that fails is retried on the schedule; the events stay pending meanwhile, and
 * pushes to that shop hold one listing back per unread order (see pusher.ts) until they are read.
 */
import type { PlatformOrder } from '../connectors/contract.ts';
import { isConnectorError } from '../connectors/errors.ts';
import { READ_RETRY, withRetries } from '../connectors/http/retry.ts';
import { nextRetryAtMs } from '../domain/sync/retry-schedule.ts';
import {
  leaseInboxEvents,
  markInboxDone,
  markInboxFailed,
  type InboxEvent,
} from '../store/inbox-repo.ts';
import { listingsHeldBack } from '../store/listings-repo.ts';
import { recordLastEvent, type ShopRecord } from '../store/shops-repo.ts';
import { applyPlatformOrder, type OrderApplierDeps } from './order-applier.ts';
import { lookUpOrderBatch } from './order-batch-lookup.ts';
import { BUSY_ORDER_RETRY_MS, isOrderBusy } from './order-claim.ts';
import { forgetShownFigures, markShopListingsForPush, markSkusForPush } from './push-marks.ts';
import type { ShopConnectors } from './shop-connectors.ts';

export interface InboxProcessorDeps extends OrderApplierDeps {
  connectors: ShopConnectors;
  skipLocked: boolean;
  loadShopById: (shopId: string) => Promise<ShopRecord | null>;
}

const LEASE_MS = 60_000;
/** Orders of one batch applied at once. */
const ORDER_CONCURRENCY = 8;
const BATCH = 200;

/**
 * Processes one batch of due events, of one shop (null: of no known shop) or of all; returns how
 * many were taken. The worker runs one shop's batches apart from the others', so one shop's
 * platform read never holds back the orders of another.
 */
export async function processInbox(
  deps: InboxProcessorDeps,
  shopId?: string | null,
): Promise<number> {
  const events = await leaseInboxEvents(deps.db, {
    nowMs: deps.clock.nowMs(),
    leaseMs: LEASE_MS,
    limit: BATCH,
    skipLocked: deps.skipLocked,
    shopId,
  });
  const byShop = new Map<string, InboxEvent[]>();
  for (const e of events) byShop.set(e.shopId ?? '', [...(byShop.get(e.shopId ?? '') ?? []), e]);
  await Promise.all(
    [...byShop].map(([shopId, shopEvents]) => processShopEvents(deps, shopId, shopEvents)),
  );
  return events.length;
}

/**
 * Applies orders read from the platform (events or a poll) and marks what they touched for a push.
 * Returns the platform ids of orders another applier held at the time (order-claim.ts): not
 * applied now.
 */
export async function applyOrders(
  deps: InboxProcessorDeps,
  shop: ShopRecord,
  orders: PlatformOrder[],
  originAtMs: number,
): Promise<Set<string>> {
  const touched = new Set<number>();
  const moved = new Set<string>();
  const busy = new Set<string>();
  const batch = await lookUpOrderBatch(deps.db, shop.id, orders);
  const applyOne = async (order: PlatformOrder) => {
    const applied = await applyPlatformOrder(deps, shop, order, batch).catch((error: unknown) => {
      if (!isOrderBusy(error)) throw error;
      busy.add(order.orderId);
      return null;
    });
    if (!applied) return;
    for (const skuId of applied.skuIds) touched.add(skuId);
    // The platform took the order's units off sale, or put them back, by itself: the last push is
    // no longer what it shows, so the next one must not be skipped (push-marks.ts).
    if (applied.platformMovedStock) for (const id of applied.listingIds) moved.add(id);
  };
  // Distinct orders are independent (each step is its own conditional write), so a batch is
  // applied a few at a time: on PostgreSQL one order costs several ms of round trips, one by one.
  for (let i = 0; i < orders.length; i += ORDER_CONCURRENCY) {
    await Promise.all(orders.slice(i, i + ORDER_CONCURRENCY).map(applyOne));
    // SQLite answers synchronously, so a batch would otherwise run as one unbroken chain of
    // promise callbacks; letting the event loop turn between chunks keeps webhooks acknowledged
    // (and the HTTP API answering) while a large batch is applied.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const nowMs = deps.clock.nowMs();
  await forgetShownFigures(deps.db, {
    tenantId: shop.tenantId,
    shopId: shop.id,
    listingIds: [...moved],
    nowMs,
  });
  await markSkusForPush(deps.db, {
    tenantId: shop.tenantId,
    skuIds: [...touched],
    originAtMs,
    nowMs,
  });
  return busy;
}

async function processShopEvents(
  deps: InboxProcessorDeps,
  shopId: string,
  events: InboxEvent[],
): Promise<void> {
  const shop = shopId ? await deps.loadShopById(shopId) : null;
  if (!shop) {
    await markInboxDone(
      deps.db,
      events.map((e) => e.id),
      deps.clock.nowMs(),
    );
    return;
  }
  try {
    const orderIds = [
      ...new Set(events.map((e) => e.orderId).filter((id): id is string => id !== null)),
    ];
    // A read failing at random (a 500, a throttle) is tried again within a second or so
    // (http/retry.ts): failing the batch put its events on the retry schedule (5, 15, 30 s),
    // and the shop's listings stayed held back for their orders meanwhile (R5).
    const connector = deps.connectors.connectorFor(shop);
    const orders =
      orderIds.length > 0 ? await withRetries(() => connector.getOrders(orderIds), READ_RETRY) : [];
    const busy = await applyOrders(
      deps,
      shop,
      orders,
      Math.min(...events.map((e) => e.receivedAtMs)),
    );
    const later = events.filter((e) => e.orderId !== null && busy.has(e.orderId));
    for (const e of later)
      await markInboxFailed(deps.db, e.id, {
        error: 'order being applied by another worker',
        retryAtMs: deps.clock.nowMs() + BUSY_ORDER_RETRY_MS,
      });
    await markInboxDone(
      deps.db,
      events.filter((e) => !later.includes(e)).map((e) => e.id),
      deps.clock.nowMs(),
    );
    // Once per batch, not per webhook: the seller sees when the shop was last heard from.
    await recordLastEvent(deps.db, shop.id, Math.max(...events.map((e) => e.receivedAtMs)));
    await repushHeldBack(deps, shop);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const retryable = isConnectorError(error) ? error.retryable : true;
    for (const e of events) {
      const retryAtMs = retryable
        ? nextRetryAtMs({
            attempts: e.attempts,
            nowMs: deps.clock.nowMs(),
            retryAfterMs: isConnectorError(error) ? error.retryAfterMs : null,
            random: Math.random(),
          })
        : null;
      await markInboxFailed(deps.db, e.id, { error: message, retryAtMs });
    }
  }
}

/**
 * Listings a push held back for orders that were unread then: pushed again now that these are
 * applied, with whatever is still unread held back (usually nothing; an unchanged figure is not sent).
 */
async function repushHeldBack(deps: InboxProcessorDeps, shop: ShopRecord): Promise<void> {
  await markShopListingsForPush(
    deps.db,
    { tenantId: shop.tenantId, shopId: shop.id },
    await listingsHeldBack(deps.db, shop.id),
    { nowMs: deps.clock.nowMs() },
  );
}
