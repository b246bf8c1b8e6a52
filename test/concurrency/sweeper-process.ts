/**
 * A real expiry-sweeper process for the crash test: `node --import tsx sweeper-process.ts '<json>'`.
 * Opens StockPool on the given database with a shared scaled clock, prints `ready`, starts
 * sweeping on `go`, and on SIGTERM stops cleanly and prints how many sweep errors it saw. The
 * test kills one of these with SIGKILL halfway through to play a crash.
 */
import { createInterface } from 'node:readline';
import { startExpirySweeper } from '../../src/inventory/expiry-sweeper.ts';
import { openStockPool } from '../../src/main.ts';
import { ScaledClock, type ScaledClockSpec } from '../support/scaled-clock.ts';

export interface SweeperProcessOptions {
  databaseUrl: string;
  clock: ScaledClockSpec;
  intervalMs: number;
}

export interface SweeperProcessResult {
  errors: string[];
}

const options = JSON.parse(process.argv[2] ?? '{}') as SweeperProcessOptions;
const clock = new ScaledClock(options.clock);
const pool = await openStockPool({ databaseUrl: options.databaseUrl, clock, migrate: false });
const errors: string[] = [];
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) if (line.trim() === 'go') break;
lines.close();
process.stdin.destroy();
const sweeper = startExpirySweeper(
  {
    database: pool.database,
    inventory: pool.inventory,
    clock,
    onError: (e) => errors.push(String(e)),
  },
  options.intervalMs,
);
process.once('SIGTERM', () => {
  void (async () => {
    await sweeper.stop();
    await pool.close();
    const result: SweeperProcessResult = { errors };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  })();
});
