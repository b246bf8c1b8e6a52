/**
 * Turns one scenario's raw observations into its figures: latency from each order's webhook
 * arrival to every other shop showing it, the floor and the ratios to it, platform calls per sale
 * and throttles, against the goals (QUALITY.md: p99 < 1 s and < 1.5 × the floor of one webhook
 * plus one API round trip; ≤ 0.2 stock-update calls per sale; no 429).
 */
import { percentiles, type Percentiles, type SaleDiagnostics } from '../flash-sale/diagnostics.ts';
import type { FloorPhase } from './floor.ts';
import type { PropagationOptions } from './options.ts';
import type { RawScenario } from './scenario.ts';

const STOCK_PATHS = [
  '/product/202309/products/:product_id/inventory/update',
  '/api/v2/product/update_stock',
];
const DETAIL_PATHS = ['/order/202309/orders', '/api/v2/order/get_order_detail'];

export const GOALS = { p99Ms: 1_000, p99OverFloor: 1.5, callsPerSale: 0.2, throttled: 0 };

export interface ScenarioResult {
  engine: string;
  skus: number;
  orders: number;
  achievedOrdersPerSecond: number;
  /** Webhook arrival at StockPool → every other shop seen showing the order. */
  latencyFromArrivalMs: Percentiles;
  /** Order placed on the platform → every other shop showing it. */
  latencyFromPlacementMs: Percentiles;
  /** Order placed → its webhook stored by StockPool (first delivery, under the burst's load). */
  placementToArrivalMs: Percentiles;
  /** The same, for the control: orders at the same rate with the sync worker stopped. */
  placementToArrivalWorkerStoppedMs: Percentiles;
  unconfirmed: number;
  missingArrivals: number;
  /** Sampled just before the burst (StockPool idle); the same samples taken during the burst apart. */
  floor: PhaseFloor & {
    duringBurst: PhaseFloor;
    /** p50 webhook + p50 API round trip: the goal's floor. */
    oneRoundTripMs: number;
    /** p50 webhook + 2 × p50 API round trip: read the order, then push (webhooks carry ids only). */
    twoRoundTripsMs: number;
  };
  ratios: {
    p50OverFloor: number;
    p99OverFloor: number;
    p50OverTwoTripFloor: number;
    p99OverTwoTripFloor: number;
  };
  calls: {
    stockUpdates: number;
    perSale: number;
    orderDetailReads: number;
    detailReadsPerSale: number;
    throttled: number;
    byPath: Record<string, number>;
  };
  resolution: { pollMs: number; tickGapMs: Percentiles };
  loopDelay: RawScenario['loopDelay'];
  webhookAttempts: Record<string, number>;
  /** StockPool's time to answer a webhook during the burst, measured by its HTTP server. */
  webhookAnswerAtStockPoolMs: Percentiles;
  /**
   * Pushes confirmed while orders were still coming in, per shop, and the longest stretch of the
   * burst a shop went without one (a shop with a pending event of its own is not pushed to).
   */
  pushesDuringBurst: Array<{ shop: string; pushes: number; longestGapMs: number }>;
  /** TCP connections StockPool accepted during the burst, and the most open at once. */
  connections: { accepted: number; maxOpen: number };
  goals: {
    p99UnderOneSecond: boolean;
    p99UnderFloorMultiple: boolean;
    callsPerSale: boolean;
    noThrottling: boolean;
    met: boolean;
  };
  checks: { invariantViolations: unknown[]; workerErrors: string[]; tailTimedOut: boolean };
  diagnostics: SaleDiagnostics;
}

export interface PhaseFloor {
  webhookMs: Percentiles;
  apiRoundTripMs: Percentiles;
  apiRoundTripByPlatformP50: Record<string, number | null>;
}

export function summarize(raw: RawScenario, options: PropagationOptions): ScenarioResult {
  const arrivals = new Map(raw.arrivals.map((a) => [`${a.shopId}|${a.orderId}`, a.receivedAtMs]));
  const fromArrival: number[] = [];
  const fromPlacement: number[] = [];
  const toArrival: number[] = [];
  let missingArrivals = 0;
  for (const order of raw.book.orders) {
    const arrivedAt = arrivals.get(`${raw.shopIds[order.shopIndex]}|${order.orderId}`);
    const confirmedAt = raw.tracker.confirmedEverywhereAt(order);
    if (arrivedAt === undefined) missingArrivals += 1;
    else toArrival.push(arrivedAt - order.placedAtMs);
    if (confirmedAt === null) continue;
    fromPlacement.push(confirmedAt - order.placedAtMs);
    if (arrivedAt !== undefined) fromArrival.push(confirmedAt - arrivedAt);
  }
  const latency = percentiles(fromArrival);
  const floor = floorOf(raw);
  const calls = callsOf(raw);
  const ratio = (value: number | null, of: number) => round2((value ?? Number.NaN) / of);
  const ratios = {
    p50OverFloor: ratio(latency.p50, floor.oneRoundTripMs),
    p99OverFloor: ratio(latency.p99, floor.oneRoundTripMs),
    p50OverTwoTripFloor: ratio(latency.p50, floor.twoRoundTripsMs),
    p99OverTwoTripFloor: ratio(latency.p99, floor.twoRoundTripsMs),
  };
  const unconfirmed = raw.tracker.unconfirmed();
  const goals = {
    p99UnderOneSecond: unconfirmed === 0 && (latency.p99 ?? Infinity) < GOALS.p99Ms,
    p99UnderFloorMultiple: unconfirmed === 0 && ratios.p99OverFloor < GOALS.p99OverFloor,
    callsPerSale: calls.perSale <= GOALS.callsPerSale,
    noThrottling: calls.throttled === GOALS.throttled,
  };
  return {
    engine: raw.engine,
    skus: raw.skus.length,
    orders: raw.burst.placed,
    achievedOrdersPerSecond: round2((raw.burst.placed * 1000) / raw.burst.elapsedMs),
    latencyFromArrivalMs: latency,
    latencyFromPlacementMs: percentiles(fromPlacement),
    placementToArrivalMs: percentiles(toArrival),
    placementToArrivalWorkerStoppedMs: percentiles(
      raw.control.orders.flatMap((order) => {
        const arrivedAt = arrivals.get(`${raw.shopIds[order.shopIndex]}|${order.orderId}`);
        return arrivedAt === undefined ? [] : [arrivedAt - order.placedAtMs];
      }),
    ),
    unconfirmed,
    missingArrivals,
    floor,
    ratios,
    calls,
    resolution: { pollMs: options.pollMs, tickGapMs: percentiles(raw.tracker.tickGapsMs) },
    loopDelay: raw.loopDelay,
    webhookAttempts: raw.webhookAttempts,
    webhookAnswerAtStockPoolMs: rounded(percentiles(raw.http.webhookAnswersMs)),
    pushesDuringBurst: pushesDuringBurst(raw),
    connections: { accepted: raw.http.connections, maxOpen: raw.http.maxOpenConnections },
    goals: { ...goals, met: Object.values(goals).every(Boolean) },
    checks: {
      invariantViolations: raw.invariantViolations,
      workerErrors: raw.workerErrors,
      tailTimedOut: raw.tailTimedOut,
    },
    diagnostics: raw.diagnostics,
  };
}

function floorOf(raw: RawScenario): ScenarioResult['floor'] {
  const quiet = phaseFloor(raw, 'quiet');
  const burst = phaseFloor(raw, 'burst');
  const webhook = quiet.webhookMs.p50 ?? Number.NaN;
  const trip = quiet.apiRoundTripMs.p50 ?? Number.NaN;
  return {
    ...quiet,
    duringBurst: burst,
    oneRoundTripMs: round2(webhook + trip),
    twoRoundTripsMs: round2(webhook + 2 * trip),
  };
}

function phaseFloor(raw: RawScenario, phase: FloorPhase): PhaseFloor {
  // Unanswered (status 0, given up after 10 s) counts at its 10 s: leaving it out would flatter.
  const webhooks = raw.floor.webhookMs.filter((s) => s.phase === phase);
  const trips = raw.floor.apiRoundTripMs.filter((s) => s.phase === phase && s.ok);
  const p50Of = (platform: string) =>
    percentiles(trips.filter((s) => s.platform === platform).map((s) => s.ms)).p50;
  return {
    webhookMs: rounded(percentiles(webhooks.map((s) => s.ms))),
    apiRoundTripMs: rounded(percentiles(trips.map((s) => s.ms))),
    apiRoundTripByPlatformP50: {
      'tiktok-shop': round2(p50Of('tiktok-shop') ?? Number.NaN),
      shopee: round2(p50Of('shopee') ?? Number.NaN),
    },
  };
}

function callsOf(raw: RawScenario): ScenarioResult['calls'] {
  const byPath: Record<string, number> = {};
  for (const stats of raw.statsDelta)
    for (const [path, n] of Object.entries(stats.requests))
      if (n > 0) byPath[path] = (byPath[path] ?? 0) + n;
  const sum = (paths: string[]) => paths.reduce((total, path) => total + (byPath[path] ?? 0), 0);
  const floorCalls = Object.values(raw.floor.stockCalls).reduce((sum, n) => sum + (n ?? 0), 0);
  const stockUpdates = sum(STOCK_PATHS) - floorCalls;
  const orderDetailReads = sum(DETAIL_PATHS);
  const orders = raw.burst.placed;
  return {
    stockUpdates,
    perSale: round2(stockUpdates / orders),
    orderDetailReads,
    detailReadsPerSale: round2(orderDetailReads / orders),
    throttled: raw.statsDelta.reduce((total, s) => total + s.throttled, 0),
    byPath,
  };
}

function rounded(p: Percentiles): Percentiles {
  const r = (v: number | null) => (v === null ? null : round2(v));
  return { count: p.count, p50: r(p.p50), p90: r(p.p90), p99: r(p.p99), max: r(p.max) };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function pushesDuringBurst(raw: RawScenario): ScenarioResult['pushesDuringBurst'] {
  const { startedAtMs, endedAtMs } = raw.burst;
  return raw.shops.map((shop, index) => {
    const times = raw.pushes
      .filter(
        (p) => p.shopId === raw.shopIds[index] && p.atMs >= startedAtMs && p.atMs <= endedAtMs,
      )
      .map((p) => p.atMs);
    const edges = [startedAtMs, ...times, endedAtMs];
    const longestGapMs = Math.max(...edges.slice(1).map((t, i) => t - (edges[i] ?? t)));
    return { shop: shop.access.key, pushes: times.length, longestGapMs };
  });
}
