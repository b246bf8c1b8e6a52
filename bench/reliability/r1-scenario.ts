/**
 * R1 (QUALITY.md): order events through the real HTTP intake while the sync worker, a separate
 * `stockpool worker` process, is killed with SIGKILL at random moments and restarted; after each
 * restart the platforms re-deliver their last webhooks. StockPool's API (the intake) runs in a
 * thread of its own and stays up; buyers on the TikTok Shop and Shopee emulators place, pay and
 * cancel orders. At the end a worker that is not killed finishes the backlog, and the checks
 * compare every order on the platforms with StockPool's records (r1-checks.ts).
 */
import { generateSecretKeyText } from '../../src/access/secret-box.ts';
import { seededRandom, sleep } from '../../sandbox/kit/faults.ts';
import { openChannelRig, type ChannelRig, type EmulatedShop } from '../support/channel-rig.ts';
import { Buyers } from './buyers.ts';
import { checkR1, type R1Checks } from './r1-checks.ts';
import type { Sample } from './side-queries.ts';
import type { ReliabilitySetup } from './stockpool-thread.ts';
import { startWorkerProcess, type WorkerProcess } from './worker-process.ts';

export interface R1Options {
  engine: 'postgres' | 'sqlite';
  /** Order webhooks the platforms send (first deliveries; re-deliveries come on top). */
  events: number;
  kills: number;
  eventsPerSecond: number;
  /** Webhooks each platform sends again after every restart. */
  redeliverLast: number;
  skus: number;
  shopsPerPlatform: number;
  seed: number;
  /** After the last event and kill: how long the surviving worker may take to finish. */
  settleTimeoutMs: number;
}

export const R1_DEFAULTS: R1Options = {
  engine: 'postgres',
  events: 100_000,
  kills: 200,
  eventsPerSecond: 150,
  redeliverLast: 20,
  skus: 20,
  shopsPerPlatform: 2,
  seed: 1,
  settleTimeoutMs: 180_000,
};

export interface R1Result {
  options: R1Options;
  eventsSent: number;
  redelivered: number;
  orders: number;
  refusedBuyerActions: number;
  kills: { total: number; whileRunning: number; duringStartup: number; unexpectedExits: string[] };
  settleMs: number;
  runMs: number;
  checks: R1Checks;
  workerOutputTail: string;
}

export async function runR1(options: R1Options): Promise<R1Result> {
  const startedAt = Date.now();
  const secretKey = generateSecretKeyText();
  const codes = Array.from({ length: options.skus }, (_, i) => `R1-${i + 1}`);
  // Plenty of stock: R1 is about events, not the last unit (no order may be refused for stock).
  const opening = Math.ceil((options.events * 2) / options.skus) + 100;
  const setup: ReliabilitySetup = {
    engine: options.engine,
    skus: codes.map((code) => ({ code, opening })),
    secretKey,
    inThreadWorker: false,
  };
  const rig = await openChannelRig(new URL('./stockpool-thread.ts', import.meta.url), setup);
  const workers: WorkerProcess[] = [];
  try {
    const shops: Array<EmulatedShop & { shopId: string }> = [];
    for (const platform of ['tiktok-shop', 'shopee'] as const)
      for (let i = 0; i < options.shopsPerPlatform; i++)
        shops.push(await rig.connectShop({ platform, key: `r1-${platform}-${i}`, skus: codes }));
    // The platforms start showing the pool, as after a first push.
    for (const shop of shops)
      for (const code of codes) {
        const ref = shop.ref(code);
        shop.emulator.setShownStock(
          shop.platformShopId,
          ref,
          shop.access.platformWarehouseId,
          opening,
        );
      }
    const databaseUrl = await rig.call<string>('databaseUrl');
    const buyers = new Buyers(shops, codes, options.seed);
    const eventsSent = () =>
      [rig.emulators.tiktok, rig.emulators.shopee].reduce(
        (n, e) => n + e.webhookDeliveries().filter((d) => d.redelivery !== true).length,
        0,
      );
    const driving = driveBuyers(buyers, options, eventsSent);
    const killing = killWorkers(rig, options, { databaseUrl, secretKey, workers, driving });
    await driving.done;
    const kills = await killing;
    // A worker that is not killed finishes the backlog (leases of killed workers run out first).
    const survivor = startWorkerProcess({ databaseUrl, secretKey });
    workers.push(survivor);
    const settleFrom = Date.now();
    await Promise.all([rig.emulators.tiktok.drainWebhooks(), rig.emulators.shopee.drainWebhooks()]);
    await waitUntilSettled(rig, shops, options.settleTimeoutMs);
    const settleMs = Date.now() - settleFrom;
    const checks = await checkR1(rig, shops, buyers.book);
    return {
      options,
      eventsSent: eventsSent(),
      redelivered: kills.redelivered,
      orders: buyers.book.length,
      refusedBuyerActions: buyers.refused,
      kills: kills.summary,
      settleMs,
      runMs: Date.now() - startedAt,
      checks,
      workerOutputTail: survivor.output().slice(-2_000),
    };
  } finally {
    for (const w of workers) await w.kill('SIGTERM');
    await rig.close();
  }
}

/** Buyers act at the run's event rate until the platforms have sent `events` webhooks. */
function driveBuyers(
  buyers: Buyers,
  options: R1Options,
  eventsSent: () => number,
): { done: Promise<void>; finished: () => boolean } {
  let finished = false;
  const done = (async () => {
    const from = Date.now();
    let acted = 0;
    // Counting the platforms' deliveries copies their records: done twice a second, not per order.
    while (eventsSent() < options.events) {
      for (let n = 0; n < 25; n++) {
        const due = Math.floor(((Date.now() - from) / 1000) * options.eventsPerSecond);
        for (; acted < due; acted++) buyers.act(Date.now());
        await sleep(20);
      }
    }
    finished = true;
  })();
  return { done, finished: () => finished };
}

interface KillSummary {
  summary: R1Result['kills'];
  redelivered: number;
}

/**
 * Starts a worker, lets it live a random while (spread so the kills cover the event stream), kills
 * it with SIGKILL, has both platforms re-deliver their last webhooks, and starts the next.
 */
async function killWorkers(
  rig: ChannelRig,
  options: R1Options,
  ctx: {
    databaseUrl: string;
    secretKey: string;
    workers: WorkerProcess[];
    driving: { finished: () => boolean };
  },
): Promise<KillSummary> {
  const random = seededRandom(options.seed + 1);
  const meanLifeMs = Math.max(
    1_000,
    (options.events / options.eventsPerSecond / options.kills) * 1000,
  );
  const summary: R1Result['kills'] = {
    total: 0,
    whileRunning: 0,
    duringStartup: 0,
    unexpectedExits: [],
  };
  let redelivered = 0;
  while (summary.total < options.kills) {
    const worker = startWorkerProcess(ctx);
    ctx.workers.push(worker);
    const lifeMs = meanLifeMs * (0.2 + 1.6 * random());
    const early = await Promise.race([sleep(lifeMs).then(() => null), worker.exited]);
    if (early !== null) summary.unexpectedExits.push(`${early}: ${worker.output().slice(-300)}`);
    if (worker.running()) summary.whileRunning += 1;
    else summary.duringStartup += 1;
    await worker.kill('SIGKILL');
    ctx.workers.splice(ctx.workers.indexOf(worker), 1);
    summary.total += 1;
    redelivered += rig.emulators.tiktok.redeliverLastWebhooks(options.redeliverLast);
    redelivered += rig.emulators.shopee.redeliverLastWebhooks(options.redeliverLast);
  }
  return { summary, redelivered };
}

/** Waits until no event is pending, no push is queued and every shop shows available. */
async function waitUntilSettled(
  rig: ChannelRig,
  shops: Array<EmulatedShop & { shopId: string }>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const sample = await rig.call<Sample>('sample');
    const off = mismatches(sample, shops);
    last = `${sample.unreadEvents} events pending, ${off.length} listings off (${off.slice(0, 3).join('; ')})`;
    if (sample.unreadEvents === 0 && off.length === 0) return;
    await sleep(1_000);
  }
  throw new Error(`R1 did not settle within ${timeoutMs} ms: ${last}`);
}

/** Listings whose shop does not show the SKU's available (shared pool: every shop shows it all). */
export function mismatches(
  sample: Sample,
  shops: Array<EmulatedShop & { shopId: string }>,
): string[] {
  const byId = new Map(shops.map((s) => [s.shopId, s]));
  const off: string[] = [];
  for (const l of sample.listings) {
    const shop = byId.get(l.shopId);
    if (!shop) continue;
    const shown = shop.shown(l.sku);
    const available = sample.available[l.sku] ?? 0;
    if (shown !== available || l.pushedQuantity !== available)
      off.push(
        `${shop.access.key}/${l.sku} shows ${shown}, pushed ${l.pushedQuantity}${l.unconfirmed ? ' (unconfirmed)' : ''}, available ${available}` +
          (l.push
            ? ` [push: ${l.push.attempts} attempts, next in ${l.push.nextAttemptAtMs - sample.atMs} ms, ${l.push.lastError}]`
            : ''),
      );
  }
  return off;
}
