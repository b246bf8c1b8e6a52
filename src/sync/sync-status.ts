/**
 * Figures a seller watches: sync accuracy (share of listings that matched at each shop's last
 * check, and over time), push latency percentiles from an order event's arrival to the platform's
 * confirmation, the oversell count, queue depths and dead letters.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { listReconcileRuns, pushLatenciesSince } from '../store/sync-log-repo.ts';
import { queueDepths } from '../store/sync-queue-repo.ts';

export interface LatencyPercentiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** Nearest-rank percentiles of a sample (ms). */
export function percentilesOf(samples: number[]): LatencyPercentiles {
  if (samples.length === 0) return { count: 0, p50: null, p95: null, p99: null };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? null;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

export interface SyncStatus {
  accuracy: {
    lastCheck: number | null;
    last24h: number | null;
    shops: Array<{ shopId: string; checked: number; matched: number; at: string }>;
  };
  pushLatencyMs: LatencyPercentiles;
  oversells: { total: number; last24h: number };
  queues: { changedSkus: number; pushes: number; deadLetters: number; inboxPending: number };
  openAlerts: number;
}

const DAY_MS = 24 * 3600_000;
/** Push latency percentiles describe this recent window. */
export const PUSH_LATENCY_WINDOW_MS = 15 * 60_000;

export async function syncStatus(
  db: Kysely<DB>,
  tenantId: string,
  nowMs: number,
): Promise<SyncStatus> {
  const runs = await listReconcileRuns(db, { tenantId, sinceMs: nowMs - DAY_MS, limit: 10_000 });
  const lastByShop = new Map<string, (typeof runs)[number]>();
  for (const run of runs)
    if (!lastByShop.has(run.shopId) && run.error === null) lastByShop.set(run.shopId, run);
  const last = [...lastByShop.values()];
  const ratio = (list: typeof runs) => {
    const checked = list.reduce((s, r) => s + r.listingsChecked, 0);
    return checked === 0 ? null : list.reduce((s, r) => s + r.listingsMatched, 0) / checked;
  };
  const [latencies, oversells, queues, alerts] = await Promise.all([
    pushLatenciesSince(db, tenantId, nowMs - PUSH_LATENCY_WINDOW_MS),
    countOversells(db, tenantId, nowMs),
    queueDepths(db, tenantId),
    db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow(),
  ]);
  return {
    accuracy: {
      lastCheck: ratio(last),
      last24h: ratio(runs.filter((r) => r.error === null)),
      shops: last.map((r) => ({
        shopId: r.shopId,
        checked: r.listingsChecked,
        matched: r.listingsMatched,
        at: new Date(r.startedAtMs).toISOString(),
      })),
    },
    pushLatencyMs: percentilesOf(latencies),
    oversells,
    queues,
    openAlerts: Number(alerts.n),
  };
}

async function countOversells(db: Kysely<DB>, tenantId: string, nowMs: number) {
  const rows = await db
    .selectFrom('channel_orders')
    .select(['updated_at'])
    .where('tenant_id', '=', tenantId)
    .where('outcome', 'in', ['unfillable', 'cancelled_oos', 'parked'])
    .execute();
  return {
    total: rows.length,
    last24h: rows.filter((r) => Number(r.updated_at) >= nowMs - DAY_MS).length,
  };
}
