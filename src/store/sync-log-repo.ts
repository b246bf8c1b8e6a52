/**
 * The sync log: what happened to each listing and order (pushes, failed pushes, drift found by
 * reconciliation, cancellations), and reconciliation runs for the sync-accuracy figure.
 */
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

export type SyncLogKind = 'push' | 'push_failed' | 'drift' | 'order' | 'cancel' | 'cancel_failed';

export interface SyncLogEntry {
  tenantId: string;
  shopId: string;
  listingId?: string | null;
  orderId?: string | null;
  kind: SyncLogKind;
  quantity?: number | null;
  previousQuantity?: number | null;
  latencyMs?: number | null;
  detail?: string | null;
  atMs: number;
}

export async function appendSyncLog(db: Kysely<DB>, entries: SyncLogEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('sync_log')
    .values(
      entries.map((e) => ({
        tenant_id: e.tenantId,
        shop_id: e.shopId,
        listing_id: e.listingId ?? null,
        order_id: e.orderId ?? null,
        kind: e.kind,
        quantity: e.quantity ?? null,
        previous_quantity: e.previousQuantity ?? null,
        latency_ms: e.latencyMs ?? null,
        detail: e.detail?.slice(0, 500) ?? null,
        created_at: e.atMs,
      })),
    )
    .execute();
}

export interface SyncLogQuery {
  tenantId: string;
  listingId?: string;
  shopId?: string;
  kind?: SyncLogKind;
  limit: number;
  /** Entries with an id below this (the previous page's last id). */
  before?: number;
}

export async function listSyncLog(db: Kysely<DB>, q: SyncLogQuery) {
  let query = db.selectFrom('sync_log').selectAll().where('tenant_id', '=', q.tenantId);
  if (q.listingId) query = query.where('listing_id', '=', q.listingId);
  if (q.shopId) query = query.where('shop_id', '=', q.shopId);
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.before !== undefined) query = query.where('id', '<', q.before);
  const rows = await query.orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    shopId: r.shop_id,
    listingId: r.listing_id,
    orderId: r.order_id,
    kind: r.kind as SyncLogKind,
    quantity: r.quantity === null ? null : Number(r.quantity),
    previousQuantity: r.previous_quantity === null ? null : Number(r.previous_quantity),
    latencyMs: r.latency_ms,
    detail: r.detail,
    atMs: Number(r.created_at),
  }));
}

/** Push latencies (ms) since a time, of one tenant or of all (metrics), for percentiles. */
export async function pushLatenciesSince(
  db: Kysely<DB>,
  tenantId: string | null,
  sinceMs: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('sync_log')
    .select('latency_ms')
    .$if(tenantId !== null, (q) => q.where('tenant_id', '=', tenantId ?? ''))
    .where('kind', '=', 'push')
    .where('created_at', '>=', sinceMs)
    .where('latency_ms', 'is not', null)
    .orderBy('id', 'desc')
    .limit(100_000)
    .execute();
  return rows.map((r) => r.latency_ms ?? 0);
}

export interface ReconcileRun {
  tenantId: string;
  shopId: string;
  startedAtMs: number;
  finishedAtMs: number;
  listingsChecked: number;
  listingsMatched: number;
  corrections: number;
  error: string | null;
}

export async function insertReconcileRun(db: Kysely<DB>, run: ReconcileRun): Promise<void> {
  await db
    .insertInto('reconcile_runs')
    .values({
      tenant_id: run.tenantId,
      shop_id: run.shopId,
      started_at: run.startedAtMs,
      finished_at: run.finishedAtMs,
      listings_checked: run.listingsChecked,
      listings_matched: run.listingsMatched,
      corrections: run.corrections,
      error: run.error,
    })
    .execute();
}

export async function listReconcileRuns(
  db: Kysely<DB>,
  q: { tenantId: string; shopId?: string; sinceMs: number; limit: number },
): Promise<ReconcileRun[]> {
  let query = db
    .selectFrom('reconcile_runs')
    .selectAll()
    .where('tenant_id', '=', q.tenantId)
    .where('started_at', '>=', q.sinceMs);
  if (q.shopId) query = query.where('shop_id', '=', q.shopId);
  const rows = await query.orderBy('started_at', 'desc').limit(q.limit).execute();
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    shopId: r.shop_id,
    startedAtMs: Number(r.started_at),
    finishedAtMs: Number(r.finished_at),
    listingsChecked: r.listings_checked,
    listingsMatched: r.listings_matched,
    corrections: r.corrections,
    error: r.error,
  }));
}
