/**
 * The model-based inventory property, run in a worker thread (see run-in-worker.ts) for one
 * engine: every generated command sequence gets a fresh tenant on one shared database, is run
 * against StockPool and the model (checked after every step), and ends with finishSequence.
 * Posts how many sequences ran; a failing sequence throws fast-check's report with its seed.
 */
import { workerData, parentPort } from 'node:worker_threads';
import fc from 'fast-check';
import type { DialectName } from '../../src/store/dialect-name.ts';
import { inventoryCommands } from './inventory-arbitraries.ts';
import { InventoryHarness } from './inventory-harness.ts';
import { newModel } from './inventory-model.ts';
import type { SequenceState } from './keyed-requests.ts';
import { finishSequence } from './sequence-end.ts';

export interface PropertyRunOptions {
  dialect: DialectName;
  runs: number;
  maxCommands: number;
  seed?: number;
  path?: string;
  replayPath?: string;
}

export interface PropertyRunSummary {
  sequences: number;
  commandsApplied: number;
}

async function runProperty(options: PropertyRunOptions): Promise<PropertyRunSummary> {
  const harness = await InventoryHarness.open(options.dialect);
  const summary: PropertyRunSummary = { sequences: 0, commandsApplied: 0 };
  try {
    await fc.assert(
      fc.asyncProperty(inventoryCommands(options.maxCommands, options.replayPath), async (cmds) => {
        const session = await harness.newTenant();
        const state: SequenceState = {
          model: newModel(session.startMs),
          ops: [],
          applied: [],
          keys: 0,
        };
        await fc.asyncModelRun(() => ({ model: state, real: session }), cmds);
        await finishSequence(state, session);
        summary.sequences++;
        summary.commandsApplied += state.applied.length;
      }),
      {
        numRuns: options.runs,
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.path ? { path: options.path } : {}),
      },
    );
  } finally {
    await harness.close();
  }
  return summary;
}

parentPort?.postMessage(await runProperty(workerData as PropertyRunOptions));
