/**
 * R5 (QUALITY.md): both emulated platforms answer 5% 500s, time out 2% of calls after applying
 * them, refuse 1% with 429 and a Retry-After, and answer after a log-normal latency (median
 * 150 ms, p99 1.5 s, capped); meanwhile stock changes flow through StockPool — receipts and
 * stock-takes through its inventory service, orders placed, paid and cancelled by buyers on the
 * platforms (webhooks to its HTTP intake). StockPool runs in a thread of its own with its sync
 * worker on production settings. During the run a watch compares what every shop shows with what
 * StockPool had available (shown-watch.ts); after the last change: every listing's confirmed
 * figure equals its target and the platform shows it (I5), within 60 s; every dead letter has an
 * alert; the stock invariants hold.
 */
import { generateSecretKeyText } from '../../src/access/secret-box.ts';
import type { InvariantViolation } from '../../src/store/invariant-check.ts';
import { seededRandom, sleep, type FaultSettings } from '../../sandbox/kit/faults.ts';
import { openChannelRig, type EmulatedShop } from '../support/channel-rig.ts';
import { Buyers } from './buyers.ts';
import { mismatches } from './r1-scenario.ts';
import type { Ledger, Sample, StockChange } from './side-queries.ts';
import type { ReliabilitySetup } from './stockpool-thread.ts';
import { ShownWatch, type ShownWatchReport } from './shown-watch.ts';

export interface R5Options {
  engine: 'sqlite' | 'postgres';
  changes: number;
  changesPerSecond: number;
  skus: number;
  shopsPerPlatform: number;
  /** Share of changes that are buyers' actions on the platforms (the rest receipts/stock-takes). */
  orderShare: number;
  seed: number;
  errorRate: number;
  timeoutAfterApplyRate: number;
  throttleRate: number;
  retryAfterSeconds: number;
  latencyMedianMs: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  sampleEveryMs: number;
  /** I5's limit after the last change. */
  quietLimitMs: number;
  /** How much longer than the limit convergence is waited for (to measure it when late). */
  measureBeyondMs: number;
}

export const R5_DEFAULTS: R5Options = {
  engine: 'postgres',
  changes: 100_000,
  changesPerSecond: 250,
  skus: 30,
  shopsPerPlatform: 2,
  orderShare: 0.5,
  seed: 5,
  errorRate: 0.05,
  timeoutAfterApplyRate: 0.02,
  throttleRate: 0.01,
  retryAfterSeconds: 1,
  latencyMedianMs: 150,
  latencyP99Ms: 1_500,
  latencyMaxMs: 5_000,
  sampleEveryMs: 250,
  quietLimitMs: 60_000,
  measureBeyondMs: 60_000,
};

export interface R5Result {
  options: R5Options;
  /** Changes applied; receipts and stock-takes count those sent (a refused stock-take is rare). */
  changesApplied: { total: number; buyerActions: number; receipts: number; stocktakes: number };
  refusedBuyerActions: number;
  driveMs: number;
  /** From the last change until every listing's confirmed and shown figure equals its target. */
  convergenceMs: number | null;
  /** What was still off while waiting, every 5 s. */
  convergenceTrace: string[];
  watch: ShownWatchReport;
  deadLetters: Ledger['deadLetters'];
  deadLettersWithoutAlert: Ledger['deadLetters'];
  platformStats: Record<string, { requests: number; throttled: number; stockWrites: number }>;
  invariantViolations: InvariantViolation[];
  workerErrors: string[];
  failures: string[];
  runMs: number;
}

const OPENING = 40;

export async function runR5(options: R5Options): Promise<R5Result> {
  const startedAt = Date.now();
  const codes = Array.from({ length: options.skus }, (_, i) => `R5-${i + 1}`);
  const setup: ReliabilitySetup = {
    engine: options.engine,
    skus: codes.map((code) => ({ code, opening: OPENING })),
    secretKey: generateSecretKeyText(),
    inThreadWorker: true,
  };
  const rig = await openChannelRig(new URL('./stockpool-thread.ts', import.meta.url), setup);
  try {
    const shops: Array<EmulatedShop & { shopId: string }> = [];
    for (const platform of ['tiktok-shop', 'shopee'] as const)
      for (let i = 0; i < options.shopsPerPlatform; i++)
        shops.push(await rig.connectShop({ platform, key: `r5-${platform}-${i}`, skus: codes }));
    // Faults from here on: connecting and importing the catalogue ran on a healthy platform.
    const faults: Partial<FaultSettings> = {
      errorRate: options.errorRate,
      timeoutAfterApplyRate: options.timeoutAfterApplyRate,
      throttleRate: options.throttleRate,
      retryAfterSeconds: options.retryAfterSeconds,
      latencyMedianMs: options.latencyMedianMs,
      latencyP99Ms: options.latencyP99Ms,
      latencyMaxMs: options.latencyMaxMs,
    };
    for (const e of [rig.emulators.tiktok, rig.emulators.shopee]) e.faults.update(faults);
    const read = (peakWindowMs = 0) => rig.call<Sample>('sample', peakWindowMs);
    await waitForConvergence(read, shops, 60_000).catch(async (error: unknown) => {
      throw new Error(
        `${String(error)}; worker: ${(await rig.call<string[]>('workerErrors')).join(' | ')}`,
      );
    });
    const buyers = new Buyers(shops, codes, options.seed);
    // The window covers the longest injected latency, one Retry-After pause and a second's slack.
    const watch = new ShownWatch(
      shops,
      options.latencyMaxMs + options.retryAfterSeconds * 1000 + 1_000,
    );
    const sellerCancels = watchSellerCancels(rig.emulators, shops);
    let driving = true;
    const watching = (async () => {
      while (driving) {
        await watch.check(read, (sinceMs) => [
          ...buyers.cancels.filter((c) => c.atMs >= sinceMs),
          ...sellerCancels.since(sinceMs),
        ]);
        await sleep(options.sampleEveryMs);
      }
    })();
    const driveFrom = Date.now();
    const applied = await driveChanges(
      (m, ...a) => rig.call(m, ...a),
      buyers,
      codes,
      options,
      read,
    ).finally(() => {
      driving = false;
    });
    const lastChangeAt = Date.now();
    await watching;
    const convergenceTrace: string[] = [];
    const convergedAt = await waitForConvergence(
      read,
      shops,
      options.quietLimitMs + options.measureBeyondMs,
      convergenceTrace,
    ).catch(() => null);
    const ledger = await rig.call<Ledger>('ledger');
    const alerted = new Set([...ledger.deadLetterAlerts, ...ledger.otherAlertSubjects]);
    const deadLettersWithoutAlert = ledger.deadLetters.filter((d) => !alerted.has(d.subject));
    const invariantViolations = await rig.call<InvariantViolation[]>('invariants');
    const convergenceMs = convergedAt === null ? null : convergedAt - lastChangeAt;
    const failures: string[] = [];
    if (convergenceMs === null || convergenceMs > options.quietLimitMs)
      failures.push(
        `I5: not converged within ${options.quietLimitMs} ms of quiet (${convergenceMs} ms)`,
      );
    if (watch.report.unexplained.samples > 0)
      failures.push(
        `a shop showed more than available (${watch.report.unexplained.samples} times): ${watch.report.examples.slice(0, 3).join('; ')}`,
      );
    if (deadLettersWithoutAlert.length > 0)
      failures.push(`${deadLettersWithoutAlert.length} dead letters without an alert`);
    if (invariantViolations.length > 0)
      failures.push(`invariants: ${JSON.stringify(invariantViolations.slice(0, 3))}`);
    return {
      options,
      changesApplied: applied,
      refusedBuyerActions: buyers.refused,
      driveMs: lastChangeAt - driveFrom,
      convergenceMs,
      convergenceTrace,
      watch: watch.report,
      deadLetters: ledger.deadLetters,
      deadLettersWithoutAlert,
      platformStats: Object.fromEntries(
        [rig.emulators.tiktok, rig.emulators.shopee].map((e) => {
          const s = e.stats();
          const requests = Object.values(s.requests).reduce((a, b) => a + b, 0);
          return [e.platform, { requests, throttled: s.throttled, stockWrites: s.stockWrites }];
        }),
      ),
      invariantViolations,
      workerErrors: await rig.call<string[]>('workerErrors'),
      failures,
      runMs: Date.now() - startedAt,
    };
  } finally {
    await rig.close();
  }
}

/**
 * Drives `changes` stock changes at the run's rate: buyers' actions on the platforms, receipts
 * and stock-takes through StockPool. Stock is steered to stay low (so shown figures reach zero
 * and the last units matter): receipts when a SKU runs short, stock-takes when it piles up.
 */
async function driveChanges(
  call: <T>(method: string, ...args: unknown[]) => Promise<T>,
  buyers: Buyers,
  codes: string[],
  options: R5Options,
  read: () => Promise<Sample>,
): Promise<R5Result['changesApplied']> {
  const random = seededRandom(options.seed + 7);
  const counts = { total: 0, buyerActions: 0, receipts: 0, stocktakes: 0 };
  let level = (await read()).available;
  const from = Date.now();
  let attempts = 0;
  for (let tick = 0; counts.total < options.changes; tick++) {
    const due = Math.min(
      options.changes - counts.total,
      Math.floor(((Date.now() - from) / 1000) * options.changesPerSecond) - counts.total,
    );
    const batch: StockChange[] = [];
    let buyerActions = 0;
    for (let i = 0; i < due; i++, attempts++) {
      if (random() < options.orderShare) {
        if (buyers.act(Date.now())) buyerActions += 1;
        continue;
      }
      const sku = codes[Math.floor(random() * codes.length)] ?? 'R5-1';
      const have = level[sku] ?? 0;
      const receipt = have < OPENING / 2 || (have < OPENING * 2 && random() < 0.5);
      const quantity = 1 + Math.floor(random() * (receipt ? 6 : 3));
      batch.push({
        kind: receipt ? 'receipt' : 'stocktake',
        key: `r5-${tick}-${i}`,
        sku,
        quantity,
      });
    }
    const done = batch.length > 0 ? await call<number>('applyChanges', batch) : 0;
    counts.receipts += batch.filter((b) => b.kind === 'receipt').length;
    counts.stocktakes += batch.filter((b) => b.kind === 'stocktake').length;
    counts.buyerActions += buyerActions;
    counts.total += buyerActions + done;
    if (attempts > options.changes * 3) throw new Error('R5: too many refused changes');
    if (tick % 20 === 0) level = (await read()).available;
    await sleep(25);
  }
  return counts;
}

/** Seller cancellations (StockPool cancelling unfillable orders) as the platforms record them. */
function watchSellerCancels(
  emulators: { tiktok: EmulatedShop['emulator']; shopee: EmulatedShop['emulator'] },
  shops: Array<EmulatedShop & { shopId: string }>,
) {
  const seen = new Map<string, number>();
  const records: Array<{ atMs: number; platformShopId: string; sku: null; units: number }> = [];
  return {
    since: (sinceMs: number) => {
      for (const e of [emulators.tiktok, emulators.shopee]) {
        const n = e.stats().sellerCancellations.length;
        const before = seen.get(e.platform) ?? 0;
        // The platform's record does not say which shop: count it against each of its shops.
        if (n > before)
          for (const s of shops.filter((x) => x.emulator === e))
            records.push({
              atMs: Date.now(),
              platformShopId: s.platformShopId,
              sku: null,
              units: (n - before) * 3,
            });
        seen.set(e.platform, n);
      }
      return records.filter((r) => r.atMs >= sinceMs);
    },
  };
}

/** Polls until every listing's confirmed and shown figure is the SKU's available; returns when. */
async function waitForConvergence(
  read: () => Promise<Sample>,
  shops: Array<EmulatedShop & { shopId: string }>,
  timeoutMs: number,
  trace: string[] = [],
): Promise<number> {
  const from = Date.now();
  const deadline = from + timeoutMs;
  let last = '';
  for (let i = 0; Date.now() < deadline; i++) {
    const sample = await read();
    const off = mismatches(sample, shops);
    if (sample.unreadEvents === 0 && off.length === 0) return sample.atMs;
    last = `${sample.unreadEvents} unread, ${off.length} off: ${off.slice(0, 2).join('; ')}`;
    if (i % 20 === 0) trace.push(`+${Math.round((Date.now() - from) / 1000)} s: ${last}`);
    await sleep(250);
  }
  throw new Error(`not converged within ${timeoutMs} ms: ${last}`);
}
