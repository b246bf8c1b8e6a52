/**
 * The webhook inbox: every verified event is stored before it is acknowledged, once per
 * (platform, event id), then processed at the worker's pace. Ids are kept for a retention period
 * longer than the platforms' retry horizon, so a late re-delivery is still recognised.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

export interface NewInboxEvent {
  platform: string;
  eventId: string;
  tenantId: string | null;
  shopId: string | null;
  kind: string;
  orderId: string | null;
  payload: string;
  receivedAtMs: number;
  /** Events that need no processing are stored as `ignored` (kept for de-duplication only). */
  status: 'pending' | 'ignored';
}

export interface InboxEvent {
  id: number;
  platform: string;
  eventId: string;
  tenantId: string | null;
  shopId: string | null;
  kind: string;
  orderId: string | null;
  attempts: number;
  receivedAtMs: number;
}

/** Stores the event; false when the same event was stored before (a re-delivery). */
export async function insertInboxEvent(db: Kysely<DB>, e: NewInboxEvent): Promise<boolean> {
  const r = await db
    .insertInto('inbox')
    .values({
      platform: e.platform,
      event_id: e.eventId,
      tenant_id: e.tenantId,
      shop_id: e.shopId,
      kind: e.kind,
      order_id: e.orderId,
      payload: e.payload,
      status: e.status,
      next_attempt_at: e.receivedAtMs,
      received_at: e.receivedAtMs,
      processed_at: e.status === 'ignored' ? e.receivedAtMs : null,
    })
    .onConflict((oc) => oc.columns(['platform', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Takes up to `limit` due events under a lease, so two workers never process the same event at
 * once; an event whose worker died is taken again when its lease runs out.
 */
export async function leaseInboxEvents(
  db: Kysely<DB>,
  lease: {
    nowMs: number;
    leaseMs: number;
    limit: number;
    skipLocked: boolean;
    /** Only this shop's events (null: events of no known shop); every shop's when absent. */
    shopId?: string | null;
  },
): Promise<InboxEvent[]> {
  const due = db
    .selectFrom('inbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', lease.nowMs)
    .where('lease_until', '<=', lease.nowMs)
    .$if(lease.shopId !== undefined, (q) =>
      lease.shopId === null
        ? q.where('shop_id', 'is', null)
        : q.where('shop_id', '=', lease.shopId ?? ''),
    )
    .orderBy('id')
    .limit(lease.limit);
  const rows = await db
    .updateTable('inbox')
    .set({ lease_until: lease.nowMs + lease.leaseMs, attempts: sql`attempts + 1` })
    .where('id', 'in', lease.skipLocked ? due.forUpdate().skipLocked() : due)
    .returning([
      'id',
      'platform',
      'event_id',
      'tenant_id',
      'shop_id',
      'kind',
      'order_id',
      'attempts',
      'received_at',
    ])
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    platform: r.platform,
    eventId: r.event_id,
    tenantId: r.tenant_id,
    shopId: r.shop_id,
    kind: r.kind,
    orderId: r.order_id,
    attempts: r.attempts,
    receivedAtMs: Number(r.received_at),
  }));
}

export async function markInboxDone(db: Kysely<DB>, ids: number[], nowMs: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('inbox')
    .set({ status: 'done', processed_at: nowMs, lease_until: 0, error: null })
    .where('id', 'in', ids)
    .execute();
}

/** A failed attempt: retried at `retryAtMs`, or given up (`dead`) and left for the seller. */
export async function markInboxFailed(
  db: Kysely<DB>,
  id: number,
  failure: { error: string; retryAtMs: number | null },
): Promise<void> {
  await db
    .updateTable('inbox')
    .set({
      status: failure.retryAtMs === null ? 'dead' : 'pending',
      next_attempt_at: failure.retryAtMs ?? 0,
      lease_until: 0,
      error: failure.error.slice(0, 500),
    })
    .where('id', '=', id)
    .execute();
}

/** Shops with events due for processing now (null stands for events of no known shop). */
export async function shopsWithDueEvents(
  db: Kysely<DB>,
  nowMs: number,
): Promise<Array<string | null>> {
  const rows = await db
    .selectFrom('inbox')
    .select('shop_id')
    .distinct()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', nowMs)
    .where('lease_until', '<=', nowMs)
    .execute();
  return rows.map((r) => r.shop_id);
}

/** Shops with order events not yet applied, among the given ones: pushes to them must wait. */
export async function shopsWithPendingEvents(
  db: Kysely<DB>,
  shopIds: string[],
): Promise<Set<string>> {
  if (shopIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('inbox')
    .select('shop_id')
    .distinct()
    .where('status', '=', 'pending')
    .where('shop_id', 'in', shopIds)
    .execute();
  return new Set(rows.map((r) => r.shop_id).filter((s): s is string => s !== null));
}

/**
 * Orders the shop (or any shop of the tenant) announced that StockPool has not applied yet: pending events naming an order no
 * line of which has been applied (a status change of an order already applied moves nothing on the
 * platform's shown figure that StockPool does not already count). Each order counts once.
 */
export async function countUnreadOrders(
  db: Kysely<DB>,
  of: { shopId: string } | { tenantId: string },
): Promise<number> {
  const r = await db
    .selectFrom('inbox as i')
    .select(sql<number>`count(distinct i.order_id)`.as('n'))
    .where('i.status', '=', 'pending')
    .$if('shopId' in of, (q) => q.where('i.shop_id', '=', 'shopId' in of ? of.shopId : ''))
    .$if('tenantId' in of, (q) => q.where('i.tenant_id', '=', 'tenantId' in of ? of.tenantId : ''))
    .where('i.order_id', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('channel_orders as o')
            .innerJoin('channel_order_lines as l', 'l.order_id', 'o.id')
            .select(sql`1`.as('one'))
            .whereRef('o.shop_id', '=', 'i.shop_id')
            .whereRef('o.platform_order_id', '=', 'i.order_id')
            .where('l.applied_state', 'is not', null),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countPendingInbox(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom('inbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Forgets processed events older than the retention (at least the platforms' retry horizon). */
export async function purgeInbox(db: Kysely<DB>, olderThanMs: number): Promise<number> {
  const r = await db
    .deleteFrom('inbox')
    .where('status', 'in', ['done', 'ignored'])
    .where('received_at', '<', olderThanMs)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
