/**
 * One propagation scenario: StockPool syncing five shops (three TikTok Shop, two Shopee) that list
 * the same SKUs, every platform answering after the injected latency; a burst of orders; each
 * order followed from its webhook's arrival at StockPool to every other shop showing it; the floor
 * sampled alongside; the platforms' call counters read before and after.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatorStats } from '../../sandbox/kit/emulator.ts';
import {
  openChannelRig,
  seedEmulatedShop,
  type ChannelRig,
  type EmulatedShop,
  type Engine,
  type LoopDelay,
  watchEventLoop,
  webhookAttempts,
} from '../support/channel-rig.ts';
import type { HttpSeen } from '../support/channel-rig-thread.ts';
import type { SaleDiagnostics } from '../flash-sale/diagnostics.ts';
import { ConfirmationTracker } from './confirmations.ts';
import { FLOOR_SKU, FloorSampler, type FloorSamples } from './floor.ts';
import type { PropagationOptions } from './options.ts';
import { newOrderBook, placeBurst, type OrderBook } from './order-stream.ts';
import { summarize, type ScenarioResult } from './summary.ts';
import type { Arrival } from './stockpool-side.ts';

const SIDE = new URL('./stockpool-side.ts', import.meta.url);

export const SHOPS = [
  { platform: 'tiktok-shop', key: 'tt1' },
  { platform: 'tiktok-shop', key: 'tt2' },
  { platform: 'tiktok-shop', key: 'tt3' },
  { platform: 'shopee', key: 'sp1' },
  { platform: 'shopee', key: 'sp2' },
] as const;

export interface RawScenario {
  engine: Engine;
  skus: string[];
  shops: EmulatedShop[];
  book: OrderBook;
  tracker: ConfirmationTracker;
  floor: FloorSamples;
  arrivals: Arrival[];
  /** The control: the same rate of orders for 2 s with StockPool's sync worker stopped. */
  control: OrderBook;
  shopIds: string[];
  burst: { placed: number; elapsedMs: number; startedAtMs: number; endedAtMs: number };
  /** Pushes the platforms confirmed (StockPool's sync log). */
  pushes: Array<{ shopId: string; atMs: number }>;
  statsDelta: EmulatorStats[];
  tailTimedOut: boolean;
  /** Event-loop delay during the burst: StockPool's thread and the benchmark's (emulators, probes). */
  loopDelay: { stockPool: LoopDelay; benchmark: LoopDelay };
  /** Webhook deliveries by the number of attempts they took (TikTok gives up waiting after 3 s). */
  webhookAttempts: Record<string, number>;
  /** What StockPool's HTTP server saw during the burst (answer times, connections). */
  http: HttpSeen;
  invariantViolations: unknown[];
  workerErrors: string[];
  diagnostics: SaleDiagnostics;
}

export async function runScenario(
  engine: Engine,
  skuCount: number,
  options: PropagationOptions,
): Promise<ScenarioResult> {
  const skus = Array.from({ length: skuCount }, (_, i) => `P${i + 1}`);
  const rig = await openChannelRig(SIDE, {
    engine,
    skus: skus.map((code) => ({ code, opening: options.openingStock })),
  });
  try {
    const shops: Array<EmulatedShop & { shopId: string }> = [];
    for (const s of SHOPS) shops.push(await rig.connectShop({ ...s, skus }));
    await rig.call('startWorker');
    const opening = new Map(skus.map((sku) => [sku, options.openingStock]));
    await waitUntilShown(shops, opening);
    for (const emulator of [rig.emulators.tiktok, rig.emulators.shopee])
      emulator.faults.update({ latencyMs: options.latencyMs });
    const start = await warmUp(shops, opening);
    return summarize(await measure(rig, { engine, skus, shops, start, options }), options);
  } finally {
    await rig.close();
  }
}

async function measure(
  rig: ChannelRig,
  s: {
    engine: Engine;
    skus: string[];
    shops: Array<EmulatedShop & { shopId: string }>;
    start: Map<string, number>;
    options: PropagationOptions;
  },
): Promise<RawScenario> {
  const { options, shops, skus } = s;
  const floorShops = (['tiktok-shop', 'shopee'] as const).map((platform) =>
    seedEmulatedShop(rig.emulators, {
      platform,
      key: `floor-${platform}`,
      skus: [FLOOR_SKU],
      shown: 1_000,
      webhookUrl: null,
    }),
  );
  const floor = new FloorSampler({
    shops: floorShops,
    emulators: rig.emulators,
    everyMs: options.floorEveryMs,
  });
  const book = newOrderBook(skus);
  const tracker = new ConfirmationTracker(book, {
    shops,
    skus,
    start: s.start,
    pollMs: options.pollMs,
  });
  await floor.sampleQuiet(options.quietFloorRounds);
  const before = statsOf(rig);
  const benchmarkLoop = watchEventLoop();
  await rig.call('eventLoop');
  await rig.call('http');
  tracker.start();
  floor.start();
  const burstStartedAtMs = Date.now();
  const burst = await placeBurst(book, { shops, skus, ...options });
  const burstEndedAtMs = Date.now();
  await floor.stop();
  const tailTimedOut = !(await waitFor(() => tracker.unconfirmed() === 0, options.tailTimeoutMs));
  const after = statsOf(rig);
  const loopDelay = {
    stockPool: await rig.call<LoopDelay>('eventLoop'),
    benchmark: benchmarkLoop.read(),
  };
  const http = await rig.call<HttpSeen>('http');
  await tracker.stop();
  await rig.call('stopWorker');
  const control = await intakeControl(rig, { shops, skus, options });
  return {
    engine: s.engine,
    skus,
    shops,
    book,
    tracker,
    floor: floor.samples,
    arrivals: await rig.call<Arrival[]>('arrivals'),
    control,
    shopIds: shops.map((shop) => shop.shopId),
    burst: { ...burst, startedAtMs: burstStartedAtMs, endedAtMs: burstEndedAtMs },
    pushes: await rig.call<Array<{ shopId: string; atMs: number }>>('pushes'),
    statsDelta: after.map((a, i) => subtractStats(a, before[i])),
    tailTimedOut,
    loopDelay,
    webhookAttempts: webhookAttempts(rig.emulators),
    http,
    invariantViolations: await rig.call<unknown[]>('invariants'),
    workerErrors: (await rig.call<string[]>('workerErrors')).slice(0, 10),
    diagnostics: await rig.call<SaleDiagnostics>('diagnostics'),
  };
}

/**
 * The control, after the measurement: orders at the same rate for 2 s with the sync worker
 * stopped, so StockPool's HTTP intake has its thread to itself. Their webhooks' arrival times,
 * beside the burst's, show how much of a webhook's delay the worker's load on that thread adds.
 */
async function intakeControl(
  rig: ChannelRig,
  o: { shops: EmulatedShop[]; skus: string[]; options: PropagationOptions },
): Promise<OrderBook> {
  const book = newOrderBook(o.skus);
  await placeBurst(book, { ...o, ordersPerSecond: o.options.ordersPerSecond, burstMs: 2_000 });
  await rig.emulators.tiktok.drainWebhooks();
  await rig.emulators.shopee.drainWebhooks();
  return book;
}

/** Waits until every shop shows the given figure of every SKU. */
async function waitUntilShown(shops: EmulatedShop[], figures: Map<string, number>): Promise<void> {
  const shown = () =>
    shops.every((shop) => [...figures].every(([sku, n]) => shop.shown(sku) === n));
  if (!(await waitFor(shown, 30_000))) throw new Error('the shops never showed the expected stock');
}

/**
 * One order on a TikTok shop and one on a Shopee shop, each propagated everywhere, before
 * measuring: connections are warm, and the floor has a webhook of each platform to re-deliver.
 */
async function warmUp(
  shops: EmulatedShop[],
  opening: Map<string, number>,
): Promise<Map<string, number>> {
  const figures = new Map(opening);
  const sku = [...figures.keys()][0] ?? '';
  for (const shop of [shops[0], shops.at(-1)]) {
    if (!shop) continue;
    const placed = shop.emulator.placeOrder({
      platformShopId: shop.platformShopId,
      lines: [{ ...shop.ref(sku), quantity: 1 }],
    });
    if (!placed.ok) throw new Error('the warm-up order was refused');
    figures.set(sku, (figures.get(sku) ?? 0) - 1);
    await waitUntilShown(shops, figures);
  }
  return figures;
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(10);
  }
  return check();
}

function statsOf(rig: ChannelRig): EmulatorStats[] {
  return [rig.emulators.tiktok.stats(), rig.emulators.shopee.stats()];
}

function subtractStats(after: EmulatorStats, before: EmulatorStats | undefined): EmulatorStats {
  const requests: Record<string, number> = {};
  for (const [path, n] of Object.entries(after.requests))
    requests[path] = n - (before?.requests[path] ?? 0);
  return {
    requests,
    throttled: after.throttled - (before?.throttled ?? 0),
    stockWrites: after.stockWrites - (before?.stockWrites ?? 0),
    sellerCancellations: after.sellerCancellations.slice(before?.sellerCancellations.length ?? 0),
  };
}
