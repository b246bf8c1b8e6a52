/**
 * `npm run bench -- r5 [--engines sqlite,postgres] [--changes N] [--changes-per-second N]
 * [--skus N] [--shops-per-platform N] [--error-rate 0.05] [--timeout-after-apply-rate 0.02]
 * [--throttle-rate 0.01] [--latency-median-ms 150] [--latency-p99-ms 1500] [--seed N] ...`:
 * reliability item R5 (QUALITY.md) — stock changes while both emulated platforms misbehave
 * (5% 5xx, 2% time out after applying, 1% 429 with Retry-After, latency median 150 ms / p99
 * 1.5 s). Checks: I5 within 60 s of quiet, no shop shown more than available (bench/reliability/
 * shown-watch.ts says how that is judged), every dead letter alerted, invariants. Defaults are
 * QUALITY.md's figures (100,000 changes) on both engines. Prints a JSON report, writes it to
 * bench/results/, and exits 1 when a check fails.
 */
import { loadavg } from 'node:os';
import { probePostgres } from './support/databases.ts';
import { describeMachine } from './support/machine.ts';
import { writeResults } from './support/results-writer.ts';
import { parseOptions } from './reliability/options.ts';
import { R5_DEFAULTS, runR5, type R5Result } from './reliability/r5-scenario.ts';

export async function runR5Benchmark(args: readonly string[]): Promise<number> {
  const { engines, ...options } = parseOptions(args, {
    ...R5_DEFAULTS,
    engines: ['sqlite', 'postgres'],
  });
  const startedAt = new Date();
  const postgres = await probePostgres();
  if (engines.includes('postgres') && postgres === null)
    throw new Error('PostgreSQL does not answer (set STOCKPOOL_BENCH_PG_URL, or --engines sqlite)');
  const results: R5Result[] = [];
  for (const engine of engines) {
    if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`unknown engine ${engine}`);
    console.error(`# R5 on ${engine}: ${options.changes} changes at ${options.changesPerSecond}/s`);
    const result = await runR5({ ...options, engine });
    results.push(result);
    console.error(`# ${lineOf(result)}`);
  }
  const failures = results.flatMap((r) => r.failures.map((f) => `${r.options.engine}: ${f}`));
  const report = {
    benchmark: 'r5',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { ...describeMachine(), postgres, loadAverageAtStart: loadavg() },
    results,
    failures,
    passed: failures.length === 0,
  };
  const written = writeResults('r5', report, startedAt);
  console.log(JSON.stringify(report, null, 2));
  for (const r of results) console.error(lineOf(r));
  for (const failure of failures) console.error(`FAILED ${failure}`);
  console.error(`checks ${report.passed ? 'ok' : 'FAILED'}; written to ${written.file}`);
  return report.passed ? 0 : 1;
}

function lineOf(r: R5Result): string {
  const w = r.watch;
  return (
    `R5 ${r.options.engine}: ${r.changesApplied.total} changes in ${Math.round(r.driveMs / 1000)} s, ` +
    `converged ${r.convergenceMs} ms after the last, over-shown unexplained ${w.unexplained.samples} ` +
    `(push failed ${w.pushFailed.samples}, max +${w.pushFailed.maxExcess}; platform cancel ` +
    `${w.platformCancel.samples}) of ${w.listingChecks} checks, dead letters ${r.deadLetters.length} ` +
    `(unalerted ${r.deadLettersWithoutAlert.length}), run ${Math.round(r.runMs / 1000)} s`
  );
}
