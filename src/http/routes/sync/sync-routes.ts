/**
 * /v1/sync: how well the shops follow the pool. The status figures (accuracy, push latency,
 * oversells, queues, open alerts), the sync log, reconciliation runs (drift and accuracy over
 * time), and the pushes that failed for good (dead letters), which the seller may retry.
 */
import { z } from 'zod';
import { listSyncLog, listReconcileRuns, type ReconcileRun } from '../../../store/sync-log-repo.ts';
import { listDeadLetters, retryDeadLetter } from '../../../store/sync-queue-repo.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { principalOf } from '../../auth.ts';
import { sendError } from '../../error-reply.ts';
import { isoOf, withErrors } from '../../schemas/common.ts';
import {
  DeadLetterParams,
  DeadLetterQuery,
  DeadLetterRetried,
  DeadLetterView,
  ReconciliationPage,
  ReconciliationQuery,
  SyncLogPage,
  SyncLogQuery,
  SyncStatusView,
} from './sync-schemas.ts';

const tags = ['sync'];
const DEFAULT_RECONCILIATION_WINDOW_MS = 7 * 24 * 3600_000;

export function registerSyncRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/v1/sync/status',
    {
      schema: {
        tags,
        summary: 'Sync accuracy, push latency, oversells, queue depths and open alerts',
        response: withErrors({ 200: SyncStatusView }),
      },
    },
    async (request) => deps.sync.status(principalOf(request).tenantId),
  );

  app.get(
    '/v1/sync/log',
    {
      schema: {
        tags,
        summary: 'What happened to listings and orders, newest first; page on with `before`',
        querystring: SyncLogQuery,
        response: withErrors({ 200: SyncLogPage }),
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listSyncLog(deps.database.db, {
        tenantId: principalOf(request).tenantId,
        listingId: q.listing,
        shopId: q.shop,
        kind: q.kind,
        limit: q.limit + 1,
        before: q.before,
      });
      const items = rows.slice(0, q.limit).map(({ atMs, ...e }) => ({ ...e, at: isoOf(atMs) }));
      const more = rows.length > q.limit;
      return { items, nextBefore: more ? (items.at(-1)?.id ?? null) : null };
    },
  );

  app.get(
    '/v1/sync/reconciliations',
    {
      schema: {
        tags,
        summary: 'Reconciliation runs, newest first: drift found and accuracy over time',
        querystring: ReconciliationQuery,
        response: withErrors({ 200: ReconciliationPage }),
      },
    },
    async (request) => {
      const q = request.query;
      const runs = await listReconcileRuns(deps.database.db, {
        tenantId: principalOf(request).tenantId,
        shopId: q.shop,
        sinceMs: q.since
          ? Date.parse(q.since)
          : deps.clock.nowMs() - DEFAULT_RECONCILIATION_WINDOW_MS,
        limit: q.limit,
      });
      return { items: runs.map(toRunView), accuracy: accuracyOf(runs.filter((r) => !r.error)) };
    },
  );

  registerDeadLetterRoutes(app, deps);
}

function registerDeadLetterRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/v1/sync/dead-letters',
    {
      schema: {
        tags,
        summary: 'Listings whose push failed for good, oldest first',
        querystring: DeadLetterQuery,
        response: withErrors({ 200: z.object({ items: z.array(DeadLetterView) }) }),
      },
    },
    async (request) => {
      const rows = await listDeadLetters(
        deps.database.db,
        principalOf(request).tenantId,
        request.query.limit,
      );
      const items = rows.map(({ enqueuedAtMs, ...d }) => ({
        ...d,
        enqueuedAt: isoOf(enqueuedAtMs),
      }));
      return { items };
    },
  );

  app.post(
    '/v1/sync/dead-letters/:id/retry',
    {
      schema: {
        tags,
        summary: "Push a dead letter's listing again now (its id is the listing's)",
        params: DeadLetterParams,
        response: withErrors({ 200: DeadLetterRetried }),
      },
    },
    async (request, reply) => {
      const listingId = request.params.id;
      const tenantId = principalOf(request).tenantId;
      const nowMs = deps.clock.nowMs();
      if (!(await retryDeadLetter(deps.database.db, tenantId, listingId, nowMs)))
        return sendError(request, reply, 'DEAD_LETTER_NOT_FOUND', { listingId });
      deps.sync.worker.wake();
      return { listingId, status: 'queued' as const };
    },
  );
}

function toRunView(run: ReconcileRun) {
  return {
    shopId: run.shopId,
    startedAt: isoOf(run.startedAtMs),
    finishedAt: isoOf(run.finishedAtMs),
    listingsChecked: run.listingsChecked,
    listingsMatched: run.listingsMatched,
    corrections: run.corrections,
    accuracy: accuracyOf([run]),
    error: run.error,
  };
}

function accuracyOf(runs: ReconcileRun[]): number | null {
  const checked = runs.reduce((sum, r) => sum + r.listingsChecked, 0);
  const matched = runs.reduce((sum, r) => sum + r.listingsMatched, 0);
  return checked === 0 ? null : matched / checked;
}
