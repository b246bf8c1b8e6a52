/**
 * `npm run bench -- propagation`: 200 one-unit orders per second over five shops (three TikTok
 * Shop, two Shopee, real rate limits), every platform API answering after 100 ms of emulated
 * latency. For each order: from its webhook's arrival at StockPool until every other shop shows
 * it (read from the emulators every 5 ms). In the same run, the floor: one webhook delivery plus
 * one API round trip, sampled under the same load. Goals (QUALITY.md): p99 < 1 s and < 1.5 × the
 * floor; ≤ 0.2 stock-update calls per sale; no 429. Invariants are checked after each scenario;
 * a failure exits 1.
 */
import { loadavg } from 'node:os';
import { probePostgres } from './support/databases.ts';
import { describeMachine } from './support/machine.ts';
import { writeResults } from './support/results-writer.ts';
import { parsePropagationOptions, type PropagationOptions } from './propagation/options.ts';
import { runScenario, SHOPS } from './propagation/scenario.ts';
import { GOALS, type ScenarioResult } from './propagation/summary.ts';

export async function runPropagationBenchmark(args: readonly string[]): Promise<number> {
  const options = parsePropagationOptions(args);
  const startedAt = new Date();
  const postgres = options.engines.includes('postgres') ? await probePostgres() : null;
  if (options.engines.includes('postgres') && postgres === null)
    throw new Error('PostgreSQL does not answer (set STOCKPOOL_BENCH_PG_URL, or --engine sqlite)');
  const results: Array<ScenarioResult & { loadAverage: number[] }> = [];
  for (const engine of options.engines) {
    for (const skuCount of options.skuCounts) {
      progress(
        `${engine}, ${skuCount} SKU(s): opening the rig, then a ${options.burstMs} ms burst`,
      );
      const result = await runScenario(engine, skuCount, options);
      results.push({ ...result, loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) });
      progress(`${engine}, ${skuCount} SKU(s): ${lineOf(result)}`);
    }
  }
  const failures = results.flatMap((r) =>
    failuresOf(r).map((f) => `${r.engine} ${r.skus} SKU(s): ${f}`),
  );
  const report = {
    benchmark: 'propagation',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    quick: options.quick,
    label: options.label,
    machine: { ...describeMachine(), postgres, loadAverageAtStart: loadavg() },
    settings: settingsOf(options),
    goals: GOALS,
    results,
    failures,
    passed: failures.length === 0,
    goalMet: failures.length === 0 && results.every((r) => r.goals.met),
  };
  const written = writeResults('propagation', report, startedAt);
  console.log(JSON.stringify(report, null, 2));
  for (const r of results) console.error(`${r.engine.padEnd(8)} ${r.skus} SKU(s)  ${lineOf(r)}`);
  for (const failure of failures) console.error(`FAILED ${failure}`);
  console.error(`checks ${failures.length === 0 ? 'ok' : 'FAILED'}; written to ${written.file}`);
  return failures.length === 0 ? 0 : 1;
}

function failuresOf(r: ScenarioResult): string[] {
  const failures: string[] = [];
  if (r.checks.invariantViolations.length > 0)
    failures.push(`invariants: ${JSON.stringify(r.checks.invariantViolations.slice(0, 3))}`);
  if (r.missingArrivals > 0) failures.push(`${r.missingArrivals} orders never reached StockPool`);
  return failures;
}

function lineOf(r: ScenarioResult): string {
  const l = r.latencyFromArrivalMs;
  return (
    `p50 ${l.p50} ms  p99 ${l.p99} ms  floor ${r.floor.oneRoundTripMs} ms (two trips ${r.floor.twoRoundTripsMs})  ` +
    `p99/floor ${r.ratios.p99OverFloor}  p99/two-trip floor ${r.ratios.p99OverTwoTripFloor}  ` +
    `calls/sale ${r.calls.perSale}  429s ${r.calls.throttled}  unconfirmed ${r.unconfirmed}`
  );
}

function settingsOf(o: PropagationOptions) {
  return {
    shops: SHOPS,
    skuCounts: o.skuCounts,
    ordersPerSecond: o.ordersPerSecond,
    burstMs: o.burstMs,
    latencyMs: o.latencyMs,
    pollMs: o.pollMs,
    openingStock: o.openingStock,
    policy: 'shared (the default; stock is plentiful)',
    orders: 'one unit each, round robin over the shops and, per shop, over the SKUs; never paid',
    floorEveryMs: o.floorEveryMs,
    worker: 'production defaults: 100 ms idle wait, reconciliation every 30 s, polling every 60 s',
    threads:
      'StockPool in a worker thread of its own; emulators, buyers and measurement in the main thread',
  };
}

function progress(line: string): void {
  console.error(`# ${line}`);
}
