// Proves, on SQLite and PostgreSQL, that random sequences of receipts, returns, stock-takes,
// holds (plain, bundle, paid, unpaid), confirms, shipments, releases, expiries by the sweeper,
// transfers, restarts, replays and key reuse keep every balance and hold equal to a naive model
// after every step (I2, I6), leave checkInvariants empty (I1, ledger and open-hold sums, SQLite
// integrity), and that replaying any prefix of a sequence under the same keys changes nothing
// (QUALITY.md R3). The model and commands live in test/support/inventory-*.ts.
//
// STOCKPOOL_PROPERTY_RUNS sets the sequences per engine (default 1,000). A failure prints
// fast-check's seed, path and replayPath: set STOCKPOOL_PROPERTY_SEED, STOCKPOOL_PROPERTY_PATH
// and STOCKPOOL_PROPERTY_REPLAY_PATH to replay it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { availableDialects } from '../../test/support/databases.ts';
import type {
  PropertyRunOptions,
  PropertyRunSummary,
} from '../../test/support/inventory-property-run.ts';
import { runInWorker } from '../../test/support/run-in-worker.ts';

const env = process.env;
const RUNS = Number(env.STOCKPOOL_PROPERTY_RUNS ?? 1_000);
const RUNNER = new URL('../../test/support/inventory-property-run.ts', import.meta.url);

for (const dialect of await availableDialects()) {
  describe(`the inventory model on ${dialect}`, () => {
    it(`${RUNS} random command sequences match the model at every step and leave the ledger sound`, async () => {
      const options: PropertyRunOptions = {
        dialect,
        runs: RUNS,
        maxCommands: 40,
        ...(env.STOCKPOOL_PROPERTY_SEED ? { seed: Number(env.STOCKPOOL_PROPERTY_SEED) } : {}),
        ...(env.STOCKPOOL_PROPERTY_PATH ? { path: env.STOCKPOOL_PROPERTY_PATH } : {}),
        ...(env.STOCKPOOL_PROPERTY_REPLAY_PATH
          ? { replayPath: env.STOCKPOOL_PROPERTY_REPLAY_PATH }
          : {}),
      };
      const summary = await runInWorker<PropertyRunSummary>(RUNNER, options);
      const expected = options.path ? summary.sequences : RUNS;
      assert.equal(summary.sequences, expected);
      assert.ok(summary.commandsApplied > summary.sequences, 'sequences applied almost nothing');
    });
  });
}
