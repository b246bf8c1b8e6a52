/** Sync monitoring shapes: the status figures, the sync log, reconciliation runs, dead letters. */
import { z } from 'zod';
import type { SyncLogKind } from '../../../store/sync-log-repo.ts';
import { IsoTime, label } from '../../schemas/common.ts';

const SYNC_LOG_KINDS = [
  'push',
  'push_failed',
  'drift',
  'order',
  'cancel',
  'cancel_failed',
] as const satisfies readonly SyncLogKind[];

const ratio = z.number().nullable().meta({ description: 'Matched / checked (0–1); null: none' });

export const SyncStatusView = z
  .object({
    accuracy: z.object({
      lastCheck: ratio,
      last24h: ratio,
      shops: z.array(
        z.object({ shopId: z.string(), checked: z.number(), matched: z.number(), at: z.string() }),
      ),
    }),
    pushLatencyMs: z
      .object({
        count: z.number(),
        p50: z.number().nullable(),
        p95: z.number().nullable(),
        p99: z.number().nullable(),
      })
      .meta({ description: 'From an order event to the platform confirming (last 15 minutes)' }),
    oversells: z.object({ total: z.number(), last24h: z.number() }),
    queues: z.object({
      changedSkus: z.number(),
      pushes: z.number(),
      deadLetters: z.number(),
      inboxPending: z.number(),
    }),
    openAlerts: z.number(),
  })
  .meta({ id: 'SyncStatus' });

const Limit = z.coerce.number().int().min(1).max(500).default(100);

export const SyncLogQuery = z.object({
  listing: label(100).optional(),
  shop: label(100).optional(),
  kind: z.enum(SYNC_LOG_KINDS).optional(),
  limit: Limit,
  before: z.coerce
    .number()
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .meta({ description: "The previous page's nextBefore" }),
});

export const SyncLogEntryView = z
  .object({
    id: z.number(),
    shopId: z.string(),
    listingId: z.string().nullable(),
    orderId: z.string().nullable(),
    kind: z.enum(SYNC_LOG_KINDS),
    quantity: z.number().nullable(),
    previousQuantity: z.number().nullable(),
    latencyMs: z.number().nullable(),
    detail: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'SyncLogEntry' });

export const SyncLogPage = z.object({
  items: z.array(SyncLogEntryView),
  nextBefore: z.number().nullable(),
});

export const ReconciliationQuery = z.object({
  shop: label(100).optional(),
  since: IsoTime.optional().meta({ description: 'Runs started at or after this; default 7 days' }),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

export const ReconciliationRunView = z
  .object({
    shopId: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    listingsChecked: z.number(),
    listingsMatched: z.number(),
    corrections: z.number().meta({ description: 'Listings whose drift was pushed right' }),
    accuracy: ratio,
    error: z.string().nullable(),
  })
  .meta({ id: 'ReconciliationRun' });

export const ReconciliationPage = z.object({
  items: z.array(ReconciliationRunView),
  accuracy: ratio.meta({ description: 'Over the runs listed that did not fail' }),
});

export const DeadLetterView = z
  .object({
    listingId: z.string(),
    shopId: z.string(),
    attempts: z.number(),
    lastError: z.string().nullable(),
    enqueuedAt: z.string(),
  })
  .meta({ id: 'DeadLetter' });

export const DeadLetterQuery = z.object({ limit: Limit });
export const DeadLetterParams = z.object({ id: label(100) });
export const DeadLetterRetried = z.object({
  listingId: z.string(),
  status: z.literal('queued').meta({ description: 'Due now, with a fresh attempt count' }),
});
