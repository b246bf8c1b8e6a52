/**
 * The two queues between a stock change and a platform call:
 * - sync_outbox: one row per changed SKU, written by a trigger in the stock write's own
 *   transaction (see the channels migration). Many changes of one SKU bump one row's version.
 * - push_queue: one row per listing that needs its quantity pushed. Many marks of one listing
 *   bump one row's version: a burst of sales becomes one push of the latest figure.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

export interface ChangedSku {
  tenantId: string;
  skuId: number;
  version: number;
  changedAtMs: number;
}

export interface Lease {
  nowMs: number;
  leaseMs: number;
  limit: number;
  /** PostgreSQL: FOR UPDATE SKIP LOCKED, so workers never wait on each other. */
  skipLocked: boolean;
}

export async function leaseChangedSkus(db: Kysely<DB>, lease: Lease): Promise<ChangedSku[]> {
  const due = db
    .selectFrom('sync_outbox')
    .select(['tenant_id', 'sku_id'])
    .where('lease_until', '<=', lease.nowMs)
    .orderBy('changed_at')
    .limit(lease.limit);
  const locked = lease.skipLocked ? due.forUpdate().skipLocked() : due;
  const rows = await db
    .updateTable('sync_outbox')
    .set({ lease_until: lease.nowMs + lease.leaseMs })
    .where(sql<boolean>`(tenant_id, sku_id) in (${locked})`)
    .returning(['tenant_id', 'sku_id', 'version', 'changed_at'])
    .execute();
  return rows.map((r) => ({
    tenantId: r.tenant_id,
    skuId: Number(r.sku_id),
    version: Number(r.version),
    changedAtMs: Number(r.changed_at),
  }));
}

/** Removes the marks that were handled; a mark bumped meanwhile stays for the next round. */
export async function completeChangedSkus(db: Kysely<DB>, handled: ChangedSku[]): Promise<void> {
  for (const c of handled) {
    const r = await db
      .deleteFrom('sync_outbox')
      .where('tenant_id', '=', c.tenantId)
      .where('sku_id', '=', c.skuId)
      .where('version', '=', c.version)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) {
      await db
        .updateTable('sync_outbox')
        .set({ lease_until: 0 })
        .where('tenant_id', '=', c.tenantId)
        .where('sku_id', '=', c.skuId)
        .execute();
    }
  }
}

export interface PushMark {
  listingId: string;
  tenantId: string;
  shopId: string;
  /** When the change this push answers began (an order event's arrival, a receipt's time). */
  originAtMs: number;
}

/**
 * Marks listings for a push; a listing already waiting keeps its place and earliest origin. With
 * `reviveDeadLetters` (the listing has a new figure: its pool changed), a dead letter becomes a
 * fresh push, due like a new row with no attempts: the refusal was of an older figure, and the new
 * one may be taken (a Lazada Choice listing refuses a decrease, not a later increase). Without it
 * (reconciliation finding the same refused figure again) a dead letter stays dead.
 */
export async function markListingsForPush(
  db: Kysely<DB>,
  marks: PushMark[],
  nowMs: number,
  /** When a new row is due (now by default); a listing already waiting keeps its own time. */
  dueAtMs: number = nowMs,
  options: { reviveDeadLetters?: boolean } = {},
): Promise<void> {
  // One statement per chunk; a listing named twice keeps its earliest origin (PostgreSQL refuses
  // an upsert that touches one row twice).
  const byListing = new Map<string, PushMark>();
  for (const m of marks) {
    const seen = byListing.get(m.listingId);
    if (!seen || m.originAtMs < seen.originAtMs) byListing.set(m.listingId, m);
  }
  // Rows are locked in the order given: two markings of overlapping listings at once (two shops'
  // batches, two workers) in different orders deadlocked (found by the R1 run). One order for all.
  const unique = [...byListing.values()].sort((a, b) =>
    a.listingId < b.listingId ? -1 : a.listingId > b.listingId ? 1 : 0,
  );
  for (let i = 0; i < unique.length; i += MARK_CHUNK) {
    await db
      .insertInto('push_queue')
      .values(
        unique.slice(i, i + MARK_CHUNK).map((m) => ({
          listing_id: m.listingId,
          tenant_id: m.tenantId,
          shop_id: m.shopId,
          version: 1,
          origin_at: m.originAtMs,
          last_origin_at: m.originAtMs,
          enqueued_at: nowMs,
          next_attempt_at: dueAtMs,
        })),
      )
      .onConflict((oc) =>
        oc.column('listing_id').doUpdateSet({
          version: sql`push_queue.version + 1`,
          origin_at: sql`CASE WHEN excluded.origin_at < push_queue.origin_at THEN excluded.origin_at ELSE push_queue.origin_at END`,
          last_origin_at: sql`CASE WHEN excluded.last_origin_at > push_queue.last_origin_at THEN excluded.last_origin_at ELSE push_queue.last_origin_at END`,
          ...(options.reviveDeadLetters === true ? REVIVE_DEAD_LETTER : {}),
        }),
      )
      .execute();
  }
}

/** Rows per upsert: 8 values each, well under SQLite's 32,766 bound parameters. */
const MARK_CHUNK = 500;

/**
 * A dead row marked again with a new figure starts over as the new row would (its origin, its
 * time in the queue, due when told, no attempts); a live row is left as it is. Every right-hand
 * side reads the row as it was before this update, on both engines.
 */
const REVIVE_DEAD_LETTER = {
  dead: sql<number>`0`,
  attempts: sql<number>`CASE WHEN push_queue.dead = 1 THEN 0 ELSE push_queue.attempts END`,
  next_attempt_at: sql<number>`CASE WHEN push_queue.dead = 1 THEN excluded.next_attempt_at ELSE push_queue.next_attempt_at END`,
  origin_at: sql<number>`CASE WHEN push_queue.dead = 1 OR excluded.origin_at < push_queue.origin_at THEN excluded.origin_at ELSE push_queue.origin_at END`,
  last_origin_at: sql<number>`CASE WHEN push_queue.dead = 1 OR excluded.last_origin_at > push_queue.last_origin_at THEN excluded.last_origin_at ELSE push_queue.last_origin_at END`,
  enqueued_at: sql<number>`CASE WHEN push_queue.dead = 1 THEN excluded.enqueued_at ELSE push_queue.enqueued_at END`,
};

export interface DuePush {
  listingId: string;
  tenantId: string;
  shopId: string;
  version: number;
  originAtMs: number;
  attempts: number;
}

/** Shops with pushes due now (not dead, not leased). */
export async function shopsWithDuePushes(db: Kysely<DB>, nowMs: number): Promise<string[]> {
  const rows = await db
    .selectFrom('push_queue')
    .select('shop_id')
    .distinct()
    .where('dead', '=', 0)
    .where('next_attempt_at', '<=', nowMs)
    .where('lease_until', '<=', nowMs)
    .execute();
  return rows.map((r) => r.shop_id);
}

export async function leaseDuePushes(
  db: Kysely<DB>,
  shopId: string,
  lease: Lease,
): Promise<DuePush[]> {
  const due = db
    .selectFrom('push_queue')
    .select('listing_id')
    .where('shop_id', '=', shopId)
    .where('dead', '=', 0)
    .where('next_attempt_at', '<=', lease.nowMs)
    .where('lease_until', '<=', lease.nowMs)
    .orderBy('next_attempt_at')
    .limit(lease.limit);
  const rows = await db
    .updateTable('push_queue')
    .set({ lease_until: lease.nowMs + lease.leaseMs })
    .where('listing_id', 'in', lease.skipLocked ? due.forUpdate().skipLocked() : due)
    .returning(['listing_id', 'tenant_id', 'shop_id', 'version', 'origin_at', 'attempts'])
    .execute();
  return rows.map((r) => ({
    listingId: r.listing_id,
    tenantId: r.tenant_id,
    shopId: r.shop_id,
    version: Number(r.version),
    originAtMs: Number(r.origin_at),
    attempts: r.attempts,
  }));
}

/** The push went through: done unless the listing was marked again meanwhile. */
export async function completePush(db: Kysely<DB>, push: DuePush): Promise<void> {
  const r = await db
    .deleteFrom('push_queue')
    .where('listing_id', '=', push.listingId)
    .where('version', '=', push.version)
    .executeTakeFirst();
  if (Number(r.numDeletedRows) > 0) return;
  // Marked again during the push: what remains to answer began at the latest mark.
  await db
    .updateTable('push_queue')
    .set({ lease_until: 0, attempts: 0, origin_at: sql`last_origin_at` })
    .where('listing_id', '=', push.listingId)
    .execute();
}

export async function failPush(
  db: Kysely<DB>,
  push: DuePush,
  failure: { error: string; retryAtMs: number | null },
): Promise<void> {
  await db
    .updateTable('push_queue')
    .set({
      attempts: push.attempts + 1,
      next_attempt_at: failure.retryAtMs ?? 0,
      dead: failure.retryAtMs === null ? 1 : 0,
      lease_until: 0,
      last_error: failure.error.slice(0, 500),
    })
    .where('listing_id', '=', push.listingId)
    .execute();
}

/**
 * The push was not tried (an earlier call of its batch failed; connectors/stock-calls.ts): due
 * again at `dueAtMs`, with its attempts as they were.
 */
export async function releasePush(db: Kysely<DB>, push: DuePush, dueAtMs: number): Promise<void> {
  await db
    .updateTable('push_queue')
    .set({ lease_until: 0, next_attempt_at: dueAtMs })
    .where('listing_id', '=', push.listingId)
    .execute();
}

export interface DeadLetter {
  listingId: string;
  shopId: string;
  attempts: number;
  lastError: string | null;
  enqueuedAtMs: number;
}

export async function listDeadLetters(
  db: Kysely<DB>,
  tenantId: string,
  limit: number,
): Promise<DeadLetter[]> {
  const rows = await db
    .selectFrom('push_queue')
    .select(['listing_id', 'shop_id', 'attempts', 'last_error', 'enqueued_at'])
    .where('tenant_id', '=', tenantId)
    .where('dead', '=', 1)
    .orderBy('enqueued_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    listingId: r.listing_id,
    shopId: r.shop_id,
    attempts: r.attempts,
    lastError: r.last_error,
    enqueuedAtMs: Number(r.enqueued_at),
  }));
}

/** The seller asked to try a dead letter again: it is due now, with a fresh attempt count. */
export async function retryDeadLetter(
  db: Kysely<DB>,
  tenantId: string,
  listingId: string,
  nowMs: number,
): Promise<boolean> {
  const r = await db
    .updateTable('push_queue')
    .set({ dead: 0, attempts: 0, next_attempt_at: nowMs, lease_until: 0 })
    .where('tenant_id', '=', tenantId)
    .where('listing_id', '=', listingId)
    .where('dead', '=', 1)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Work waiting in the sync queues — changed SKUs, pushes, dead letters, unapplied inbox events —
 * for one tenant, or for all (metrics). All zero once everything has converged.
 */
export async function queueDepths(
  db: Kysely<DB>,
  tenantId: string | null,
): Promise<{ changedSkus: number; pushes: number; deadLetters: number; inboxPending: number }> {
  const [outbox, pushes, inbox] = await Promise.all([
    db
      .selectFrom('sync_outbox')
      .$if(tenantId !== null, (q) => q.where('tenant_id', '=', tenantId ?? ''))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('push_queue')
      .$if(tenantId !== null, (q) => q.where('tenant_id', '=', tenantId ?? ''))
      .select(['dead', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('dead')
      .execute(),
    db
      .selectFrom('inbox')
      .$if(tenantId !== null, (q) => q.where('tenant_id', '=', tenantId ?? ''))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow(),
  ]);
  return {
    changedSkus: Number(outbox.n),
    pushes: Number(pushes.find((p) => Number(p.dead) === 0)?.n ?? 0),
    deadLetters: Number(pushes.find((p) => Number(p.dead) === 1)?.n ?? 0),
    inboxPending: Number(inbox.n),
  };
}

/**
 * Pushes of the shop waiting out a retry backoff (not dead): made due now. Used once the platform
 * answers again, so a long outage is not followed by each listing's own backoff of up to 15 min.
 */
export async function pullRetriesForward(
  db: Kysely<DB>,
  shopId: string,
  nowMs: number,
): Promise<number> {
  const r = await db
    .updateTable('push_queue')
    .set({ next_attempt_at: nowMs })
    .where('shop_id', '=', shopId)
    .where('dead', '=', 0)
    .where('attempts', '>', 0)
    .where('next_attempt_at', '>', nowMs)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * For every shop whose failed pushes all wait out a backoff past `quietUntilMs`, the earliest one
 * is made due now: one call per shop probes whether its platform is back. Returns those shops.
 */
export async function probeEarliestRetries(
  db: Kysely<DB>,
  q: { nowMs: number; quietUntilMs: number },
): Promise<string[]> {
  const waiting = await db
    .selectFrom('push_queue')
    .select(['shop_id', (eb) => eb.fn.min('next_attempt_at').as('earliest')])
    .where('dead', '=', 0)
    .where('attempts', '>', 0)
    .groupBy('shop_id')
    .execute();
  const probed: string[] = [];
  for (const w of waiting) {
    if (Number(w.earliest) <= q.quietUntilMs) continue;
    const r = await db
      .updateTable('push_queue')
      .set({ next_attempt_at: q.nowMs })
      .where('listing_id', '=', (eb) =>
        eb
          .selectFrom('push_queue')
          .select('listing_id')
          .where('shop_id', '=', w.shop_id)
          .where('dead', '=', 0)
          .where('attempts', '>', 0)
          .where('next_attempt_at', '=', Number(w.earliest))
          .limit(1),
      )
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0) probed.push(w.shop_id);
  }
  return probed;
}
