/**
 * One scenario's figures per origin platform: propagation from the buyer's order to every other
 * shop showing it, split into the event path (order → StockPool stored the event) and the rest;
 * the floor the platform's own path imposes (event delivery + one order read, and with the
 * slowest other shop's stock write); the calls the platforms saw and their throttles.
 */
import { percentiles, type Percentiles } from '../flash-sale/diagnostics.ts';
import type { SandboxPlatform } from '../../sandbox/platform-profiles.ts';
import type { PlacedOrder } from '../propagation/order-stream.ts';
import { AMAZON_COMPUTED } from './floor.ts';
import type { RawScenario } from './scenario.ts';

export interface PlatformFigures {
  platform: SandboxPlatform;
  ordersPerSecond: number;
  orders: number;
  /** Order placed → every other shop seen showing it. */
  propagationMs: Percentiles;
  /** Which platform's shop was the last to show this platform's orders, and how often. */
  lastToShow: Record<string, number>;
  /** Orders some other shop had not shown when the tail timed out. */
  unconfirmed: number;
  /** Order placed → StockPool stored its event (webhook answered; Amazon: read off SQS). */
  eventPathMs: Percentiles;
  /** Event stored → every other shop showing it. */
  afterArrivalMs: Percentiles;
  /** Orders whose event StockPool never stored. */
  missingArrivals: number;
  floor: {
    /** Measured webhook delivery p50; for Amazon the stated mean SQS wait (not measured). */
    eventMs: number | null;
    eventSource: 'measured webhook re-delivery p50' | 'computed: mean wait for the 1 s SQS drain';
    orderReadMs: number | null;
    /** Event + one order read. */
    eventPlusReadMs: number | null;
    /** Plus the slowest other platform's stock-write p50 (the shops are pushed in parallel). */
    withSlowestOtherPushMs: number | null;
    stockWriteMs: number | null;
    webhookStatuses: number[];
  };
  /** What this platform's emulator answered during the run (its shop's pushes and reads). */
  calls: {
    stockWrites: number;
    /** Stock writes this shop received per sale made anywhere in the run. */
    stockWritesPerSale: number;
    throttled: number;
    byPath: Record<string, number>;
  };
}

export interface ScenarioResult {
  scenario: RawScenario['spec']['name'];
  engine: string;
  durationMs: number;
  orders: number;
  achievedOrdersPerSecond: number;
  tail: { timedOut: boolean; ms: number };
  perPlatform: PlatformFigures[];
  overall: { propagationMs: Percentiles; stockWritesPerSale: number; throttled: number };
  /** The Amazon paths' limits, computed from the published usage plans (nothing measured). */
  amazonComputed: typeof AMAZON_COMPUTED & {
    /** SQS path floor: mean and worst SQS wait + the measured order read p50. */
    sqsFloorMeanMs: number | null;
    sqsFloorWorstMs: number | null;
    /** Polling path floor: mean and worst wait for the next getOrders poll + the order read. */
    pollingFloorMeanMs: number | null;
    pollingFloorWorstMs: number | null;
  };
  eventLoopDelayMs: RawScenario['eventLoopDelayMs'];
  checks: {
    /** Orders with no hold found: ranked by their event's arrival instead. */
    rankedByArrival: number;
    /** Orders seen everywhere before StockPool took their stock: must be 0 (else the matching is off). */
    shownBeforeTaken: number;
  };
  invariantViolations: unknown[];
}

export function summarize(raw: RawScenario): ScenarioResult {
  const { times: shownAtOf, lastShop } = shownEverywhereTimes(raw);
  const p50 = (values: number[]) => round(percentiles(values).p50);
  const writeP50 = Object.fromEntries(
    raw.platforms.map((p) => [p, p50(raw.floor[p].stockWriteMs)]),
  ) as Record<SandboxPlatform, number | null>;
  const totalWrites = raw.platforms.reduce((sum, p) => sum + raw.statsDelta[p].stockWrites, 0);
  const orders = raw.book.orders.length;
  const perPlatform = raw.platforms.map((platform, index): PlatformFigures => {
    const mine = raw.book.orders.filter((o) => o.shopIndex === index);
    const propagation: number[] = [];
    const eventPath: number[] = [];
    const afterArrival: number[] = [];
    let missingArrivals = 0;
    for (const order of mine) {
      const arrivedAt = raw.arrivals.get(`${raw.shopIds[index]}|${order.orderId}`);
      const shownAt = shownAtOf.get(order) ?? null;
      if (arrivedAt === undefined) missingArrivals += 1;
      else eventPath.push(arrivedAt - order.placedAtMs);
      if (shownAt === null) continue;
      propagation.push(shownAt - order.placedAtMs);
      if (arrivedAt !== undefined) afterArrival.push(shownAt - arrivedAt);
    }
    const samples = raw.floor[platform];
    const eventMs = platform === 'amazon' ? AMAZON_COMPUTED.sqsWaitMeanMs : p50(samples.webhookMs);
    const orderReadMs = p50(samples.orderReadMs);
    const eventPlusReadMs = sum(eventMs, orderReadMs);
    const slowestOther = Math.max(
      ...raw.platforms.filter((p) => p !== platform).map((p) => writeP50[p] ?? Number.NaN),
    );
    const stats = raw.statsDelta[platform];
    return {
      platform,
      ordersPerSecond: raw.spec.ratesPerSecond[platform],
      orders: mine.length,
      propagationMs: percentiles(propagation),
      lastToShow: countBy(mine.flatMap((o) => raw.platforms[lastShop.get(o) ?? -1] ?? [])),
      unconfirmed: mine.length - propagation.length,
      eventPathMs: percentiles(eventPath),
      afterArrivalMs: percentiles(afterArrival),
      missingArrivals,
      floor: {
        eventMs,
        eventSource:
          platform === 'amazon'
            ? 'computed: mean wait for the 1 s SQS drain'
            : 'measured webhook re-delivery p50',
        orderReadMs,
        eventPlusReadMs,
        withSlowestOtherPushMs: sum(eventPlusReadMs, slowestOther),
        stockWriteMs: writeP50[platform],
        webhookStatuses: [...new Set(samples.webhookStatuses)],
      },
      calls: {
        stockWrites: stats.stockWrites,
        stockWritesPerSale: round(stats.stockWrites / Math.max(1, orders)) ?? 0,
        throttled: stats.throttled,
        byPath: stats.requests,
      },
    };
  });
  const amazonRead = perPlatform.find((p) => p.platform === 'amazon')?.floor.orderReadMs ?? null;
  return {
    scenario: raw.spec.name,
    engine: raw.engine,
    durationMs: raw.spec.durationMs,
    orders,
    achievedOrdersPerSecond: round((raw.stream.placed * 1000) / raw.stream.elapsedMs) ?? 0,
    tail: { timedOut: raw.tailTimedOut, ms: raw.tailMs },
    perPlatform,
    overall: {
      propagationMs: percentiles(
        raw.book.orders.flatMap((o) => {
          const at = shownAtOf.get(o) ?? null;
          return at === null ? [] : [at - o.placedAtMs];
        }),
      ),
      stockWritesPerSale: round(totalWrites / Math.max(1, orders)) ?? 0,
      throttled: perPlatform.reduce((n, p) => n + p.calls.throttled, 0),
    },
    amazonComputed: {
      ...AMAZON_COMPUTED,
      sqsFloorMeanMs: sum(AMAZON_COMPUTED.sqsWaitMeanMs, amazonRead),
      sqsFloorWorstMs: sum(AMAZON_COMPUTED.sqsWaitWorstMs, amazonRead),
      pollingFloorMeanMs: sum(AMAZON_COMPUTED.pollWaitMeanMs, amazonRead),
      pollingFloorWorstMs: sum(AMAZON_COMPUTED.pollWaitWorstMs, amazonRead),
    },
    eventLoopDelayMs: {
      p50: round(raw.eventLoopDelayMs.p50) ?? 0,
      p99: round(raw.eventLoopDelayMs.p99) ?? 0,
      max: round(raw.eventLoopDelayMs.max) ?? 0,
    },
    checks: {
      rankedByArrival: raw.book.orders.filter((o) => !raw.takenAt.has(o.orderId)).length,
      shownBeforeTaken: raw.book.orders.filter(
        (o) => (shownAtOf.get(o) ?? Infinity) < (raw.takenAt.get(o.orderId) ?? -Infinity),
      ).length,
    },
    invariantViolations: raw.invariantViolations,
  };
}

/**
 * When the five other shops all showed each order. Every pushed figure is the starting figure
 * less the orders StockPool had taken by then, so the k-th order taken (by its hold's time; its
 * event's arrival where no hold was found) shows at a shop from the first push of start − k or
 * less there.
 */
function shownEverywhereTimes(raw: RawScenario): {
  times: Map<PlacedOrder, number | null>;
  /** Per order shown everywhere, the shop that showed it last. */
  lastShop: Map<PlacedOrder, number>;
} {
  const arrivalOf = (o: PlacedOrder) =>
    raw.arrivals.get(`${raw.shopIds[o.shopIndex]}|${o.orderId}`);
  const takenKey = (o: PlacedOrder) => raw.takenAt.get(o.orderId) ?? arrivalOf(o) ?? Infinity;
  const byTaken = [...raw.book.orders].sort(
    (a, b) => takenKey(a) - takenKey(b) || a.placedAtMs - b.placedAtMs,
  );
  const times = new Map<PlacedOrder, number | null>();
  const lastShop = new Map<PlacedOrder, number>();
  byTaken.forEach((order, index) => {
    const threshold = raw.start - (index + 1);
    let last = 0;
    let lastIndex = -1;
    for (const shopIndex of raw.shopIds.keys()) {
      if (shopIndex === order.shopIndex) continue;
      const push = raw.watch.historyOf(shopIndex).find((h) => h.figure <= threshold);
      if (!push) {
        times.set(order, null);
        return;
      }
      if (push.atMs >= last) [last, lastIndex] = [push.atMs, shopIndex];
    }
    times.set(order, last);
    lastShop.set(order, lastIndex);
  });
  return { times, lastShop };
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

function sum(a: number | null, b: number | null): number | null {
  return a === null || b === null || Number.isNaN(a) || Number.isNaN(b) ? null : round(a + b);
}

function round(value: number | null): number | null {
  return value === null || Number.isNaN(value) ? null : Math.round(value * 10) / 10;
}
