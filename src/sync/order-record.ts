/**
 * Records a platform order as StockPool saw it: inserted on first sight, then moved only forward
 * in the platform's update time, so a late or repeated read never takes it back.
 */
import type { Kysely } from 'kysely';
import type { PlatformOrder } from '../connectors/contract.ts';
import { isOrderState, type OrderState } from '../domain/sync/order-state.ts';
import type { Ids } from '../ports/ids.ts';
import {
  advanceChannelOrder,
  findChannelOrder,
  insertChannelOrder,
  type ChannelOrderRecord,
} from '../store/channel-orders-repo.ts';
import type { DB } from '../store/schema.ts';
import type { ShopRecord } from '../store/shops-repo.ts';
import { ORDER_CLAIM_MS } from './order-claim.ts';

export interface RecordedOrder {
  record: ChannelOrderRecord;
  /** False for a read older than the one recorded: nothing to apply. */
  fresh: boolean;
  /** This read is the first StockPool has of the order (inserted claimed: order-claim.ts). */
  firstSight: boolean;
  /** The state recorded before this read (null on first sight or when unknown). */
  previousState: string | null;
}

export async function recordOrder(
  deps: { db: Kysely<DB>; ids: Ids },
  shop: ShopRecord,
  order: PlatformOrder,
  nowMs: number,
  /** The caller knows the order was not stored a moment ago (order-batch-lookup.ts). */
  knownNew = false,
): Promise<RecordedOrder> {
  const ref = { shopId: shop.id, platformOrderId: order.orderId };
  const existing = knownNew ? null : await findChannelOrder(deps.db, ref);
  if (existing) {
    const previousState = existing.state;
    if (order.updatedAtMs < existing.platformUpdatedAtMs)
      return { record: existing, fresh: false, firstSight: false, previousState };
    const next = {
      rawStatus: order.rawStatus,
      state: order.state,
      updatedAtMs: order.updatedAtMs,
      paidAtMs: order.paidAtMs ?? existing.paidAtMs,
      nowMs,
    };
    // Platforms stamp update times in whole seconds: two changes in one second share a time, so
    // at an equal time only a later state moves the record (the lifecycle ignores earlier ones).
    const newer =
      order.updatedAtMs > existing.platformUpdatedAtMs ||
      stateRank(order.state) > stateRank(isOrderState(existing.state) ? existing.state : null);
    if (newer) await advanceChannelOrder(deps.db, existing.id, next);
    return {
      record: { ...existing, ...next, state: order.state, platformUpdatedAtMs: order.updatedAtMs },
      fresh: true,
      firstSight: false,
      previousState,
    };
  }
  const record: ChannelOrderRecord = {
    id: deps.ids.next('ord'),
    tenantId: shop.tenantId,
    shopId: shop.id,
    platformOrderId: order.orderId,
    rawStatus: order.rawStatus,
    state: order.state,
    platformCreatedAtMs: order.createdAtMs,
    platformUpdatedAtMs: order.updatedAtMs,
    paidAtMs: order.paidAtMs,
    outcome: 'applied',
    cancelReference: null,
    createdAtMs: nowMs,
    updatedAtMs: nowMs,
  };
  if (await insertChannelOrder(deps.db, record, nowMs + ORDER_CLAIM_MS))
    return { record, fresh: true, firstSight: true, previousState: null };
  // Another worker stored it first: continue from what it stored.
  return recordOrder(deps, shop, order, nowMs);
}

const RANK: Record<OrderState, number> = {
  placed: 1,
  paid: 2,
  shipped: 3,
  returned: 4,
  cancelled: 5,
};

function stateRank(state: OrderState | null): number {
  return state === null ? 0 : RANK[state];
}
