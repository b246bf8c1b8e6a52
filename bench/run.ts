/**
 * The benchmark runner: `npm run bench -- <name> [options]`. Each benchmark measures its own
 * baseline in the same run, prints JSON and writes it to bench/results/.
 */
import { runHoldsBenchmark } from './holds.ts';

const BENCHMARKS: Record<string, (args: readonly string[]) => Promise<number>> = {
  holds: runHoldsBenchmark,
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
