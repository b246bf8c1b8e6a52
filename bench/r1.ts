/**
 * `npm run bench -- r1 [--events N] [--kills N] [--events-per-second N] [--redeliver-last N]
 * [--skus N] [--shops-per-platform N] [--engine postgres|sqlite] [--seed N]`: reliability item R1
 * (QUALITY.md) — order events through the real HTTP intake while `stockpool worker` processes are
 * killed with SIGKILL and restarted, the platforms re-delivering their last webhooks after each
 * restart. Defaults are QUALITY.md's figures (100,000 events, 200 kills) on PostgreSQL. Prints a
 * JSON report, writes it to bench/results/, and exits 1 when a check fails.
 */
import { loadavg } from 'node:os';
import { probePostgres } from './support/databases.ts';
import { describeMachine } from './support/machine.ts';
import { writeResults } from './support/results-writer.ts';
import { parseOptions } from './reliability/options.ts';
import { R1_DEFAULTS, runR1 } from './reliability/r1-scenario.ts';

export async function runR1Benchmark(args: readonly string[]): Promise<number> {
  const options = parseOptions(args, R1_DEFAULTS);
  const startedAt = new Date();
  const postgres = await probePostgres();
  if (options.engine === 'postgres' && postgres === null)
    throw new Error('PostgreSQL does not answer (set STOCKPOOL_BENCH_PG_URL, or --engine sqlite)');
  console.error(
    `# R1 on ${options.engine}: ${options.events} events at ${options.eventsPerSecond}/s, ${options.kills} SIGKILLs`,
  );
  const result = await runR1(options);
  const { checks } = result;
  const report = {
    benchmark: 'r1',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { ...describeMachine(), postgres, loadAverageAtStart: loadavg() },
    result,
    failures: checks.failures,
    passed: checks.failures.length === 0,
  };
  const written = writeResults('r1', report, startedAt);
  console.log(JSON.stringify(report, null, 2));
  console.error(
    `R1 ${options.engine}: ${result.eventsSent} events (+${result.redelivered} re-delivered), ` +
      `${result.orders} orders, ${result.kills.total} kills (${result.kills.whileRunning} while running), ` +
      `lost ${checks.lostEvents}, duplicate movements ${checks.duplicateMovements}, ` +
      `settled in ${result.settleMs} ms, run ${Math.round(result.runMs / 1000)} s`,
  );
  for (const failure of checks.failures) console.error(`FAILED ${failure}`);
  console.error(`checks ${report.passed ? 'ok' : 'FAILED'}; written to ${written.file}`);
  return report.passed ? 0 : 1;
}
