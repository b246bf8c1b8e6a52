/**
 * `npm run bench -- six-platforms`: one shop on each of six platforms (TikTok Shop, Shopee,
 * Lazada, Amazon, Shopify, WooCommerce), every emulator at its published rate limits, one SKU.
 * Buyers order on every platform at a steady rate; for each order, from its placement until the
 * five other shops show the lowered figure (read in-process every 10 ms). Reported per origin
 * platform beside the floor its own event path imposes (event delivery + one order read, with and
 * without the slowest other shop's stock write); for Amazon, the SQS and polling floors computed
 * from the published usage plans. Scenarios: every platform within its limits, then Amazon above
 * its order-read limit. Invariants are checked after each scenario; a violation exits 1.
 */
import { loadavg } from 'node:os';
import { describeMachine } from './support/machine.ts';
import { writeResults } from './support/results-writer.ts';
import { parseSixPlatformOptions, type SixPlatformOptions } from './six-platforms/options.ts';
import { runScenario } from './six-platforms/scenario.ts';
import { summarize, type ScenarioResult } from './six-platforms/summary.ts';

export async function runSixPlatformsBenchmark(args: readonly string[]): Promise<number> {
  const options = parseSixPlatformOptions(args);
  const startedAt = new Date();
  const results: ScenarioResult[] = [];
  for (const engine of options.engines)
    for (const spec of options.scenarios) {
      progress(
        `${engine}, ${spec.name}: opening the rig, then ${spec.durationMs / 1000} s of orders`,
      );
      const result = summarize(await runScenario(engine, spec, options));
      results.push(result);
      for (const line of linesOf(result)) progress(line);
    }
  const failures = results.flatMap((r) =>
    r.invariantViolations.length > 0
      ? [
          `${r.engine} ${r.scenario}: invariants ${JSON.stringify(r.invariantViolations.slice(0, 3))}`,
        ]
      : [],
  );
  const report = {
    benchmark: 'six-platforms',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    quick: options.quick,
    label: options.label,
    machine: { ...describeMachine(), loadAverageAtStart: loadavg() },
    settings: settingsOf(options),
    results,
    failures,
    passed: failures.length === 0,
  };
  const written = writeResults('six-platforms', report, startedAt);
  console.log(JSON.stringify(report, null, 2));
  for (const r of results) for (const line of linesOf(r)) console.error(line);
  for (const failure of failures) console.error(`FAILED ${failure}`);
  console.error(`checks ${failures.length === 0 ? 'ok' : 'FAILED'}; written to ${written.file}`);
  return failures.length === 0 ? 0 : 1;
}

function linesOf(r: ScenarioResult): string[] {
  const head =
    `${r.engine} ${r.scenario}: ${r.orders} orders, overall p50 ${r.overall.propagationMs.p50} ms ` +
    `p99 ${r.overall.propagationMs.p99} ms, ${r.overall.stockWritesPerSale} stock writes/sale, ` +
    `${r.overall.throttled} throttled, tail ${r.tail.ms} ms${r.tail.timedOut ? ' (TIMED OUT)' : ''}`;
  return [
    head,
    ...r.perPlatform.map(
      (p) =>
        `  ${p.platform.padEnd(12)} ${String(p.ordersPerSecond).padStart(4)}/s  ` +
        `p50 ${p.propagationMs.p50} p99 ${p.propagationMs.p99} ms  ` +
        `event p50 ${p.eventPathMs.p50} p99 ${p.eventPathMs.p99}  ` +
        `floor ${p.floor.eventPlusReadMs} (+push ${p.floor.withSlowestOtherPushMs})  ` +
        `429s ${p.calls.throttled}  unconfirmed ${p.unconfirmed}`,
    ),
  ];
}

function settingsOf(o: SixPlatformOptions) {
  return {
    shops: 'one per platform: tiktok-shop, shopee, lazada, amazon, shopify, woocommerce',
    sku: 'one SKU (A), listed by every shop',
    scenarios: o.scenarios,
    engines: o.engines,
    pollMs: o.pollMs,
    openingStock: o.openingStock,
    floorSamples: o.floorSamples,
    rateLimits: "each emulator's published defaults (no rateLimitPerSecond given)",
    emulatedLatency: 'none injected: the emulators answer over loopback HTTP',
    orders:
      'one unit each, placed and paid at once by a buyer on the emulator; Poisson arrivals per platform',
    seed: o.seed,
    worker: 'idle wait 100 ms, reconciliation and polling on (production timings)',
    webhookRetryDelaysMs: [200, 500, 1000],
    threads: 'StockPool, the six emulators and the measurement in one Node thread',
  };
}

function progress(line: string): void {
  console.error(`# ${line}`);
}
