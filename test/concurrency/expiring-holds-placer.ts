/**
 * Places many unpaid holds whose creation times are spread over a stretch of fake time, so that
 * their expiries come due one after another during the sweeper crash test. Runs in a worker
 * thread (see test/support/run-in-worker.ts); posts how many holds it placed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ManualClock } from '../../src/adapters/clock.ts';
import { openStockPool } from '../../src/main.ts';

export interface PlacerOptions {
  databaseUrl: string;
  tenantId: string;
  skus: string[];
  warehouse: string;
  count: number;
  firstCreatedMs: number;
  lastCreatedMs: number;
  /** Every n-th hold is paid (confirmed at once, never expires). */
  paidEvery: number;
  batchSize: number;
}

async function place(o: PlacerOptions): Promise<{ placed: number }> {
  const clock = new ManualClock(o.firstCreatedMs);
  const pool = await openStockPool({ databaseUrl: o.databaseUrl, clock, migrate: false });
  const actor = { tenantId: o.tenantId, name: 'placer' };
  const batches = Math.ceil(o.count / o.batchSize);
  const stepMs = (o.lastCreatedMs - o.firstCreatedMs) / Math.max(1, batches - 1);
  let placed = 0;
  try {
    for (let b = 0; b < batches; b++) {
      clock.advanceMs(Math.round(o.firstCreatedMs + b * stepMs) - clock.nowMs());
      const size = Math.min(o.batchSize, o.count - b * o.batchSize);
      const outcomes = await Promise.all(
        Array.from({ length: size }, (_, j) => {
          const i = b * o.batchSize + j;
          return pool.inventory.placeHold(actor, {
            idempotencyKey: `exp-${i}`,
            sku: o.skus[i % o.skus.length] ?? '',
            warehouse: o.warehouse,
            quantity: 1,
            orderRef: `ORD-${i}`,
            paid: i % o.paidEvery === 0,
          });
        }),
      );
      placed += outcomes.filter((out) => out.ok).length;
    }
  } finally {
    await pool.close();
  }
  return { placed };
}

parentPort?.postMessage(await place(workerData as PlacerOptions));
