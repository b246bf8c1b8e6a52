/**
 * One six-platform scenario: a fresh StockPool (real database, its HTTP server, the sync worker
 * with production timings) and one shop on each platform's emulator at its published rate limits,
 * all listing one SKU. After a warm-up sale on each platform and the floor samples, orders flow
 * on every platform at the scenario's rates while every shop's figure is read every `pollMs`; each
 * order is followed until the five other shops show it. StockPool, the emulators and the
 * measurement share this one thread (the rig is in-process), so its event-loop delay is reported.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatorStats } from '../../sandbox/kit/emulator.ts';
import { SANDBOX_PLATFORMS, type SandboxPlatform } from '../../sandbox/platform-profiles.ts';
import { openSyncRig, type ConnectedShop, type SyncRig } from '../../test/support/sync-fixture.ts';
import { receiveStock } from '../../test/support/sync-queries.ts';
import { newOrderBook, type OrderBook } from '../propagation/order-stream.ts';
import { sampleFloor, type FloorSamples } from './floor.ts';
import type { Engine, ScenarioSpec, SixPlatformOptions } from './options.ts';
import { placeOrders } from './order-stream.ts';
import { ShownWatch } from './shown-watch.ts';

export const SKU = 'A';

export interface RawScenario {
  spec: ScenarioSpec;
  engine: Engine;
  platforms: readonly SandboxPlatform[];
  book: OrderBook;
  watch: ShownWatch;
  /** What every shop showed when the orders started. */
  start: number;
  /** Shop i's StockPool id (inbox rows name the shop by it). */
  shopIds: string[];
  /** Earliest time StockPool stored each order's event, by `${shopId}|${orderId}`. */
  arrivals: Map<string, number>;
  /** When StockPool took stock for each order (its hold), by platform order id. */
  takenAt: Map<string, number>;
  stream: { placed: number; elapsedMs: number };
  statsDelta: Record<SandboxPlatform, EmulatorStats>;
  floor: Record<SandboxPlatform, FloorSamples>;
  tailTimedOut: boolean;
  tailMs: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  invariantViolations: unknown[];
}

export async function runScenario(
  engine: Engine,
  spec: ScenarioSpec,
  options: SixPlatformOptions,
): Promise<RawScenario> {
  // Production worker timings (100 ms idle wait, reconciliation and polling on), not the rig's
  // test defaults (20 ms, periodic jobs off).
  const rig = await openSyncRig(engine, { worker: { idleMs: 100, periodic: true } });
  try {
    await receiveStock(rig, 'opening', [{ sku: SKU, quantity: options.openingStock }]);
    const shops: ConnectedShop[] = [];
    for (const platform of SANDBOX_PLATFORMS)
      shops.push(
        await rig.connectShop({ platform, key: platform, listings: [{ sellerSku: SKU }] }),
      );
    await rig.pool.sync.worker.drain();
    rig.pool.sync.worker.start();
    await untilAllShow(shops, options.openingStock, 'the opening stock');
    const start = await warmUp(shops, options.openingStock);
    const floor = {} as Record<SandboxPlatform, FloorSamples>;
    for (const [i, platform] of SANDBOX_PLATFORMS.entries())
      floor[platform] = await sampleFloor(platform, shops[i]!.emulator, options.floorSamples);
    return { ...(await measure(rig, shops, start, spec, options)), engine, spec, floor };
  } finally {
    await rig.close();
  }
}

async function measure(
  rig: SyncRig,
  shops: ConnectedShop[],
  start: number,
  spec: ScenarioSpec,
  options: SixPlatformOptions,
): Promise<Omit<RawScenario, 'engine' | 'spec' | 'floor'>> {
  const book = newOrderBook([SKU]);
  const watch = new ShownWatch({
    shops,
    sku: SKU,
    start,
    ownUnits: (i) => book.ownUnits.get(`${i}|${SKU}`) ?? 0,
    pollMs: options.pollMs,
  });
  const before = shops.map((s) => s.emulator.stats());
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  watch.start();
  const stream = await placeOrders(book, {
    shops,
    rates: SANDBOX_PLATFORMS.map((p) => spec.ratesPerSecond[p]),
    durationMs: spec.durationMs,
    sku: SKU,
    seed: options.seed,
  });
  const tailStartedAt = Date.now();
  const final = start - stream.placed;
  const tailTimedOut = !(await until(() => watch.settledAt(final), spec.tailTimeoutMs));
  const tailMs = Date.now() - tailStartedAt;
  await watch.stop();
  loop.disable();
  const after = shops.map((s) => s.emulator.stats());
  const statsDelta = {} as Record<SandboxPlatform, EmulatorStats>;
  for (const [i, platform] of SANDBOX_PLATFORMS.entries())
    statsDelta[platform] = subtractStats(after[i]!, before[i]!);
  return {
    platforms: SANDBOX_PLATFORMS,
    book,
    watch,
    start,
    shopIds: shops.map((s) => s.view.id),
    arrivals: await readArrivals(rig),
    takenAt: await readTakenAt(rig, book),
    stream,
    statsDelta,
    tailTimedOut,
    tailMs,
    eventLoopDelayMs: {
      p50: loop.percentile(50) / 1e6,
      p99: loop.percentile(99) / 1e6,
      max: loop.max / 1e6,
    },
    invariantViolations: await rig.invariants(),
  };
}

/**
 * One sale on each platform in turn, each waited for everywhere: connections are warm, every
 * webhook platform has a delivery for the floor to re-post, and the path is known to work.
 */
async function warmUp(shops: ConnectedShop[], opening: number): Promise<number> {
  let figure = opening;
  for (const shop of shops) {
    shop.order(SKU, { paid: true });
    figure -= 1;
    await untilAllShow(shops, figure, `the warm-up sale on ${shop.view.platform}`);
  }
  return figure;
}

async function untilAllShow(shops: ConnectedShop[], figure: number, what: string) {
  if (!(await until(() => shops.every((s) => s.shown(SKU) === figure), 30_000)))
    throw new Error(
      `${what} never showed everywhere: ${shops.map((s) => `${s.view.platform}=${s.shown(SKU)}`).join(' ')}`,
    );
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(10);
  }
  return check();
}

async function readArrivals(rig: SyncRig): Promise<Map<string, number>> {
  const rows = await rig.pool.database.db
    .selectFrom('inbox')
    .select(['shop_id', 'order_id', (eb) => eb.fn.min<number>('received_at').as('received_at')])
    .where('tenant_id', '=', rig.actor.tenantId)
    .where('order_id', 'is not', null)
    .groupBy(['shop_id', 'order_id'])
    .execute();
  return new Map(rows.map((r) => [`${r.shop_id}|${r.order_id}`, Number(r.received_at)]));
}

/**
 * When StockPool took stock for each order of the run: its first hold (order_ref ends with the
 * platform order id). Pushed figures count the orders taken so far, in this order.
 */
async function readTakenAt(rig: SyncRig, book: OrderBook): Promise<Map<string, number>> {
  const rows = await rig.pool.database.db
    .selectFrom('holds')
    .select(['order_ref', (eb) => eb.fn.min<number>('created_at').as('created_at')])
    .where('tenant_id', '=', rig.actor.tenantId)
    .groupBy('order_ref')
    .execute();
  const taken = new Map<string, number>();
  for (const order of book.orders) {
    const row = rows.find((r) => r.order_ref.endsWith(`:${order.orderId}`));
    if (row) taken.set(order.orderId, Number(row.created_at));
  }
  return taken;
}

function subtractStats(after: EmulatorStats, before: EmulatorStats): EmulatorStats {
  const requests: Record<string, number> = {};
  for (const [path, n] of Object.entries(after.requests)) {
    const delta = n - (before.requests[path] ?? 0);
    if (delta > 0) requests[path] = delta;
  }
  return {
    requests,
    throttled: after.throttled - before.throttled,
    stockWrites: after.stockWrites - before.stockWrites,
    sellerCancellations: after.sellerCancellations.slice(before.sellerCancellations.length),
  };
}
