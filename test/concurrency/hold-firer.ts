/**
 * Fires many stock commands (holds or one-line transfers) at one StockPool database and reports
 * how they ended. Runs either in a worker thread (workerData in, one message out: see
 * test/support/run-in-worker.ts) or as a child process (`node --import tsx hold-firer.ts '<json>'`),
 * which opens its pool, prints `ready`, waits for `go` on stdin so that every process starts at
 * once, then prints its result as one JSON line.
 */
import { createInterface } from 'node:readline';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Outcome } from '../../src/domain/outcome.ts';
import { openStockPool, type StockPool } from '../../src/main.ts';

export interface FireOptions {
  databaseUrl: string;
  tenantId: string;
  command: 'hold' | 'transfer';
  sku: string;
  /** Where the hold is placed, or where the transfer leaves from. */
  warehouse: string;
  /** The transfer's destination. */
  to?: string;
  quantity: number;
  attempts: number;
  /** Attempts in flight at once; `attempts` or more fires them all at once. */
  inFlight: number;
  keyPrefix: string;
  /** Every attempt sends the key `keyPrefix` itself: a duplicate-delivery race. */
  sameKey?: boolean;
  poolSize?: number;
}

export interface FireResult {
  /** Successes under `ok`, failures by error code. */
  counts: Record<string, number>;
  /** Distinct ids of what succeeded (hold or transfer ids). */
  ids: string[];
  /** Distinct SKUs named by INSUFFICIENT_STOCK refusals. */
  refusedSkus: string[];
  /** Successes that were replays of an earlier success under the same key. */
  replayed: number;
}

type Fired = Outcome<{ id: string; replayed: boolean }>;

function fireOne(pool: StockPool, o: FireOptions, i: number): Promise<Fired> {
  const actor = { tenantId: o.tenantId, name: `firer-${process.pid}` };
  const idempotencyKey = o.sameKey ? o.keyPrefix : `${o.keyPrefix}-${i}`;
  if (o.command === 'transfer')
    return pool.inventory.createTransfer(actor, {
      idempotencyKey,
      from: o.warehouse,
      to: o.to ?? '',
      lines: [{ sku: o.sku, quantity: o.quantity }],
    });
  return pool.inventory.placeHold(actor, {
    idempotencyKey,
    sku: o.sku,
    warehouse: o.warehouse,
    quantity: o.quantity,
    orderRef: `${o.keyPrefix}-order-${o.sameKey ? 0 : i}`,
  });
}

export async function fire(pool: StockPool, o: FireOptions): Promise<FireResult> {
  const outcomes: Fired[] = [];
  let next = 0;
  const lane = async () => {
    while (next < o.attempts) outcomes.push(await fireOne(pool, o, next++));
  };
  await Promise.all(Array.from({ length: Math.min(o.inFlight, o.attempts) }, lane));
  const result: FireResult = { counts: {}, ids: [], refusedSkus: [], replayed: 0 };
  const ids = new Set<string>();
  const refused = new Set<string>();
  for (const out of outcomes) {
    const key = out.ok ? 'ok' : out.error.code;
    result.counts[key] = (result.counts[key] ?? 0) + 1;
    if (out.ok) ids.add(out.value.id);
    if (out.ok && out.value.replayed) result.replayed++;
    if (!out.ok && out.error.code === 'INSUFFICIENT_STOCK')
      refused.add(String(out.error.details.sku));
  }
  return { ...result, ids: [...ids], refusedSkus: [...refused] };
}

async function runAsWorkerThread(o: FireOptions): Promise<void> {
  const pool = await openStockPool({
    databaseUrl: o.databaseUrl,
    migrate: false,
    poolSize: o.poolSize,
  });
  try {
    parentPort?.postMessage(await fire(pool, o));
  } finally {
    await pool.close();
  }
}

async function runAsChildProcess(o: FireOptions): Promise<void> {
  const pool = await openStockPool({
    databaseUrl: o.databaseUrl,
    migrate: false,
    poolSize: o.poolSize,
  });
  // Open the connections before saying ready, so the start line is not a connection storm.
  await Promise.all(
    Array.from({ length: o.poolSize ?? 1 }, () =>
      pool.database.db.selectFrom('tenants').select('id').execute(),
    ),
  );
  const lines = createInterface({ input: process.stdin });
  process.stdout.write('ready\n');
  for await (const line of lines) if (line.trim() === 'go') break;
  lines.close();
  process.stdin.destroy();
  const result = await fire(pool, o);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await pool.close();
}

if (!isMainThread) await runAsWorkerThread(workerData as FireOptions);
else if (process.argv[2]) await runAsChildProcess(JSON.parse(process.argv[2]) as FireOptions);
