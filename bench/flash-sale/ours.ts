/**
 * The sale through StockPool: one SKU pooled across five emulated shops under one allocation
 * policy, the buyers let in, most of them paying shortly after, then StockPool left to settle
 * (every event applied, every unfillable order cancelled, every push sent). Counts what the
 * platforms accepted, what StockPool had to cancel (oversold) and what was left unsold.
 */
import type { AllocationPolicy } from '../../src/domain/allocation/index.ts';
import type { SyncStatus } from '../../src/sync/sync-status.ts';
import {
  openChannelRig,
  type ChannelRig,
  type EmulatedShop,
  type Engine,
  type LoopDelay,
  watchEventLoop,
  webhookAttempts,
} from '../support/channel-rig.ts';
import { planBuyers, runWaves, SALE_SHOPS, SALE_SKU, type Buyer } from './buyers.ts';
import type { FlashSaleOptions, PolicyName } from './options.ts';
import { SaleBook, type AcceptedOrder } from './sale-book.ts';
import { watchStock, type StockSample } from './stock-watch.ts';
import { waitUntilQuiet } from './quiet.ts';
import { percentiles, type Percentiles, type SaleDiagnostics } from './diagnostics.ts';
import type { HttpSeen } from '../support/channel-rig-thread.ts';

const SIDE = new URL('./stockpool-side.ts', import.meta.url);

const POLICY: Record<PolicyName, AllocationPolicy> = {
  shared: { mode: 'shared' },
  partitioned: { mode: 'partitioned' },
  // The round trip only matters with a sales rate; the engine passes 0 today (listing-targets.ts).
  adaptive: { mode: 'adaptive', adaptive: { roundTripSeconds: 1 } },
};

export interface OursResult {
  policy: PolicyName;
  engine: Engine;
  buyers: number;
  refused: number;
  accepted: number;
  acceptedByShop: number[];
  /** Accepted orders StockPool cancelled on the platform for lack of stock (seller cancellations). */
  cancelledBySeller: number;
  /** pool.sync.status(tenant).oversells.total */
  oversellsReported: number;
  oversold: number;
  /** Oversold orders StockPool could not cancel on the platform: parked for the seller. */
  parkedOnPlatform: number;
  kept: { total: number; paid: number; unpaid: number };
  undersold: number;
  stockPool: { onHand: number; reserved: number; available: number };
  finalShown: number[];
  timing: {
    streamMs: number;
    lateWaves: number;
    lastAcceptedAtMs: number | null;
    firstRefusedAtMs: number | null;
    poolFirstZeroAtMs: number | null;
    settleMs: number;
    settleTimedOut: boolean;
  };
  platformCalls: { requests: Record<string, number>; throttled: number };
  checks: {
    invariantViolations: unknown[];
    minAvailable: number;
    minShown: number;
    /**
     * StockPool holds a unit for every kept order but the parked ones (oversold orders it could
     * not cancel, left to the seller), and on hand is untouched (nothing shipped).
     */
    ledgerMatchesPlatforms: boolean;
    deadLetters: number;
    workerErrors: string[];
  };
  diagnostics: SaleDiagnostics;
  /** How the platforms' webhooks fared: attempts, StockPool's answer times, connections, loop delays. */
  delivery: {
    webhookAttempts: Record<string, number>;
    webhookAnswerAtStockPoolMs: Percentiles;
    connections: { accepted: number; maxOpen: number };
    loopDelay: { stockPool: LoopDelay; benchmark: LoopDelay };
  };
  timeline: StockSample[];
}

export async function runOurs(
  engine: Engine,
  policy: PolicyName,
  options: FlashSaleOptions,
): Promise<OursResult> {
  const rig = await openChannelRig(SIDE, {
    engine,
    skus: [{ code: SALE_SKU, opening: options.units }],
  });
  try {
    await rig.call('setPolicy', SALE_SKU, POLICY[policy]);
    const shops: EmulatedShop[] = [];
    for (const s of SALE_SHOPS) shops.push(await rig.connectShop({ ...s, skus: [SALE_SKU] }));
    await rig.call('startWorker');
    await waitUntilShown(rig, shops);
    return await runSale(rig, shops, { engine, policy, options });
  } finally {
    await rig.close();
  }
}

async function waitUntilShown(rig: ChannelRig, shops: EmulatedShop[]): Promise<void> {
  const quiet = await waitUntilQuiet(rig, { expectedOrders: 0, timeoutMs: 30_000 });
  if (quiet.timedOut || shops.some((s) => s.shown(SALE_SKU) <= 0))
    throw new Error('the opening stock never reached every shop');
}

async function runSale(
  rig: ChannelRig,
  shops: EmulatedShop[],
  run: { engine: Engine; policy: PolicyName; options: FlashSaleOptions },
): Promise<OursResult> {
  const { options } = run;
  const book = new SaleBook(shops);
  const watch = watchStock({ rig, sku: SALE_SKU, book }, 100);
  const benchmarkLoop = watchEventLoop();
  await rig.call('eventLoop');
  await rig.call('http');
  const payments: Array<Promise<void>> = [];
  const waves = await runWaves(
    planBuyers(options),
    { ...options, onWave: () => book.observeShown() },
    (buyer) => {
      const order = book.visit(buyer);
      if (order && buyer.pays) payments.push(payLater(book, order, buyer));
    },
  );
  await Promise.all(payments);
  const settleStartedAt = book.nowMs();
  const quiet = await waitUntilQuiet(rig, {
    expectedOrders: book.accepted.length,
    timeoutMs: options.settleTimeoutMs,
  });
  await watch.stop();
  const http = await rig.call<HttpSeen>('http');
  const delivery = {
    webhookAttempts: webhookAttempts(rig.emulators),
    webhookAnswerAtStockPoolMs: percentiles(http.webhookAnswersMs.map(Math.round)),
    connections: { accepted: http.connections, maxOpen: http.maxOpenConnections },
    loopDelay: {
      stockPool: await rig.call<LoopDelay>('eventLoop'),
      benchmark: benchmarkLoop.read(),
    },
  };
  await rig.call('stopWorker');
  const outcome = await measure(rig, book);
  const diagnostics = await rig.call<SaleDiagnostics>('diagnostics');
  const parked = diagnostics.orderOutcomes.parked ?? 0;
  return {
    policy: run.policy,
    engine: run.engine,
    buyers: options.buyers,
    refused: book.refused,
    accepted: book.accepted.length,
    acceptedByShop: book.acceptedByShop(),
    ...outcome.counts(options.units, book.refused),
    parkedOnPlatform: parked,
    finalShown: book.observeShown(),
    timing: {
      streamMs: Math.round(waves.elapsedMs),
      lateWaves: waves.lateWaves,
      lastAcceptedAtMs: roundOrNull(book.accepted.at(-1)?.atMs),
      firstRefusedAtMs: roundOrNull(book.firstRefusedAtMs),
      poolFirstZeroAtMs: watch.firstZeroAtMs(),
      settleMs: Math.round(book.nowMs() - settleStartedAt),
      settleTimedOut: quiet.timedOut,
    },
    platformCalls: outcome.calls,
    checks: {
      invariantViolations: await rig.call<unknown[]>('invariants'),
      minAvailable: Math.min(watch.minAvailable(), outcome.level.onHand - outcome.level.reserved),
      minShown: book.minShown,
      ledgerMatchesPlatforms:
        outcome.level.reserved + parked === outcome.kept.total &&
        outcome.level.onHand === options.units,
      deadLetters: quiet.deadLetters,
      workerErrors: (await rig.call<string[]>('workerErrors')).slice(0, 10),
    },
    diagnostics,
    delivery,
    timeline: watch.samples,
  };
}

/** The buyer pays after a short delay, unless the order was cancelled meanwhile. */
async function payLater(book: SaleBook, order: AcceptedOrder, buyer: Buyer): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, buyer.payDelayMs));
  const shop = book.shopOf(order.shopIndex);
  if (shop.emulator.orderStatus(shop.platformShopId, order.orderId) !== 'UNPAID') return;
  shop.emulator.payOrder(shop.platformShopId, order.orderId);
}

async function measure(rig: ChannelRig, book: SaleBook) {
  const statuses = book.accepted.map((o) => {
    const shop = book.shopOf(o.shopIndex);
    return shop.emulator.orderStatus(shop.platformShopId, o.orderId) ?? 'MISSING';
  });
  const cancelled = statuses.filter((s) => s === 'CANCELLED').length;
  const unpaid = statuses.filter((s) => s === 'UNPAID').length;
  const kept = {
    total: statuses.length - cancelled,
    paid: statuses.length - cancelled - unpaid,
    unpaid,
  };
  const { tiktok, shopee } = rig.emulators;
  const stats = [tiktok.stats(), shopee.stats()];
  const sellerCancellations = stats.reduce((n, s) => n + s.sellerCancellations.length, 0);
  const status = await rig.call<SyncStatus>('status');
  const level = await rig.call<{ onHand: number; reserved: number }>('level', SALE_SKU);
  const calls = {
    requests: Object.assign({}, ...stats.map((s) => s.requests)) as Record<string, number>,
    throttled: stats.reduce((n, s) => n + s.throttled, 0),
  };
  return {
    level,
    kept,
    calls,
    counts: (units: number, refused: number) => ({
      cancelledBySeller: sellerCancellations,
      oversellsReported: status.oversells.total,
      oversold: Math.max(sellerCancellations, status.oversells.total, cancelled),
      kept,
      // Units nobody bought although buyers were still being turned away.
      undersold: refused > 0 ? Math.max(0, units - kept.total) : 0,
      stockPool: { ...level, available: level.onHand - level.reserved },
    }),
  };
}

function roundOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value);
}
