/**
 * Cancels unfillable orders through the platform, as the seller, with the platform's
 * out-of-stock reason. A retryable failure is tried again in a later round; a refusal parks the
 * order for the seller (the oversell alert is already open).
 *
 * The platform puts a cancelled order's units back on sale until StockPool's next push takes
 * them down. While the SKU is still selling (a burst, see demand.ts) another buyer takes that
 * unit within milliseconds, is oversold in turn, and the cancellations feed themselves. So an
 * unfillable order is cancelled once its SKUs have been quiet for BURST_QUIET_MS, and at the
 * latest CANCEL_DEFERRAL_MAX_MS after it was recorded.
 */
import type { Kysely } from 'kysely';
import { BURST_QUIET_MS } from './demand.ts';
import { isConnectorError } from '../connectors/errors.ts';
import type { CancelOrderResult, ChannelConnector } from '../connectors/contract.ts';
import { isOrderState, type OrderState } from '../domain/sync/order-state.ts';
import type { Clock } from '../ports/clock.ts';
import { setOrderOutcome } from '../store/channel-orders-repo.ts';
import { recentSalesBySku } from '../store/recent-sales-repo.ts';
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
/** An oversold order waits for its SKUs' burst to end at most this long after it was recorded. */
export const CANCEL_DEFERRAL_MAX_MS = 60_000;

export async function cancelUnfillableOrders(deps: CancellationDeps): Promise<number> {
  const nowMs = deps.clock.nowMs();
  const due = await deps.db
    .selectFrom('channel_orders')
    .select([
      'id',
      'tenant_id',
      'shop_id',
      'platform_order_id',
      'state',
      'updated_at',
      'created_at',
    ])
    .where('outcome', '=', 'unfillable')
    .where('updated_at', '<=', nowMs)
    .orderBy('updated_at')
    .limit(50)
    .execute();
  let cancelled = 0;
  for (const order of due) {
    const shop = await deps.loadShopById(order.shop_id);
    if (!shop) continue;
    const lastSaleAtMs = await lastSaleOfOrderSkus(
      deps.db,
      { id: order.id, tenantId: order.tenant_id },
      nowMs,
    );
    const burstEndsAtMs = lastSaleAtMs === null ? null : lastSaleAtMs + BURST_QUIET_MS;
    const latestMs = Number(order.created_at) + CANCEL_DEFERRAL_MAX_MS;
    if (burstEndsAtMs !== null && burstEndsAtMs > nowMs && nowMs < latestMs) {
      // Still selling: come back when the burst is over (or at the latest allowed time).
      await setOrderOutcome(deps.db, order.id, {
        outcome: 'unfillable',
        nowMs: Math.min(burstEndsAtMs, latestMs),
      });
      continue;
    }
    cancelled += 1;
    await cancelOne(deps, shop, {
      id: order.id,
      platformOrderId: order.platform_order_id,
      state: order.state ?? 'placed',
    });
  }
  return cancelled;
}

/** When the SKUs of the order's lines last sold (any shop), within the burst window; null if not. */
async function lastSaleOfOrderSkus(
  db: Kysely<DB>,
  order: { id: string; tenantId: string },
  nowMs: number,
): Promise<number | null> {
  const skuIds = (
    await db
      .selectFrom('channel_order_lines')
      .select('sku_id')
      .where('order_id', '=', order.id)
      .where('sku_id', 'is not', null)
      .execute()
  ).map((r) => Number(r.sku_id));
  const sales = await recentSalesBySku(db, {
    tenantId: order.tenantId,
    skuIds,
    sinceMs: nowMs - BURST_QUIET_MS,
    excludeOrderId: order.id,
  });
  const last = Math.max(...[...sales.values()].map((s) => s.lastSaleAtMs));
  return Number.isFinite(last) ? last : null;
}

/**
 * Cancels with the reason for the state StockPool last read. Platforms take different reasons
 * before and after payment (TikTok Shop refuses a reason that does not fit, 25001021), and the
 * buyer may have paid since: on a refusal the order is read again from the platform and, when
 * its state moved, cancelled once more for the state it is in now. Only then is it parked.
 */
async function cancelAsItIsNow(
  connector: ChannelConnector,
  order: { platformOrderId: string; state: string },
): Promise<CancelOrderResult> {
  const stored: OrderState = isOrderState(order.state) ? order.state : 'placed';
  try {
    return await connector.cancelOrder({ orderId: order.platformOrderId, state: stored });
  } catch (error) {
    if (!isConnectorError(error) || error.retryable) throw error;
    const [current] = await connector.getOrders([order.platformOrderId]);
    if (!current?.state || current.state === stored || current.state === 'cancelled') throw error;
    return connector.cancelOrder({ orderId: order.platformOrderId, state: current.state });
  }
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
    const result = await cancelAsItIsNow(deps.connectors.connectorFor(shop), order);
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
