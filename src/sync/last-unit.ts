/**
 * The last unit, at the edges: freeing units for a paid order (releasing the holds the domain
 * rule picks and abandoning their orders) and abandoning an order that cannot be filled: its
 * holds are released, it is counted as an oversell, the seller is alerted, and it is either
 * queued for cancellation through the platform (order-cancellations.ts) or parked.
 */
import { chooseHoldsToPreempt } from '../domain/sync/last-unit.ts';
import { availableOf } from '../domain/stock-level.ts';
import { raiseAlert } from '../store/alerts-repo.ts';
import {
  claimOrder,
  competingHolds,
  findChannelOrderById,
  linesOfOrder,
  releaseOrderClaim,
  setOrderOutcome,
  updateOrderLine,
  type ChannelOrderRecord,
} from '../store/channel-orders-repo.ts';
import { appendSyncLog } from '../store/sync-log-repo.ts';
import type { ShopRecord } from '../store/shops-repo.ts';
import type { OrderApplierDeps } from './order-applier.ts';
import { ORDER_CLAIM_MS, OrderBusyError } from './order-claim.ts';
import { shopSettingsOf } from './shop-settings.ts';

export async function makeRoomForPaidLine(
  deps: OrderApplierDeps,
  claim: { shop: ShopRecord; order: ChannelOrderRecord; skuId: number; units: number },
): Promise<boolean> {
  for (const w of claim.shop.warehouses) {
    const level = await deps.db
      .selectFrom('stock_levels')
      .select(['on_hand', 'reserved'])
      .where('tenant_id', '=', claim.shop.tenantId)
      .where('sku_id', '=', claim.skuId)
      .where('warehouse_id', '=', w.warehouseId)
      .executeTakeFirst();
    const available = level
      ? availableOf({ onHand: Number(level.on_hand), reserved: Number(level.reserved) })
      : 0;
    const competitors = await competingHolds(deps.db, {
      tenantId: claim.shop.tenantId,
      skuId: claim.skuId,
      warehouseId: w.warehouseId,
      excludeOrderId: claim.order.id,
    });
    const victims = chooseHoldsToPreempt(
      competitors.map((c) => ({ ...c, status: c.holdStatus })),
      {
        paidAtMs: claim.order.paidAtMs,
        shortfall: claim.units - Math.max(0, available),
      },
    );
    if (victims.length === 0) continue;
    for (const orderId of new Set(victims.map((v) => v.orderId))) {
      const victim = await findChannelOrderById(deps.db, claim.shop.tenantId, orderId);
      const victimShop = victim ? await deps.loadShop(victim.tenantId, victim.shopId) : null;
      if (victim && victimShop)
        await preempt(deps, claim.order, { shop: victimShop, order: victim });
    }
    return true;
  }
  return false;
}

/**
 * Abandons the victim under its own order claim (order-claim.ts): unclaimed, an applier of the
 * victim (its payment, read by another worker) could confirm the hold being released, or place
 * one after. When another applier holds it, the paid order steps aside and is tried again.
 */
async function preempt(
  deps: OrderApplierDeps,
  paid: ChannelOrderRecord,
  victim: { shop: ShopRecord; order: ChannelOrderRecord },
): Promise<void> {
  const nowMs = deps.clock.nowMs();
  const claimed = await claimOrder(deps.db, victim.order.id, {
    nowMs,
    untilMs: nowMs + ORDER_CLAIM_MS,
  });
  if (!claimed) throw new OrderBusyError(paid.platformOrderId);
  try {
    await abandonOrder(deps, { ...victim, reason: 'preempted' });
  } finally {
    await releaseOrderClaim(deps.db, victim.order.id);
  }
}

/**
 * Settles the order as unfillable (or parked) and releases every open hold it has. The outcome,
 * its sync-log line and the oversell alert are written first, in one transaction: a crash after
 * it leaves holds open (the platform's cancellation releases them, or the seller's decision on a
 * parked order), never units released from an order still counted as filled with no alert.
 */
export async function abandonOrder(
  deps: OrderApplierDeps,
  a: { shop: ShopRecord; order: ChannelOrderRecord; reason: 'out_of_stock' | 'preempted' },
): Promise<void> {
  const nowMs = deps.clock.nowMs();
  const park = shopSettingsOf(a.shop.settingsJson).onUnfillable === 'park';
  await deps.db.transaction().execute(async (trx) => {
    await setOrderOutcome(trx, a.order.id, { outcome: park ? 'parked' : 'unfillable', nowMs });
    await appendSyncLog(trx, [
      {
        tenantId: a.shop.tenantId,
        shopId: a.shop.id,
        orderId: a.order.id,
        kind: 'order',
        detail: `${a.reason}: ${park ? 'parked for the seller' : 'to be cancelled on the platform'}`,
        atMs: nowMs,
      },
    ]);
    await raiseAlert(trx, {
      tenantId: a.shop.tenantId,
      kind: 'oversell',
      subject: a.order.id,
      level: 'red',
      params: {
        order: a.order.platformOrderId,
        shopId: a.shop.id,
        platform: a.shop.platform,
        reason: a.reason,
        parked: park,
      },
      nowMs,
      newId: () => deps.ids.next('alr'),
    });
  });
  const actor = { tenantId: a.shop.tenantId, name: `shop:${a.shop.platform}:${a.shop.name}` };
  for (const line of await linesOfOrder(deps.db, a.order.id)) {
    if (line.holdId) {
      const released = await deps.inventory.transitionHold(actor, line.holdId, 'release');
      if (!released.ok && released.error.code !== 'INVALID_HOLD_TRANSITION')
        throw new Error(`releasing hold ${line.holdId}: ${released.error.code}`);
    }
    await updateOrderLine(
      deps.db,
      { orderId: a.order.id, lineId: line.lineId },
      { appliedState: 'cancelled' },
    );
  }
}
