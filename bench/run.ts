/**
 * The benchmark runner: `npm run bench -- <name> [options]`. Each benchmark measures its own
 * baseline in the same run, prints JSON and writes it to bench/results/.
 */
import { runFlashSaleBenchmark } from './flash-sale.ts';
import { runHoldsBenchmark } from './holds.ts';
import { runPropagationBenchmark } from './propagation.ts';
import { runR1Benchmark } from './r1.ts';
import { runR5Benchmark } from './r5.ts';
import { runSixPlatformsBenchmark } from './six-platforms.ts';

const BENCHMARKS: Record<string, (args: readonly string[]) => Promise<number>> = {
  holds: runHoldsBenchmark,
  'flash-sale': runFlashSaleBenchmark,
  propagation: runPropagationBenchmark,
  r1: runR1Benchmark,
  r5: runR5Benchmark,
  'six-platforms': runSixPlatformsBenchmark,
};

const [name, ...args] = process.argv.slice(2);
const benchmark = name === undefined ? undefined : BENCHMARKS[name];
if (!benchmark) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [--quick]`);
  process.exit(2);
}
try {
  process.exitCode = await benchmark(args);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
