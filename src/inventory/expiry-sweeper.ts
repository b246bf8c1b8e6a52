/**
 * Releases unpaid holds whose time is up. Safe to run from several processes at once and to
 * crash at any point: each hold expires in its own command, by compare-and-set on its status.
 */
import type { Clock } from '../ports/clock.ts';
import type { Database } from '../store/database.ts';
import { findExpiredHolds } from '../store/holds-repo.ts';
import type { InventoryService } from './inventory-service.ts';

export const SWEEPER_ACTOR_NAME = 'system:expiry-sweeper';

export interface SweepResult {
  expired: number;
}

/** One pass: expires up to `limit` overdue holds, oldest first. */
export async function sweepExpiredHolds(
  deps: { database: Database; inventory: InventoryService; clock: Clock },
  limit = 500,
): Promise<SweepResult> {
  const due = await findExpiredHolds(deps.database.db, { nowMs: deps.clock.nowMs(), limit });
  const outcomes = await Promise.all(
    due.map((h) =>
      deps.inventory.transitionHold(
        { tenantId: h.tenantId, name: SWEEPER_ACTOR_NAME },
        h.holdId,
        'expire',
      ),
    ),
  );
  return { expired: outcomes.filter((o) => o.ok).length };
}

/** Runs sweeps every `intervalMs` until stopped; a pass that finds a full page runs again at once. */
export function startExpirySweeper(
  deps: {
    database: Database;
    inventory: InventoryService;
    clock: Clock;
    onError: (error: unknown) => void;
  },
  intervalMs = 5_000,
): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = (): void => {
    running = (async () => {
      try {
        while (!stopped && (await sweepExpiredHolds(deps)).expired >= 500) {
          /* keep draining a backlog */
        }
      } catch (error) {
        deps.onError(error);
      }
      if (!stopped) timer = setTimeout(tick, intervalMs);
    })();
  };
  timer = setTimeout(tick, intervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
