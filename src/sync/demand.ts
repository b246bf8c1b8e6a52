/**
 * What the allocation must know of demand right now, read once per target computation:
 * - each SKU's recent sales rate over all shops (units per second, last minute), which adaptive
 *   compares with the pool to choose shared or partitioned;
 * - the tenant's unread orders (announced by a webhook, not read yet): a partitioned pool leaves
 *   them out, one unit each, so a re-split never hands another shop units already sold.
 */
import type { Kysely } from 'kysely';
import { countUnreadOrders } from '../store/inbox-repo.ts';
import { recentSalesBySku } from '../store/recent-sales-repo.ts';
import type { DB } from '../store/schema.ts';

export interface Demand {
  salesPerSecond: Map<number, number>;
  /** When each SKU last sold (StockPool's record time), within the window. */
  lastSaleAtMs: Map<number, number>;
  unreadOrders: number;
}

/**
 * A SKU is in a burst while it has sold this recently, or while any order of the tenant is unread.
 * During a burst a split share does not rise (see listing-targets.ts riseAllowed) and
 * reconciliation does not correct a platform figure upwards: the pool may still count units
 * sold in orders on their way.
 */
export const BURST_QUIET_MS = 5_000;

/** Sales over this window make the rate: long enough to smooth, short enough to see a burst. */
export const SALES_RATE_WINDOW_MS = 60_000;

export const NO_DEMAND: Demand = {
  salesPerSecond: new Map(),
  lastSaleAtMs: new Map(),
  unreadOrders: 0,
};

export async function readDemand(
  db: Kysely<DB>,
  tenantId: string,
  skuIds: number[],
  nowMs: number,
): Promise<Demand> {
  if (skuIds.length === 0) return NO_DEMAND;
  const [sales, unreadOrders] = await Promise.all([
    recentSalesBySku(db, { tenantId, skuIds, sinceMs: nowMs - SALES_RATE_WINDOW_MS }),
    countUnreadOrders(db, { tenantId }),
  ]);
  const bySku = [...sales];
  return {
    salesPerSecond: new Map(bySku.map(([id, s]) => [id, s.units / (SALES_RATE_WINDOW_MS / 1000)])),
    lastSaleAtMs: new Map(bySku.map(([id, s]) => [id, s.lastSaleAtMs])),
    unreadOrders,
  };
}

/** True while the SKU is in a burst (see BURST_QUIET_MS). */
export function inBurst(demand: Demand, skuId: number, nowMs: number): boolean {
  if (demand.unreadOrders > 0) return true;
  const last = demand.lastSaleAtMs.get(skuId);
  return last !== undefined && nowMs - last < BURST_QUIET_MS;
}
