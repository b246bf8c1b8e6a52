/**
 * The reliability runs' reads of StockPool's database, run in StockPool's thread and returned as
 * plain data: a sample of available stock and listing states (R5, taken while the run goes on),
 * and the ledger, holds, orders, inbox, queues and alerts the final checks compare with the
 * platforms' own records (R1, R5).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/store/schema.ts';

/** A receipt (+quantity) or a stock-take finding `quantity` fewer units. */
export interface StockChange {
  kind: 'receipt' | 'stocktake';
  key: string;
  sku: string;
  quantity: number;
}

export interface ListingState {
  listingId: string;
  shopId: string;
  itemId: string;
  variantId: string;
  sku: string;
  pushedQuantity: number | null;
  /** A push failed and StockPool knows the shop may show an old figure. */
  unconfirmed: boolean;
  /** The queued push's failed attempts, its last error and when it is tried next (epoch ms). */
  push: { attempts: number; lastError: string | null; nextAttemptAtMs: number } | null;
}

export interface Sample {
  atMs: number;
  /** Available (on hand − reserved) per SKU code, summed over warehouses. */
  available: Record<string, number>;
  /** The most each SKU had available at any moment of the last `peakWindowMs` (from the ledger). */
  peakAvailable: Record<string, number>;
  listings: ListingState[];
  /** Orders the shops announced that StockPool has not applied yet. */
  unreadEvents: number;
}

export async function readSample(db: Kysely<DB>, peakWindowMs = 0): Promise<Sample> {
  const atMs = Date.now();
  const levels = await db
    .selectFrom('stock_levels as l')
    .innerJoin('skus as s', 's.id', 'l.sku_id')
    .select(['s.code', sql<number>`sum(l.on_hand - l.reserved)`.as('available')])
    .groupBy('s.code')
    .execute();
  const listings = await db
    .selectFrom('listings as l')
    .innerJoin('skus as s', 's.id', 'l.sku_id')
    .leftJoin('push_queue as q', 'q.listing_id', 'l.id')
    .select([
      'l.id',
      'l.shop_id',
      'l.item_id',
      'l.variant_id',
      's.code',
      'l.pushed_quantity',
      'l.out_of_sync_since',
      'q.attempts',
      'q.last_error',
      'q.next_attempt_at',
    ])
    .execute();
  const unread = await db
    .selectFrom('inbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const available = Object.fromEntries(levels.map((l) => [l.code, Number(l.available)]));
  return {
    atMs,
    available,
    peakAvailable: await peakAvailable(db, available, atMs - peakWindowMs),
    listings: listings.map((l) => ({
      listingId: l.id,
      shopId: l.shop_id,
      itemId: l.item_id,
      variantId: l.variant_id,
      sku: l.code,
      pushedQuantity: l.pushed_quantity === null ? null : Number(l.pushed_quantity),
      unconfirmed: l.out_of_sync_since !== null || Number(l.attempts ?? 0) > 0,
      push:
        l.attempts === null
          ? null
          : {
              attempts: Number(l.attempts),
              lastError: l.last_error,
              nextAttemptAtMs: Number(l.next_attempt_at),
            },
    })),
    unreadEvents: Number(unread.n),
  };
}

/**
 * Walks the ledger back from the current balances over the movements since `sinceMs`: the highest
 * available each SKU reached in that window, moments between two samples included.
 */
async function peakAvailable(
  db: Kysely<DB>,
  current: Record<string, number>,
  sinceMs: number,
): Promise<Record<string, number>> {
  const peak = { ...current };
  const level = { ...current };
  const moves = await db
    .selectFrom('movements as m')
    .innerJoin('skus as s', 's.id', 'm.sku_id')
    .select(['s.code', 'm.on_hand_delta', 'm.reserved_delta'])
    .where('m.created_at', '>=', sinceMs)
    .orderBy('m.id', 'desc')
    .execute();
  for (const m of moves) {
    const before = (level[m.code] ?? 0) - (Number(m.on_hand_delta) - Number(m.reserved_delta));
    level[m.code] = before;
    peak[m.code] = Math.max(peak[m.code] ?? 0, before);
  }
  return peak;
}

export interface LedgerOrderLine {
  platformOrderId: string;
  shopId: string;
  state: string | null;
  sku: string | null;
  quantity: number;
  holdStatus: string | null;
  /** For the failure examples: the line as StockPool recorded it. */
  lineId: string;
  appliedState: string | null;
  outcome: string;
}

export interface Ledger {
  orderLines: LedgerOrderLine[];
  /** Order lines holding more than one hold, or holds with a movement kind twice. */
  duplicateHolds: number;
  duplicateMovements: number;
  /** Reserved per SKU code, from the balances. */
  reserved: Record<string, number>;
  inboxEventIds: string[];
  inboxByStatus: Record<string, number>;
  queues: { changedSkus: number; pushes: number; pushDeadLetters: number };
  deadLetters: Array<{ kind: 'push' | 'inbox'; subject: string }>;
  /** Subjects of open alerts: red out-of-sync ones marked as dead letters (listing ids), and any other. */
  deadLetterAlerts: string[];
  otherAlertSubjects: string[];
}

export async function readLedger(db: Kysely<DB>): Promise<Ledger> {
  const lines = await db
    .selectFrom('channel_order_lines as ol')
    .innerJoin('channel_orders as o', 'o.id', 'ol.order_id')
    .leftJoin('skus as s', 's.id', 'ol.sku_id')
    .leftJoin('holds as h', 'h.id', 'ol.hold_id')
    .select([
      'o.platform_order_id',
      'o.shop_id',
      'o.state',
      'o.outcome',
      's.code',
      'ol.quantity',
      'ol.line_id',
      'ol.applied_state',
      'h.status',
    ])
    .execute();
  const dupHolds = await db
    .selectFrom('holds')
    .select(['order_ref', 'line_ref', (eb) => eb.fn.countAll<number>().as('n')])
    .where('line_ref', 'is not', null)
    .groupBy(['order_ref', 'line_ref'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  const dupMovements = await db
    .selectFrom('movements')
    .select(['hold_id', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('hold_id', 'is not', null)
    .groupBy(['hold_id', 'kind'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  const reserved = await db
    .selectFrom('stock_levels as l')
    .innerJoin('skus as s', 's.id', 'l.sku_id')
    .select(['s.code', sql<number>`sum(l.reserved)`.as('reserved')])
    .groupBy('s.code')
    .execute();
  const inbox = await db
    .selectFrom('inbox')
    .select(['event_id', 'status', 'id', 'order_id'])
    .execute();
  const changed = await db
    .selectFrom('sync_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const pushes = await db.selectFrom('push_queue').select(['listing_id', 'dead']).execute();
  const alerts = await db
    .selectFrom('alerts')
    .select(['kind', 'subject', 'params_json'])
    .where('status', '=', 'open')
    .execute();
  const inboxByStatus: Record<string, number> = {};
  for (const e of inbox) inboxByStatus[e.status] = (inboxByStatus[e.status] ?? 0) + 1;
  const deadPushes = pushes.filter((p) => Number(p.dead) === 1);
  return {
    orderLines: lines.map((l) => ({
      platformOrderId: l.platform_order_id,
      shopId: l.shop_id,
      state: l.state,
      sku: l.code,
      quantity: Number(l.quantity),
      holdStatus: l.status,
      lineId: l.line_id,
      appliedState: l.applied_state,
      outcome: l.outcome,
    })),
    duplicateHolds: dupHolds.reduce((sum, d) => sum + Number(d.n) - 1, 0),
    duplicateMovements: dupMovements.reduce((sum, d) => sum + Number(d.n) - 1, 0),
    reserved: Object.fromEntries(reserved.map((r) => [r.code, Number(r.reserved)])),
    inboxEventIds: inbox.map((e) => e.event_id),
    inboxByStatus,
    queues: {
      changedSkus: Number(changed.n),
      pushes: pushes.length - deadPushes.length,
      pushDeadLetters: deadPushes.length,
    },
    deadLetters: [
      ...deadPushes.map((p) => ({ kind: 'push' as const, subject: p.listing_id })),
      ...inbox
        .filter((e) => e.status === 'dead')
        .map((e) => ({ kind: 'inbox' as const, subject: e.order_id ?? String(e.id) })),
    ],
    deadLetterAlerts: alerts
      .filter((a) => a.kind === 'out_of_sync')
      .filter((a) => (JSON.parse(a.params_json) as { deadLetter?: boolean }).deadLetter === true)
      .map((a) => a.subject),
    otherAlertSubjects: alerts.filter((a) => a.kind !== 'out_of_sync').map((a) => a.subject),
  };
}
