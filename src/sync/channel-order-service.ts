/**
 * Platform orders for the API: the list (filtered by outcome: unmatched, parked, cancelled for
 * stock), one order with its lines, and the seller's decision on a parked order: retry it (apply
 * its current state again, now that stock may have arrived) or cancel it through the platform.
 */
import type { Kysely } from 'kysely';
import { fail, succeed, type Outcome } from '../domain/outcome.ts';
import type { Actor } from '../inventory/command-context.ts';
import type { Clock } from '../ports/clock.ts';
import {
  findChannelOrderById,
  linesOfOrder,
  listChannelOrders,
  setOrderOutcome,
  updateOrderLine,
  type ChannelOrderLineRecord,
  type ChannelOrderRecord,
  type OrderOutcome,
} from '../store/channel-orders-repo.ts';
import type { DB } from '../store/schema.ts';
import type { ShopRecord } from '../store/shops-repo.ts';
import { isOrderBusy } from './order-claim.ts';

export interface ChannelOrderView {
  id: string;
  shopId: string;
  platformOrderId: string;
  status: string;
  state: string | null;
  outcome: OrderOutcome;
  paidAt: string | null;
  platformUpdatedAt: string;
  cancelReference: string | null;
  lines?: Array<{
    lineId: string;
    sellerSku: string;
    quantity: number;
    listingId: string | null;
    units: number | null;
    holdId: string | null;
    appliedState: string | null;
  }>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function viewOf(o: ChannelOrderRecord, lines?: ChannelOrderLineRecord[]): ChannelOrderView {
  return {
    id: o.id,
    shopId: o.shopId,
    platformOrderId: o.platformOrderId,
    status: o.rawStatus,
    state: o.state,
    outcome: o.outcome,
    paidAt: iso(o.paidAtMs),
    platformUpdatedAt: new Date(o.platformUpdatedAtMs).toISOString(),
    cancelReference: o.cancelReference,
    ...(lines
      ? {
          lines: lines.map((l) => ({
            lineId: l.lineId,
            sellerSku: l.sellerSku,
            quantity: l.quantity,
            listingId: l.listingId,
            units: l.units,
            holdId: l.holdId,
            appliedState: l.appliedState,
          })),
        }
      : {}),
  };
}

export interface ChannelOrderServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  loadShop: (tenantId: string, shopId: string) => Promise<ShopRecord | null>;
  /**
   * Applies the stored order's current state under its claim (order-applier.applyStoredOrder),
   * running `first` once the claim is held. @throws OrderBusyError when it stays claimed.
   */
  applyStored: (
    shop: ShopRecord,
    order: ChannelOrderRecord,
    first?: () => Promise<void>,
  ) => Promise<OrderOutcome>;
}

export class ChannelOrderService {
  constructor(private readonly deps: ChannelOrderServiceDeps) {}

  async list(
    actor: Actor,
    q: { outcome?: OrderOutcome; shopId?: string; limit: number },
  ): Promise<ChannelOrderView[]> {
    return (await listChannelOrders(this.deps.db, { tenantId: actor.tenantId, ...q })).map((o) =>
      viewOf(o),
    );
  }

  async view(actor: Actor, orderId: string): Promise<Outcome<ChannelOrderView>> {
    const order = await findChannelOrderById(this.deps.db, actor.tenantId, orderId);
    if (!order) return fail('ORDER_NOT_FOUND', { orderId });
    return succeed(viewOf(order, await linesOfOrder(this.deps.db, order.id)));
  }

  /** A parked order, tried again: its lines start over from nothing applied. */
  async retry(actor: Actor, orderId: string): Promise<Outcome<ChannelOrderView>> {
    const parked = await this.parked(actor, orderId);
    if (!parked.ok) return parked;
    const { order, shop } = parked.value;
    // The lines start over only once the order is claimed: a worker applying it meanwhile is
    // waited for (5 s at most), else the seller is told to try again.
    const startOver = async () => {
      for (const line of await linesOfOrder(this.deps.db, order.id))
        await updateOrderLine(
          this.deps.db,
          { orderId: order.id, lineId: line.lineId },
          { appliedState: null, holdId: null },
        );
      await setOrderOutcome(this.deps.db, order.id, {
        outcome: 'applied',
        nowMs: this.deps.clock.nowMs(),
      });
    };
    try {
      await this.deps.applyStored(shop, { ...order, outcome: 'applied' }, startOver);
    } catch (error) {
      if (isOrderBusy(error)) return fail('ORDER_BUSY', { orderId });
      throw error;
    }
    return this.view(actor, orderId);
  }

  /** A parked order, cancelled as the seller decided: the worker cancels it on the platform. */
  async cancel(actor: Actor, orderId: string): Promise<Outcome<ChannelOrderView>> {
    const parked = await this.parked(actor, orderId);
    if (!parked.ok) return parked;
    await setOrderOutcome(this.deps.db, orderId, {
      outcome: 'unfillable',
      nowMs: this.deps.clock.nowMs(),
    });
    return this.view(actor, orderId);
  }

  private async parked(
    actor: Actor,
    orderId: string,
  ): Promise<Outcome<{ order: ChannelOrderRecord; shop: ShopRecord }>> {
    const order = await findChannelOrderById(this.deps.db, actor.tenantId, orderId);
    if (!order) return fail('ORDER_NOT_FOUND', { orderId });
    if (order.outcome !== 'parked')
      return fail('INVALID_ORDER_TRANSITION', { orderId, outcome: order.outcome });
    const shop = await this.deps.loadShop(actor.tenantId, order.shopId);
    if (!shop) return fail('SHOP_NOT_FOUND', { shopId: order.shopId });
    return succeed({ order, shop });
  }
}
