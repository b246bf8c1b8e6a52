/**
 * Holds an interrupted application left unrecorded. An order's line is held, then recorded; a
 * worker that dies in between (SIGKILL, a lost connection) leaves a hold the line does not name.
 * The next application may read the order in a later state (paid rather than placed), whose step
 * has another idempotency key, and would hold the units a second time (found by the R1 run). So a
 * line that names no hold and has never been applied first adopts the newest hold placed for it,
 * with the state that hold stands for; the lifecycle then goes on from there.
 */
import type { OrderState } from '../domain/sync/order-state.ts';
import { updateOrderLine, type ChannelOrderLineRecord } from '../store/channel-orders-repo.ts';
import { newestHoldPerLine, type LineHold } from '../store/holds-query-repo.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';

export async function adoptInterruptedHolds(
  db: Kysely<DB>,
  q: { tenantId: string; orderRef: string },
  lines: ChannelOrderLineRecord[],
): Promise<ChannelOrderLineRecord[]> {
  const unrecorded = (l: ChannelOrderLineRecord) =>
    l.skuId !== null && l.holdId === null && l.appliedState === null;
  if (!lines.some(unrecorded)) return lines;
  const holds = await newestHoldPerLine(db, q.tenantId, q.orderRef);
  const adopted: ChannelOrderLineRecord[] = [];
  for (const line of lines) {
    const hold = unrecorded(line) ? holds.get(line.lineId) : undefined;
    if (!hold) {
      adopted.push(line);
      continue;
    }
    const recorded = {
      ...line,
      holdId: hold.id,
      warehouseId: hold.warehouseId,
      appliedState: stateHeldBy(hold),
    };
    // Recorded now: when the order is already in the state the hold stands for, no step follows
    // that would record it.
    await updateOrderLine(db, { orderId: line.orderId, lineId: line.lineId }, recorded);
    adopted.push(recorded);
  }
  return adopted;
}

/** The order state a line's hold shows was applied. */
export function stateHeldBy(hold: Pick<LineHold, 'status' | 'expiresAtMs'>): OrderState {
  switch (hold.status) {
    case 'confirmed':
      return 'paid';
    case 'shipped':
      return 'shipped';
    case 'released':
      return 'cancelled';
    case 'held':
      return hold.expiresAtMs === null ? 'paid' : 'placed';
    default:
      // expired: an unpaid hold that lapsed; a payment re-holds under its own key.
      return 'placed';
  }
}
