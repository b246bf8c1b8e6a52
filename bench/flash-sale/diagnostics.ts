/**
 * Where StockPool's time and trouble went during a sale, read from its own tables afterwards:
 * how long order events waited in the inbox, how long pushes took from the event to the
 * platform's answer, the orders' outcomes, and what the sync log says about failed calls.
 */
import type { StockPoolSide } from '../support/channel-rig-thread.ts';
import { countOrders } from './side-queries.ts';

export interface SaleDiagnostics {
  /** Webhook stored → event processed (order detail read and applied), ms. */
  inboxLagMs: Percentiles;
  /** Event arrival → platform confirmed the push (StockPool's own figure, sync_log). */
  pushLatencyMs: Percentiles;
  /** channel_orders by outcome (applied, cancelled_oos, parked, unfillable, …). */
  orderOutcomes: Record<string, number>;
  /** sync_log entries by kind (push, push_failed, cancel, cancel_failed, order, …). */
  logKinds: Record<string, number>;
  /** A few distinct failure details, as logged. */
  failureSamples: string[];
}

export interface Percentiles {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
}

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length === 0
      ? null
      : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null);
  return {
    count: sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted.at(-1) ?? null,
  };
}

/** Runs in StockPool's thread. */
export async function readDiagnostics(side: StockPoolSide): Promise<SaleDiagnostics> {
  const db = side.pool.database.db;
  const tenantId = side.actor.tenantId;
  const inbox = await db
    .selectFrom('inbox')
    .select(['received_at', 'processed_at'])
    .where('tenant_id', '=', tenantId)
    .where('processed_at', 'is not', null)
    .execute();
  const log = await db
    .selectFrom('sync_log')
    .select(['kind', 'latency_ms', 'detail'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const logKinds: Record<string, number> = {};
  for (const entry of log) logKinds[entry.kind] = (logKinds[entry.kind] ?? 0) + 1;
  const failures = log
    .filter((e) => e.kind.endsWith('_failed') && e.detail)
    .map((e) => e.detail ?? '');
  return {
    inboxLagMs: percentiles(inbox.map((r) => Number(r.processed_at) - Number(r.received_at))),
    pushLatencyMs: percentiles(
      log
        .filter((e) => e.kind === 'push' && e.latency_ms !== null)
        .map((e) => Number(e.latency_ms)),
    ),
    orderOutcomes: await countOrders(side),
    logKinds,
    failureSamples: [...new Set(failures.map((f) => f.slice(0, 160)))].slice(0, 8),
  };
}
