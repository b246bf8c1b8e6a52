/**
 * Cancels unfillable orders through the platform, as the seller, with the platform's
 * out-of-stock reason. A retryable failure is tried again in a later round; a refusal parks the
 * order for the seller (the oversell alert is already open).
 */
import type { Kysely } from 'kysely';
import { isConnectorError } from '../connectors/errors.ts';
import { isOrderState } from '../domain/sync/order-state.ts';
import type { Clock } from '../ports/clock.ts';
import { setOrderOutcome } from '../store/channel-orders-repo.ts';
import type { DB } from '../store/schema.ts';
import type { ShopRecord } from '../store/shops-repo.ts';
import { appendSyncLog } from '../store/sync-log-repo.ts';
import { forgetShownFiguresOfOrder } from './push-marks.ts';
import type { ShopConnectors } from './shop-connectors.ts';

export interface CancellationDeps {
  db: Kysely<DB>;
  connectors: ShopConnectors;
  clock: Clock;
  loadShopById: (shopId: string) => Promise<ShopRecord | null>;
}

/** A failed attempt is not repeated sooner than this. */
const RETRY_GAP_MS = 10_000;

export async function cancelUnfillableOrders(deps: CancellationDeps): Promise<number> {
  const nowMs = deps.clock.nowMs();
  const due = await deps.db
    .selectFrom('channel_orders')
    .select(['id', 'shop_id', 'platform_order_id', 'state', 'updated_at'])
    .where('outcome', '=', 'unfillable')
    .where('updated_at', '<=', nowMs)
    .orderBy('updated_at')
    .limit(50)
    .execute();
  for (const order of due) {
    const shop = await deps.loadShopById(order.shop_id);
    if (!shop) continue;
    await cancelOne(deps, shop, {
      id: order.id,
      platformOrderId: order.platform_order_id,
      state: order.state ?? 'placed',
    });
  }
  return due.length;
}

async function cancelOne(
  deps: CancellationDeps,
  shop: ShopRecord,
  order: {
    id: string;
    platformOrderId: string;
    state: string;
  },
): Promise<void> {
  const log = { tenantId: shop.tenantId, shopId: shop.id, orderId: order.id };
  try {
    const result = await deps.connectors.connectorFor(shop).cancelOrder({
      orderId: order.platformOrderId,
      state: isOrderState(order.state) ? order.state : 'placed',
    });
    const nowMs = deps.clock.nowMs();
    await setOrderOutcome(deps.db, order.id, {
      outcome: 'cancelled_oos',
      cancelReference: result.reference,
      nowMs,
    });
    // The platform puts the units back on sale: they must come down again (see push-marks.ts).
    await forgetShownFiguresOfOrder(deps.db, { ...log, nowMs });
    await appendSyncLog(deps.db, [
      {
        ...log,
        kind: 'cancel',
        detail: `cancelled: out of stock (${result.reference})`,
        atMs: nowMs,
      },
    ]);
  } catch (error) {
    const nowMs = deps.clock.nowMs();
    const message = error instanceof Error ? error.message : String(error);
    const retryable = isConnectorError(error) ? error.retryable : true;
    // Retry later: the order keeps its outcome; updated_at moves so it waits its turn.
    await setOrderOutcome(deps.db, order.id, {
      outcome: retryable ? 'unfillable' : 'parked',
      nowMs: retryable ? nowMs + RETRY_GAP_MS : nowMs,
    });
    await appendSyncLog(deps.db, [{ ...log, kind: 'cancel_failed', detail: message, atMs: nowMs }]);
  }
}
