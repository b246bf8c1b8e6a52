/**
 * The sync worker: one loop that keeps every shop in step with the pool. Each round starts, where
 * not already running: inbox processing, outbox expansion (changed SKUs → listings to push),
 * pushes per shop (each shop on its own, so a slow platform never delays another), cancellations
 * of unfillable orders, and the periodic jobs (reconciliation, order polling, inbox retention) on
 * one schedule shared by every worker (store/job-locks.ts), so two workers do not run them twice
 * as often. Several workers may run against PostgreSQL: queue
 * rows are leased with FOR UPDATE SKIP LOCKED.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../store/dialect-name.ts';
import { purgeInbox, shopsWithDueEvents } from '../store/inbox-repo.ts';
import { claimJobRun, runExclusive } from '../store/job-locks.ts';
import type { DB } from '../store/schema.ts';
import { listActiveShopIds, listShopsByIds } from '../store/shops-repo.ts';
import {
  completeChangedSkus,
  leaseChangedSkus,
  shopsWithDuePushes,
} from '../store/sync-queue-repo.ts';
import { processInbox, type InboxProcessorDeps } from './inbox-processor.ts';
import { drainEventQueues, EVENT_QUEUE_INTERVAL_MS } from './event-queues.ts';
import { LOST_PUSH_INTERVAL_MS, recoverLostPushes } from './lost-pushes.ts';
import { cancelUnfillableOrders } from './order-cancellations.ts';
import { pollShopOrders } from './order-poller.ts';
import { pushShop, type PusherDeps } from './pusher.ts';
import { PROBE_INTERVAL_MS, probeWaitingShops } from './push-recovery.ts';
import { markSkusForPush } from './push-marks.ts';
import { reconcileShop } from './reconciler.ts';
import { shopSettingsOf } from './shop-settings.ts';

export interface SyncWorkerDeps extends InboxProcessorDeps, PusherDeps {
  dialect: DialectName;
  db: Kysely<DB>;
  /** Idle wait between rounds when there was nothing to do. */
  idleMs?: number;
  /** Processed inbox ids are kept this long (longer than any platform's retry horizon). */
  inboxRetentionMs?: number;
  /**
   * Least time between two push rounds to one shop, per listing the last round sent (at most
   * 1 s). A burst of orders then costs a push per listing per interval, not one per order applied
   * (the platforms' write limits and the calls per sale), at the price of up to this much added
   * latency during the burst; a push after a quiet spell goes out at once.
   */
  pushIntervalMs?: number;
  /** How often a shop whose pushes all wait out a backoff is probed (push-recovery.ts). */
  probeIntervalMs?: number;
  /** Reconciliation and polling on/off (tests of one mechanism turn the others off). */
  periodic?: boolean;
  onError?: (where: string, error: unknown) => void;
}

export const DEFAULT_INBOX_RETENTION_MS = 7 * 24 * 3600_000;
export const DEFAULT_PUSH_INTERVAL_MS = 150;
/** The longest a shop's next push round waits however many calls the last one made. */
const MAX_PUSH_GAP_MS = 1_000;
/** A push round running this long is waiting on a slow call: the shop may start another beside it. */
const STALLED_ROUND_MS = 1_000;
/** At most this many push rounds of one shop at once (one running, the others beside stalled ones). */
const MAX_PUSH_ROUNDS_PER_SHOP = 3;
/** How often the periodic jobs' schedules are looked at (no job runs more often than this). */
const PERIODIC_CHECK_MS = 1_000;
/** Least time between two rounds of the loop. */
const ROUND_GAP_MS = 20;

export class SyncWorker {
  private readonly tasks = new Map<string, Promise<void>>();
  private readonly taskStartedAt = new Map<string, number>();
  private readonly lastRun = new Map<string, number>();
  private nextPeriodicAt = -Infinity;
  /** Counts tasks that found work: drain() stops only after a round in which none did. */
  private workFound = 0;
  /** When each shop's last push round started (see pushIntervalMs). */
  private readonly lastPushAt = new Map<string, number>();
  /** Least time from each shop's last push round to its next (see pushIntervalMs). */
  private readonly pushGap = new Map<string, number>();
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;

  constructor(private readonly deps: SyncWorkerDeps) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.runLoop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.allSettled([...this.tasks.values()]);
  }

  /** Something arrived (a webhook, a stock change): start a round now instead of after the idle wait. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Runs rounds until every queue is empty and no task is running (tests, the sandbox). */
  async drain(maxRounds = 1_000): Promise<void> {
    for (let i = 0; i < maxRounds; i++) {
      const workBefore = this.workFound;
      const { busy, pushGateOpensAt } = await this.round();
      await Promise.allSettled([...this.tasks.values()]);
      if (pushGateOpensAt !== null) {
        await sleep(pushGateOpensAt - this.deps.clock.nowMs());
        continue;
      }
      // A task that found work (an order applied, a push sent) may have queued more.
      if (!busy && this.tasks.size === 0 && this.workFound === workBefore) return;
    }
  }

  private async runLoop(): Promise<void> {
    let lastRoundAt = -Infinity;
    while (this.running) {
      // Webhooks wake the loop one by one; a burst of 200 a second must not become 200 rounds a
      // second, each with its own queue queries (and, on SQLite, its own share of the thread).
      await sleep(lastRoundAt + ROUND_GAP_MS - performance.now());
      lastRoundAt = performance.now();
      const { busy, pushGateOpensAt } = await this.round().catch((error: unknown) => {
        this.deps.onError?.('round', error);
        return { busy: false, pushGateOpensAt: null };
      });
      if (busy || !this.running) continue;
      const idleMs = this.deps.idleMs ?? 100;
      const waitMs =
        pushGateOpensAt === null
          ? idleMs
          : Math.min(idleMs, pushGateOpensAt - this.deps.clock.nowMs());
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, waitMs));
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  /**
   * One round. `busy`: it found queued work; `pushGateOpensAt`: the earliest time a shop with due
   * pushes, held back by pushIntervalMs, may push (null when none is held back).
   */
  private async round(): Promise<{ busy: boolean; pushGateOpensAt: number | null }> {
    const nowMs = this.deps.clock.nowMs();
    let busy = false;
    for (const shopId of await shopsWithDueEvents(this.deps.db, nowMs))
      this.spawn(`inbox:${shopId ?? ''}`, async () => {
        if ((await processInbox(this.deps, shopId)) > 0) this.foundWork();
      });
    busy = (await this.expandOutbox(nowMs)) > 0 || busy;
    const intervalMs = this.deps.pushIntervalMs ?? DEFAULT_PUSH_INTERVAL_MS;
    let pushGateOpensAt: number | null = null;
    const shopIds = await shopsWithDuePushes(this.deps.db, nowMs);
    for (const shop of await listShopsByIds(this.deps.db, shopIds)) {
      const name = this.freePushRound(shop.id, nowMs);
      if (name === null) continue;
      const opensAt =
        (this.lastPushAt.get(shop.id) ?? -Infinity) + (this.pushGap.get(shop.id) ?? intervalMs);
      if (opensAt > nowMs) {
        pushGateOpensAt = Math.min(pushGateOpensAt ?? opensAt, opensAt);
        continue;
      }
      this.lastPushAt.set(shop.id, nowMs);
      this.spawn(name, async () => {
        const sent = await pushShop(this.deps, shop);
        // The next round waits in proportion to the calls this one made: one SKU selling fast is
        // pushed about every 150 ms, three about every 450 ms — in a burst of 200 orders/s over
        // five shops that is about 0.17 stock updates per sale either way.
        this.pushGap.set(shop.id, Math.min(MAX_PUSH_GAP_MS, Math.max(1, sent) * intervalMs));
        if (sent > 0) this.foundWork();
      });
    }
    this.spawn('cancellations', async () => {
      if ((await cancelUnfillableOrders(this.deps)) === 0) return;
      // The platforms put the cancelled units back on sale: take them down without waiting for
      // the shops' push interval.
      this.lastPushAt.clear();
      this.foundWork();
    });
    // Part of the push retries, so it runs even where tests turn the periodic jobs off.
    const probeMs = this.deps.probeIntervalMs ?? PROBE_INTERVAL_MS;
    this.spawn('push-probe', () =>
      this.every('push-probe', probeMs, nowMs, async () => {
        if ((await probeWaitingShops(this.deps.db, nowMs, probeMs)).length > 0) this.foundWork();
      }),
    );
    // Amazon's events arrive only through its queue: the webhooks' way in, so never turned off.
    this.spawn('event-queues', () =>
      this.every('event-queues', EVENT_QUEUE_INTERVAL_MS, nowMs, async () => {
        if ((await drainEventQueues(this.deps)) > 0) this.foundWork();
      }),
    );
    if (this.deps.periodic !== false) this.spawn('periodic', () => this.runPeriodic(nowMs));
    return { busy, pushGateOpensAt };
  }

  /**
   * The task name for a new push round to the shop, or null while one runs that is not stalled.
   * A round ends when its last call does, and a write the platform never answers holds it for the
   * whole write timeout (6 s): the shop's other listings would wait that long behind it (R5: about
   * half of all 30-listing rounds under the fault mix). Leases keep a listing in flight out of any
   * other round, so a round beside a stalled one sends only other listings, and the shop's client
   * limiter still paces every call.
   */
  private freePushRound(shopId: string, nowMs: number): string | null {
    let free: string | null = null;
    for (let slot = 0; slot < MAX_PUSH_ROUNDS_PER_SHOP; slot++) {
      const name = `push:${shopId}:${slot}`;
      const startedAt = this.taskStartedAt.get(name);
      if (startedAt === undefined) free ??= name;
      else if (nowMs - startedAt < STALLED_ROUND_MS) return null;
    }
    return free;
  }

  private foundWork(): void {
    this.workFound += 1;
    this.wake();
  }

  private spawn(name: string, task: () => Promise<void>): void {
    if (this.tasks.has(name)) return;
    const run = task()
      .catch((error: unknown) => this.deps.onError?.(name, error))
      .finally(() => {
        this.tasks.delete(name);
        this.taskStartedAt.delete(name);
      });
    this.tasks.set(name, run);
    this.taskStartedAt.set(name, this.deps.clock.nowMs());
  }

  /** The tasks running now, longest first, with how long each has run (diagnostics). */
  runningTasks(): Array<{ name: string; runningMs: number }> {
    const nowMs = this.deps.clock.nowMs();
    return [...this.taskStartedAt]
      .map(([name, since]) => ({ name, runningMs: nowMs - since }))
      .sort((a, b) => b.runningMs - a.runningMs);
  }

  private async expandOutbox(nowMs: number): Promise<number> {
    const changed = await leaseChangedSkus(this.deps.db, {
      nowMs,
      leaseMs: 30_000,
      limit: 500,
      skipLocked: this.deps.skipLocked,
    });
    const byTenant = new Map<string, typeof changed>();
    for (const c of changed) byTenant.set(c.tenantId, [...(byTenant.get(c.tenantId) ?? []), c]);
    for (const [tenantId, list] of byTenant) {
      await markSkusForPush(this.deps.db, {
        tenantId,
        skuIds: list.map((c) => c.skuId),
        originAtMs: Math.min(...list.map((c) => c.changedAtMs)),
        nowMs,
      });
    }
    await completeChangedSkus(this.deps.db, changed);
    return changed.length;
  }

  private async runPeriodic(nowMs: number): Promise<void> {
    // Rounds come every 20 ms in a burst; the shops and their schedules are looked at once a second.
    if (nowMs < this.nextPeriodicAt) return;
    this.nextPeriodicAt = nowMs + PERIODIC_CHECK_MS;
    const shops = await listShopsByIds(this.deps.db, await listActiveShopIds(this.deps.db));
    // One task per shop: a platform that stalls holds back its own shop's jobs, not every shop's.
    for (const shop of shops)
      this.spawn(`periodic:${shop.id}`, async () => {
        const settings = shopSettingsOf(shop.settingsJson);
        await this.every(
          `reconcile:${shop.id}`,
          settings.reconcileIntervalSeconds * 1000,
          nowMs,
          () => reconcileShop(this.deps, shop).then(() => undefined),
        );
        await this.every(`poll:${shop.id}`, settings.pollIntervalSeconds * 1000, nowMs, () =>
          pollShopOrders(this.deps, shop).then(() => undefined),
        );
      });
    await this.every('lost-pushes', LOST_PUSH_INTERVAL_MS, nowMs, () =>
      recoverLostPushes(this.deps).then(() => undefined),
    );
    await this.every('purge-inbox', 3600_000, nowMs, async () => {
      await purgeInbox(
        this.deps.db,
        nowMs - (this.deps.inboxRetentionMs ?? DEFAULT_INBOX_RETENTION_MS),
      );
    });
  }

  private async every(
    name: string,
    intervalMs: number,
    nowMs: number,
    job: () => Promise<void>,
  ): Promise<void> {
    // This worker started it within the interval: no need to ask the database.
    if (nowMs - (this.lastRun.get(name) ?? -Infinity) < intervalMs) return;
    this.lastRun.set(name, nowMs);
    try {
      // The schedule is shared by every worker (job_runs); the lock keeps a long run from
      // overlapping the next one.
      if (!(await claimJobRun(this.deps.db, name, { nowMs, intervalMs }))) return;
      await runExclusive(this.deps.db, this.deps.dialect, name, job);
    } catch (error) {
      this.deps.onError?.(name, error);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
