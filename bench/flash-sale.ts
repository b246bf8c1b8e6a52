/**
 * `npm run bench -- flash-sale`: one SKU with 1,000 units pooled across five emulated shops (three
 * TikTok Shop, two Shopee, real rate limits), 10,000 buyers ordering one unit each as fast as the
 * machine lets them in, 90% paying shortly after. Run through StockPool under each allocation
 * policy asked for (shared and partitioned by default), and in the same run the baseline: each
 * shop with its own fifth of the stock, reconciled by hand on a schedule. Goal: 0 oversold and 0
 * undersold. Invariants are checked after every StockPool scenario; any failure exits 1.
 */
import { loadavg } from 'node:os';
import { probePostgres } from './support/databases.ts';
import { describeMachine } from './support/machine.ts';
import { writeResults } from './support/results-writer.ts';
import { runBaseline, type BaselineResult } from './flash-sale/baseline.ts';
import { SALE_SHOPS } from './flash-sale/buyers.ts';
import { parseFlashSaleOptions, type FlashSaleOptions } from './flash-sale/options.ts';
import { runOurs, type OursResult } from './flash-sale/ours.ts';

export async function runFlashSaleBenchmark(args: readonly string[]): Promise<number> {
  const options = parseFlashSaleOptions(args);
  const startedAt = new Date();
  const loadAverageAtStart = loadAverage();
  const postgres = options.engines.includes('postgres') ? await probePostgres() : null;
  if (options.engines.includes('postgres') && postgres === null)
    throw new Error('PostgreSQL does not answer (set STOCKPOOL_BENCH_PG_URL, or --engine sqlite)');
  progress('baseline: own stock per shop, reconciled by hand');
  const baseline = await runBaseline(options);
  progress(`baseline: ${baseline.accepted} accepted, oversold ${baseline.oversold}`);
  const ours: Array<OursResult & { loadAverage: number[] }> = [];
  for (const engine of options.engines) {
    for (const policy of options.policies) {
      progress(`${engine} ${policy}: opening the rig and running the sale`);
      const result = { ...(await runOurs(engine, policy, options)), loadAverage: loadAverage() };
      ours.push(result);
      progress(`${engine} ${policy}: ${summaryOf(result)}`);
    }
  }
  const failures = ours.flatMap((r) => failuresOf(r).map((f) => `${r.engine} ${r.policy}: ${f}`));
  const report = {
    benchmark: 'flash-sale',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    quick: options.quick,
    label: options.label,
    machine: { ...describeMachine(), postgres, loadAverageAtStart },
    settings: settingsOf(options),
    baseline,
    ours: ours.map((r) => ({
      ...r,
      oversoldVsBaseline: baseline.oversold === 0 ? null : r.oversold / baseline.oversold,
      goalMet: r.oversold === 0 && r.undersold === 0,
    })),
    failures,
    passed: failures.length === 0,
  };
  const written = writeResults('flash-sale', report, startedAt);
  console.log(
    JSON.stringify({ ...report, ours: report.ours.map(({ timeline: _t, ...r }) => r) }, null, 2),
  );
  printSummary(options, baseline, ours);
  for (const failure of failures) console.error(`FAILED ${failure}`);
  console.error(`checks ${failures.length === 0 ? 'ok' : 'FAILED'}; written to ${written.file}`);
  return failures.length === 0 ? 0 : 1;
}

/** What makes a scenario a failed run, whatever its figures. */
function failuresOf(r: OursResult): string[] {
  const failures: string[] = [];
  if (r.checks.invariantViolations.length > 0)
    failures.push(`invariants: ${JSON.stringify(r.checks.invariantViolations.slice(0, 3))}`);
  if (r.checks.minAvailable < 0) failures.push(`available went to ${r.checks.minAvailable}`);
  if (r.checks.minShown < 0) failures.push(`a shop showed ${r.checks.minShown}`);
  // Until StockPool has settled, orders may still be on their way: the comparison would mislead.
  if (!r.timing.settleTimedOut && !r.checks.ledgerMatchesPlatforms)
    failures.push(
      `StockPool holds ${r.stockPool.reserved} units for ${r.kept.total} kept orders (${r.parkedOnPlatform} parked)`,
    );
  return failures;
}

function settingsOf(o: FlashSaleOptions) {
  return {
    units: o.units,
    buyers: o.buyers,
    shops: SALE_SHOPS,
    waves: `${o.waveSize} buyers every ${o.waveMs} ms (${(o.waveSize * 1000) / o.waveMs} buyers/s)`,
    payShare: o.payShare,
    payDelayMs: o.payDelayMs,
    seed: o.seed,
    policies: o.policies,
    engines: o.engines,
    worker: 'production defaults: 100 ms idle wait, reconciliation every 30 s, polling every 60 s',
    baseline: {
      split: 'units divided equally among the shops at the start',
      timeScale: o.timeScale,
      pollEverySellerSeconds: o.pollEverySellerSeconds,
      typingSellerSecondsPerShop: o.typingSellerSeconds,
    },
  };
}

function summaryOf(r: OursResult): string {
  const settled = r.timing.settleTimedOut ? 'NOT settled after' : 'settled in';
  return (
    `accepted ${r.accepted}, kept ${r.kept.total} (paid ${r.kept.paid}), oversold ${r.oversold}, ` +
    `undersold ${r.undersold}, refused ${r.refused}, stream ${r.timing.streamMs} ms, ${settled} ${r.timing.settleMs} ms`
  );
}

function printSummary(o: FlashSaleOptions, baseline: BaselineResult, ours: OursResult[]): void {
  console.error(`flash sale: ${o.units} units, ${o.buyers} buyers, ${SALE_SHOPS.length} shops`);
  console.error(
    `baseline            accepted ${baseline.accepted}  oversold ${baseline.oversold}  undersold ${baseline.undersold}  (${baseline.polls} hand reconciliations)`,
  );
  for (const r of ours) {
    const ratio = baseline.oversold === 0 ? 'n/a' : (r.oversold / baseline.oversold).toFixed(2);
    console.error(
      `${r.engine.padEnd(8)} ${r.policy.padEnd(11)} accepted ${r.accepted}  kept ${r.kept.total}  oversold ${r.oversold}  undersold ${r.undersold}  oversold/baseline ${ratio}`,
    );
  }
}

function loadAverage(): number[] {
  return loadavg().map((l) => Math.round(l * 100) / 100);
}

function progress(line: string): void {
  console.error(`# ${line}`);
}
