/**
 * Prometheus instruments for /metrics: request latency per route, ledger movements and holds
 * written through this process's API, and open holds as stored (read at scrape time). One
 * registry per app, so several apps in one process (tests) do not share counters.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MovementKind } from '../domain/movements.ts';
import type { Database } from '../store/database.ts';
import { pushLatenciesSince } from '../store/sync-log-repo.ts';
import { queueDepths } from '../store/sync-queue-repo.ts';
import { PUSH_LATENCY_WINDOW_MS, percentilesOf } from '../sync/sync-status.ts';

export type HoldResult = 'placed' | 'replayed' | 'rejected';
export type TransitionResult = 'changed' | 'unchanged' | 'rejected';

export interface ApiMetrics {
  readonly registry: Registry;
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
  countMovements(kind: MovementKind, count: number): void;
  countHold(result: HoldResult): void;
  countTransition(action: string, result: TransitionResult): void;
}

/** Latency buckets (seconds) around what a stock write costs: sub-millisecond to a few seconds. */
const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

export function createApiMetrics(database: Database): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route pattern and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const movements = new Counter({
    name: 'stockpool_ledger_movements_total',
    help: 'Ledger movements written through this process API, by kind (replays excluded)',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const holds = new Counter({
    name: 'stockpool_holds_total',
    help: 'Hold requests through this process API, by result',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const transitions = new Counter({
    name: 'stockpool_hold_transitions_total',
    help: 'Hold confirm / ship / release requests through this process API, by result',
    labelNames: ['action', 'result'] as const,
    registers: [registry],
  });
  registerOpenHoldsGauge(registry, database);
  registerSyncGauges(registry, database);
  return {
    registry,
    observeRequest: (l, seconds) =>
      latency.observe({ method: l.method, route: l.route, status_code: String(l.status) }, seconds),
    countMovements: (kind, count) => {
      if (count > 0) movements.inc({ kind }, count);
    },
    countHold: (result) => holds.inc({ result }),
    countTransition: (action, result) => transitions.inc({ action, result }),
  };
}

/** Open holds in the database (all processes, all tenants), counted when scraped. */
function registerOpenHoldsGauge(registry: Registry, database: Database): void {
  new Gauge({
    name: 'stockpool_open_holds',
    help: 'Holds currently open (held = unpaid, confirmed = paid), all tenants',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await database.db
        .selectFrom('holds')
        .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
        .where('status', 'in', ['held', 'confirmed'])
        .groupBy('status')
        .execute();
      this.reset();
      for (const status of ['held', 'confirmed'])
        this.set({ status }, Number(rows.find((r) => r.status === status)?.n ?? 0));
    },
  });
}

/**
 * Channel sync, read from the database at scrape time so every API and worker process is
 * counted: push latency quantiles (order event arrival → platform confirmation, over the same
 * window as the sync status), pending pushes, dead letters and pending inbox events.
 */
function registerSyncGauges(registry: Registry, database: Database): void {
  new Gauge({
    name: 'stockpool_push_latency_ms',
    help: 'Order event arrival to platform confirmation, last 15 minutes, all tenants',
    labelNames: ['quantile'] as const,
    registers: [registry],
    async collect() {
      const since = Date.now() - PUSH_LATENCY_WINDOW_MS;
      const p = percentilesOf(await pushLatenciesSince(database.db, null, since));
      this.reset();
      for (const [quantile, value] of [
        ['0.5', p.p50],
        ['0.95', p.p95],
        ['0.99', p.p99],
      ] as const)
        if (value !== null) this.set({ quantile }, value);
    },
  });
  new Gauge({
    name: 'stockpool_sync_queue',
    help: 'Channel sync work waiting: pushes, dead letters, inbox events',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      const depths = await queueDepths(database.db, null);
      this.reset();
      this.set({ queue: 'pushes' }, depths.pushes);
      this.set({ queue: 'dead_letters' }, depths.deadLetters);
      this.set({ queue: 'inbox' }, depths.inboxPending);
    },
  });
}
