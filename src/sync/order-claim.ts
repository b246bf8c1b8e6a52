/**
 * One applier at a time per order. A webhook and the poller, or two workers in scale mode, may
 * read the same order at once; each applies the state it read. Unclaimed, a cancellation applied
 * while another applier was placing the order's holds found no lines yet and left that hold open
 * for a cancelled order (found by the R1 reliability run). So an applier claims the order row
 * (inserted claimed on first sight), and another that finds it claimed steps aside: an inbox
 * event is retried a moment later, a poll leaves it to the next poll, an API call waits.
 */
import type { Kysely } from 'kysely';
import { claimOrder } from '../store/channel-orders-repo.ts';
import type { DB } from '../store/schema.ts';

/** Longest an applier may hold an order: a worker that dies mid-order holds it no longer. */
export const ORDER_CLAIM_MS = 30_000;
/** How soon an inbox event of a busy order is tried again. */
export const BUSY_ORDER_RETRY_MS = 250;

export class OrderBusyError extends Error {
  constructor(readonly platformOrderId: string) {
    super(`order ${platformOrderId} is being applied by another worker`);
    this.name = 'OrderBusyError';
  }
}

export function isOrderBusy(error: unknown): error is OrderBusyError {
  return error instanceof OrderBusyError;
}

/** Claims the order, waiting up to `waitMs` for another applier to finish (API-triggered paths). */
export async function claimOrderWaiting(
  db: Kysely<DB>,
  order: { id: string; platformOrderId: string },
  clock: { nowMs: () => number },
  waitMs = 5_000,
): Promise<void> {
  const deadline = clock.nowMs() + waitMs;
  for (;;) {
    const nowMs = clock.nowMs();
    if (await claimOrder(db, order.id, { nowMs, untilMs: nowMs + ORDER_CLAIM_MS })) return;
    if (nowMs >= deadline) throw new OrderBusyError(order.platformOrderId);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
