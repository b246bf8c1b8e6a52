/**
 * Recovery after a platform outage. Each failed push waits out its own backoff (up to 15 min), so
 * without help a shop that comes back after a long outage would be brought up to date listing by
 * listing over the next quarter hour. Instead:
 * - every PROBE_INTERVAL_MS, a shop whose failed pushes all wait longer than that has its
 *   earliest one tried now (one call: a probe);
 * - the first push that goes through after failures makes every waiting push of the shop due at
 *   once; the shop's push interval and rate limiter then pace them.
 * What is pushed is computed fresh at that moment, so a recovered shop never receives a figure
 * from before the outage (no stale upward push).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { probeEarliestRetries, pullRetriesForward } from '../store/sync-queue-repo.ts';

export const PROBE_INTERVAL_MS = 30_000;

/** Called when a push that had failed before went through: the platform answers again. */
export function onRetrySucceeded(db: Kysely<DB>, shopId: string, nowMs: number): Promise<number> {
  return pullRetriesForward(db, shopId, nowMs);
}

/** The periodic probe: the shops whose earliest waiting push was made due now. */
export function probeWaitingShops(
  db: Kysely<DB>,
  nowMs: number,
  intervalMs: number = PROBE_INTERVAL_MS,
): Promise<string[]> {
  return probeEarliestRetries(db, { nowMs, quietUntilMs: nowMs + intervalMs });
}
