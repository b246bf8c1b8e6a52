/**
 * Pushes listings' target quantities to one shop. Targets are computed fresh, just before the
 * call, less one listing for every order the shop has announced that is not applied yet
 * (domain/sync/unread-order-reserve.ts): a push never carries a figure that forgets an order the
 * shop has already seen (the stale upward push that makes other tools oversell), and it does not
 * have to wait for the inbox to be empty, which under a steady stream of orders it never is.
 * Listings held back that way are pushed again once the shop's orders are applied
 * (inbox-processor.ts). Pushes are absolute; a listing whose figure the platform already shows is
 * not called for. Failures retry on the schedule, then become dead letters.
 */
import type { Kysely } from 'kysely';
import type { ListingRef, StockPushResult } from '../connectors/contract.ts';
import { isConnectorError } from '../connectors/errors.ts';
import { nextRetryAtMs } from '../domain/sync/retry-schedule.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import { raiseAlert, resolveAlert } from '../store/alerts-repo.ts';
import { holdBackForUnreadOrders } from '../domain/sync/unread-order-reserve.ts';
import { countUnreadOrders } from '../store/inbox-repo.ts';
import {
  clearHeldBack,
  findListingsByIds,
  markOutOfSync,
  recordTarget,
  type ListingRecord,
} from '../store/listings-repo.ts';
import type { DB } from '../store/schema.ts';
import type { ShopRecord } from '../store/shops-repo.ts';
import { appendSyncLog, type SyncLogEntry } from '../store/sync-log-repo.ts';
import {
  completePush,
  failPush,
  leaseDuePushes,
  releasePush,
  type DuePush,
} from '../store/sync-queue-repo.ts';
import { splitListingsToZero } from './burst-cut-check.ts';
import { computeTargetsWithAllocations, type ListingTarget } from './listing-targets.ts';
import { markShopListingsForPush } from './push-marks.ts';
import { onRetrySucceeded } from './push-recovery.ts';
import type { ShopConnectors } from './shop-connectors.ts';
import { shopSettingsOf } from './shop-settings.ts';

export interface PusherDeps {
  db: Kysely<DB>;
  connectors: ShopConnectors;
  clock: Clock;
  ids: Ids;
  skipLocked: boolean;
  /** Every shop of a tenant (allocations split stock among all of them). */
  tenantShops: (tenantId: string) => Promise<Map<string, ShopRecord>>;
  observeLatency?: (ms: number) => void;
  random?: () => number;
  /**
   * When a failed push is tried again: the platform schedule (domain/sync/retry-schedule.ts) by
   * default. Tests and simulations pass a scaled one to play minutes of outage in seconds.
   */
  retrySchedule?: typeof nextRetryAtMs;
}

const LEASE_MS = 60_000;
/** How often a split pool's deferred figures are checked during a burst (burst-cut-check.ts). */
const BURST_RECHECK_MS = 1_000;
const BATCH = 200;

/** Pushes what is due for the shop; returns the number of platform calls' worth of listings sent. */
export async function pushShop(deps: PusherDeps, shop: ShopRecord): Promise<number> {
  if (shop.status !== 'active') return 0;
  const due = await leaseDuePushes(deps.db, shop.id, {
    nowMs: deps.clock.nowMs(),
    leaseMs: LEASE_MS,
    limit: BATCH,
    skipLocked: deps.skipLocked,
  });
  if (due.length === 0) return 0;
  const listings = new Map(
    (
      await findListingsByIds(
        deps.db,
        due.map((d) => d.listingId),
      )
    ).map((l) => [l.id, l]),
  );
  // Counted before the pool is read: an order applied in between is then held back twice at
  // worst (a unit shown late), never counted nowhere (a unit shown twice).
  const unread = await countUnreadOrders(deps.db, { shopId: shop.id });
  const tenantShops = await deps.tenantShops(shop.tenantId);
  const { targets, allocations } = await computeTargetsWithAllocations(
    deps.db,
    shop.tenantId,
    [...listings.values()],
    tenantShops,
    deps.clock.nowMs(),
  );
  // Split pools in a burst: a figure goes out only to zero, and only when the shops together can
  // sell more than the pool holds (burst-cut-check.ts); every other one waits for the burst's end.
  const splitInBurstSkus = [
    ...new Set(
      targets
        .filter((t) => !t.riseAllowed && t.quantity > 0)
        .map((t) => listings.get(t.listingId)?.skuId)
        .filter((id): id is number => id !== null && id !== undefined),
    ),
  ];
  const toZero =
    splitInBurstSkus.length === 0
      ? new Set<string>()
      : await splitListingsToZero(deps.db, {
          tenantId: shop.tenantId,
          skuIds: splitInBurstSkus,
          allocations,
          shops: tenantShops,
        });
  const toSend: Array<{ push: DuePush; listing: ListingRecord; target: Figure }> = [];
  const deferred: Array<{ listingId: string; dueAtMs: number }> = [];
  for (const push of due) {
    const listing = listings.get(push.listingId);
    const fresh = targets.find((t) => t.listingId === push.listingId);
    // An FBA listing is Amazon's to show: a quantity written to it would make it merchant-fulfilled.
    if (!listing || !fresh || listing.skuId === null || listing.fulfilledByPlatform) {
      await completePush(deps.db, push);
      continue;
    }
    let target = withUnreadHeldBack(fresh, unread);
    if (!fresh.riseAllowed && listing.targetQuantity !== null && target.quantity > 0) {
      if (!toZero.has(listing.id)) {
        deferred.push(recheckInBurst(listing.id, fresh, deps.clock.nowMs()));
        await completePush(deps.db, push);
        continue;
      }
      target = zeroed(target);
      // Its share goes out once the burst ends.
      deferred.push(recheckInBurst(listing.id, fresh, deps.clock.nowMs()));
    }
    // The platform already shows this figure (our last push, unchanged since): no call.
    // Drift behind our back is found by reconciliation, which pushes regardless.
    const alreadyShown =
      listing.pushedQuantity === target.quantity &&
      listing.outOfSyncSinceMs === null &&
      push.attempts === 0;
    if (alreadyShown) {
      if (listing.heldBack > 0 && target.heldBack === 0)
        await clearHeldBack(deps.db, listing.id, target.quantity);
      await completePush(deps.db, push);
      continue;
    }
    toSend.push({ push, listing, target });
  }
  await sendInBatches(deps, shop, toSend);
  for (const d of deferred)
    await markShopListingsForPush(
      deps.db,
      { tenantId: shop.tenantId, shopId: shop.id },
      [d.listingId],
      {
        nowMs: deps.clock.nowMs(),
        originAtMs: d.dueAtMs,
        dueAtMs: d.dueAtMs,
      },
    );
  return toSend.length;
}

/** What the push sends: the target less the unread orders' listings; `quantity` is the sum sent. */
function withUnreadHeldBack(target: ListingTarget, unread: number): Figure {
  if (unread === 0) return { ...target, heldBack: 0 };
  const stock = holdBackForUnreadOrders(target.stock, unread);
  const quantity = stock.reduce((sum, s) => sum + s.quantity, 0);
  return { ...target, stock, quantity, heldBack: target.quantity - quantity };
}

/**
 * When a split pool's deferred figure is looked at again: at the burst's end, or within a second,
 * as the pool may shrink by other means meanwhile (and a listing already queued keeps its time, so
 * a stock-take would not bring it forward).
 */
function recheckInBurst(
  listingId: string,
  target: ListingTarget,
  nowMs: number,
): { listingId: string; dueAtMs: number } {
  return { listingId, dueAtMs: Math.min(target.burstEndsAtMs ?? nowMs, nowMs + BURST_RECHECK_MS) };
}

/** The figure set to zero in every warehouse; what the target had more counts as held back. */
function zeroed(figure: Figure): Figure {
  return {
    ...figure,
    stock: figure.stock.map((s) => ({ ...s, quantity: 0 })),
    quantity: 0,
    heldBack: figure.heldBack + figure.quantity,
  };
}

/** A figure to send: `quantity` is what the platform will show, `heldBack` what the target had more. */
type Figure = ListingTarget & { heldBack: number };

/**
 * When each shop's platform last confirmed a push, per database handle (per StockPool) and per
 * worker. A failure within ANSWERING_WINDOW_MS of such an answer is the call's own (a random 500,
 * an answer lost after the write, one throttle), not an outage, and is retried within seconds
 * (domain/sync/retry-schedule.ts); another worker's answers are not seen here, which only means
 * its shops' failures take the outage schedule.
 */
const lastAnswered = new WeakMap<object, Map<string, number>>();
const ANSWERING_WINDOW_MS = 10_000;

function answersOf(deps: PusherDeps): Map<string, number> {
  let answers = lastAnswered.get(deps.db);
  if (!answers) {
    answers = new Map();
    lastAnswered.set(deps.db, answers);
  }
  return answers;
}

/** How the platform failed a batch's listings, for the retry schedule. */
interface FailureContext {
  /** The whole call's Retry-After (a per-listing one, when given, wins). */
  retryAfterMs: number | null;
  platformAnswering: boolean;
}

async function sendInBatches(deps: PusherDeps, shop: ShopRecord, items: SendItem[]): Promise<void> {
  if (items.length === 0) return;
  const connector = deps.connectors.connectorFor(shop);
  const answers = answersOf(deps);
  const answeredRecently = () =>
    deps.clock.nowMs() - (answers.get(shop.id) ?? -Infinity) <= ANSWERING_WINDOW_MS;
  for (let i = 0; i < items.length; i += connector.maxPushBatch) {
    const batch = items.slice(i, i + connector.maxPushBatch);
    // Listings whose call the platform answered while the batch's other calls still ran are
    // recorded at once: their leases end, and a figure queued for them meanwhile goes out in the
    // shop's next round instead of waiting for the slowest call of this one.
    const early = new EarlyRecords(batch, (answered, results) => {
      answers.set(shop.id, deps.clock.nowMs());
      return recordResults(deps, shop, answered, results, {
        retryAfterMs: null,
        platformAnswering: true,
      });
    });
    let results: StockPushResult[];
    try {
      results = await connector.setStock(
        batch.map((b) => ({
          listing: { itemId: b.listing.itemId, variantId: b.listing.variantId },
          stock: b.target.stock,
        })),
        { onCallAnswered: (answered) => early.take(answered) },
      );
    } catch (error) {
      await early.settled();
      const rest = batch.filter((_, index) => !early.recorded.has(index));
      const message = error instanceof Error ? error.message : String(error);
      const retryable = isConnectorError(error) ? error.retryable : true;
      const retryAfterMs = isConnectorError(error) ? error.retryAfterMs : null;
      results = rest.map((b) => ({
        listing: { itemId: b.listing.itemId, variantId: b.listing.variantId },
        ok: false as const,
        platformCode: isConnectorError(error) ? (error.platformCode ?? error.code) : 'ERROR',
        message,
        retryable,
      }));
      // A throttle is an answer: the platform is up and says when to come back.
      const throttled = isConnectorError(error) && error.code === 'RATE_LIMITED';
      await recordResults(deps, shop, rest, results, {
        retryAfterMs,
        platformAnswering: throttled || answeredRecently(),
      });
      continue;
    }
    await early.settled();
    if (results.some((r) => r?.ok)) answers.set(shop.id, deps.clock.nowMs());
    const rest = [...batch.entries()].filter(([index]) => !early.recorded.has(index));
    await recordResults(
      deps,
      shop,
      rest.map(([, item]) => item),
      rest.map(([index]) => results[index] as StockPushResult),
      { retryAfterMs: null, platformAnswering: answeredRecently() },
    );
  }
}

/** One listing of a push round: its lease, its record, and the figure to send. */
type SendItem = { push: DuePush; listing: ListingRecord; target: Figure };

/**
 * The listings of one batch confirmed while the batch still runs (SetStockOptions), recorded one
 * call after another in the order the platform answered; a failure to record is kept and thrown
 * by `settled`, never left as an unhandled rejection while the batch's calls run on.
 */
class EarlyRecords {
  /** Indexes in the batch of the listings recorded (or being recorded) early. */
  readonly recorded = new Set<number>();
  private chain: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly batch: SendItem[],
    private readonly record: (items: SendItem[], results: StockPushResult[]) => Promise<void>,
  ) {}

  /** Takes a call's confirmed listings; its failures wait for the batch's end, with the rest. */
  take(answered: StockPushResult[]): void {
    const items: SendItem[] = [];
    const results: StockPushResult[] = [];
    for (const result of answered) {
      if (!result.ok) continue;
      this.batch.forEach((item, index) => {
        if (this.recorded.has(index) || !sameListing(item.listing, result.listing)) return;
        this.recorded.add(index);
        items.push(item);
        results.push(result);
      });
    }
    if (items.length === 0) return;
    this.chain = this.chain
      .then(() => (this.failure === null ? this.record(items, results) : undefined))
      .catch((error: unknown) => {
        this.failure ??= { error };
      });
  }

  async settled(): Promise<void> {
    await this.chain;
    if (this.failure !== null) throw this.failure.error;
  }
}

function sameListing(a: ListingRef, b: ListingRef): boolean {
  return a.itemId === b.itemId && a.variantId === b.variantId;
}

async function recordResults(
  deps: PusherDeps,
  shop: ShopRecord,
  batch: SendItem[],
  results: StockPushResult[],
  failed: FailureContext,
): Promise<void> {
  const nowMs = deps.clock.nowMs();
  const log: SyncLogEntry[] = [];
  let recovered = false;
  for (const [index, item] of batch.entries()) {
    const result = results[index];
    const base = {
      tenantId: shop.tenantId,
      shopId: shop.id,
      listingId: item.listing.id,
      atMs: nowMs,
    };
    if (result?.ok) {
      if (item.push.attempts > 0) recovered = true;
      await recordConfirmed(deps.db, item.listing, { figure: item.target, nowMs });
      await completePush(deps.db, item.push);
      const latencyMs = Math.max(0, nowMs - item.push.originAtMs);
      deps.observeLatency?.(latencyMs);
      log.push({
        ...base,
        kind: 'push',
        quantity: item.target.quantity,
        previousQuantity: item.listing.pushedQuantity,
        latencyMs,
        // Shown in the sync log so a seller sees why a figure was briefly below the pool.
        detail: item.target.heldBack > 0 ? `held_back:${item.target.heldBack}` : null,
      });
      if (item.listing.outOfSyncSinceMs !== null)
        await resolveAlert(deps.db, {
          tenantId: shop.tenantId,
          kind: 'out_of_sync',
          subject: item.listing.id,
          nowMs,
        });
      continue;
    }
    // Not called (an earlier call of the batch failed): pushed again with a fresh figure, after
    // the platform's Retry-After if it gave one; not a failed attempt.
    if (result?.ok === false && result.notSent === true) {
      await releasePush(deps.db, item.push, nowMs + (result.retryAfterMs ?? 0));
      continue;
    }
    const failure = result ?? {
      ok: false as const,
      platformCode: 'MISSING',
      message: 'no result for this listing',
      retryable: true,
      retryAfterMs: null,
      listing: item.push,
    };
    const retryAtMs = failure.retryable
      ? (deps.retrySchedule ?? nextRetryAtMs)({
          attempts: item.push.attempts + 1,
          nowMs,
          retryAfterMs: failure.retryAfterMs ?? failed.retryAfterMs,
          random: (deps.random ?? Math.random)(),
          platformAnswering: failed.platformAnswering,
        })
      : null;
    await failPush(deps.db, item.push, {
      error: `${failure.platformCode}: ${failure.message}`,
      retryAtMs,
    });
    await markOutOfSync(deps.db, item.listing.id, item.listing.outOfSyncSinceMs ?? nowMs);
    log.push({
      ...base,
      kind: 'push_failed',
      quantity: item.target.quantity,
      detail: `${failure.platformCode}: ${failure.message}`,
    });
    await alertIfLate(deps, shop, item.listing, {
      nowMs,
      dead: retryAtMs === null,
      error: failure.message,
    });
  }
  await appendSyncLog(deps.db, log);
  if (recovered) await onRetrySucceeded(deps.db, shop.id, nowMs);
}

/**
 * Records the figure the platform confirmed, by compare-and-set on the last pushed figure: when it
 * changed while this push was in flight (forgotten by push-marks.ts forgetShownFigures because the
 * platform put a cancelled order's units back on sale, perhaps after this call landed; or replaced
 * by a reconciliation read) what buyers see is not known to be this figure, so only the target is
 * recorded and the push queued meanwhile is sent rather than skipped as already shown.
 */
async function recordConfirmed(
  db: Kysely<DB>,
  listing: ListingRecord,
  push: { figure: Figure; nowMs: number },
): Promise<void> {
  const expected = listing.pushedQuantity;
  const target = push.figure.quantity + push.figure.heldBack;
  const r = await db
    .updateTable('listings')
    .set({
      target_quantity: target,
      pushed_quantity: push.figure.quantity,
      held_back: push.figure.heldBack,
      pushed_at: push.nowMs,
      out_of_sync_since: null,
    })
    .where('id', '=', listing.id)
    .where((eb) =>
      expected === null ? eb('pushed_quantity', 'is', null) : eb('pushed_quantity', '=', expected),
    )
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await recordTarget(db, listing.id, target);
}

/** A red alert once the listing has been out of sync past the shop's setting, or is a dead letter. */
async function alertIfLate(
  deps: PusherDeps,
  shop: ShopRecord,
  listing: ListingRecord,
  state: { nowMs: number; dead: boolean; error: string },
): Promise<void> {
  const since = listing.outOfSyncSinceMs ?? state.nowMs;
  const limitMs = shopSettingsOf(shop.settingsJson).outOfSyncAlertMinutes * 60_000;
  if (!state.dead && state.nowMs - since < limitMs) return;
  await raiseAlert(deps.db, {
    tenantId: shop.tenantId,
    kind: 'out_of_sync',
    subject: listing.id,
    level: 'red',
    params: {
      shopId: shop.id,
      listing: listing.sellerSku,
      since,
      deadLetter: state.dead,
      error: state.error.slice(0, 200),
    },
    nowMs: state.nowMs,
    newId: () => deps.ids.next('alr'),
  });
}
