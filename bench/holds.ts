/**
 * `npm run bench -- holds`: holds committed per second through InventoryService.placeHold, on
 * SQLite and PostgreSQL, spread over 10,000 SKUs and on one hot SKU, against the raw limit of the
 * same engine and driver measured in the same run (one conditional UPDATE and two INSERTs per
 * transaction). Goal: ours ≥ 0.5 × raw everywhere. Invariants are checked after each engine's
 * run; a run whose invariants fail has failed, whatever its speed.
 */
import BetterSqlite3 from 'better-sqlite3';
import { median } from './support/closed-loop.ts';
import {
  createPostgresDatabase,
  createSqliteFile,
  probePostgres,
  type BenchDatabase,
} from './support/databases.ts';
import { describeMachine } from './support/machine.ts';
import { writeResults } from './support/results-writer.ts';
import { parseHoldsOptions, type Engine, type HoldsOptions } from './holds/options.ts';
import { openOurs, type Ours, type OursResult } from './holds/ours.ts';
import { openRawPostgres } from './holds/raw-postgres.ts';
import { openRawSqlite, type RawResult } from './holds/raw-sqlite.ts';
import { SPREAD_SKUS, type Shape } from './holds/shapes.ts';

export const GOAL_RATIO = 0.5;

interface Raw {
  run(o: { shape: Shape; warmupMs: number; durationMs: number; tag: string }): Promise<RawResult>;
  close(): Promise<void>;
}

interface ShapeResult {
  engine: Engine;
  shape: Shape;
  oursPerSec: number;
  rawPerSec: number;
  ratio: number;
  goalMet: boolean;
  ours: OursResult[];
  raw: RawResult[];
}

interface EngineRun {
  results: ShapeResult[];
  invariantViolations: unknown[];
}

export async function runHoldsBenchmark(args: readonly string[]): Promise<number> {
  const options = parseHoldsOptions(args);
  const startedAt = new Date();
  const postgresVersion = options.engines.includes('postgres') ? await probePostgres() : null;
  if (options.engines.includes('postgres') && postgresVersion === null) {
    throw new Error('PostgreSQL does not answer (set STOCKPOOL_BENCH_PG_URL, or --engine sqlite)');
  }
  const runs: Partial<Record<Engine, EngineRun>> = {};
  for (const engine of options.engines) runs[engine] = await runEngine(engine, options);
  const results = Object.values(runs).flatMap((r) => r.results);
  const invariantsOk = Object.values(runs).every((r) => r.invariantViolations.length === 0);
  const report = {
    benchmark: 'holds',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    quick: options.quick,
    label: options.label,
    goalRatio: GOAL_RATIO,
    machine: { ...describeMachine(), sqlite: sqliteVersion(), postgres: postgresVersion },
    settings: describeSettings(options),
    results: results.map(({ ours, raw, ...summary }) => ({ ...summary, rounds: { ours, raw } })),
    invariants: Object.fromEntries(
      Object.entries(runs).map(([e, r]) => [
        e,
        { ok: r.invariantViolations.length === 0, violations: r.invariantViolations.slice(0, 20) },
      ]),
    ),
    passed: invariantsOk,
    goalMet: invariantsOk && results.every((r) => r.goalMet),
  };
  const written = writeResults('holds', report, startedAt);
  console.log(JSON.stringify(report, null, 2));
  for (const r of results) {
    console.error(
      `${r.engine.padEnd(8)} ${r.shape.padEnd(6)} ours ${r.oursPerSec.toFixed(0).padStart(6)}/s` +
        `  raw ${r.rawPerSec.toFixed(0).padStart(6)}/s  ratio ${r.ratio.toFixed(2)}${r.goalMet ? '' : '  (below goal)'}`,
    );
  }
  console.error(`invariants ${invariantsOk ? 'ok' : 'FAILED'}; written to ${written.file}`);
  return invariantsOk ? 0 : 1;
}

async function runEngine(engine: Engine, options: HoldsOptions): Promise<EngineRun> {
  const rawDb = engine === 'sqlite' ? createSqliteFile('raw') : await createPostgresDatabase('raw');
  const oursDb =
    engine === 'sqlite' ? createSqliteFile('ours') : await createPostgresDatabase('ours');
  const opened: { raw?: Raw; ours?: Ours } = {};
  try {
    opened.raw = await openRaw(engine, rawDb, options);
    opened.ours = await openOurs(oursDb.url, { poolSize: options.pgConnections });
    const results: ShapeResult[] = [];
    for (const shape of options.shapes) {
      results.push(
        await measureShape(engine, shape, { raw: opened.raw, ours: opened.ours }, options),
      );
    }
    progress(`${engine}: checking invariants`);
    return { results, invariantViolations: await opened.ours.invariants() };
  } finally {
    await opened.raw?.close();
    await opened.ours?.close();
    await rawDb.drop();
    await oursDb.drop();
  }
}

async function measureShape(
  engine: Engine,
  shape: Shape,
  targets: { raw: Raw; ours: Ours },
  options: HoldsOptions,
): Promise<ShapeResult> {
  const raw: RawResult[] = [];
  const ours: OursResult[] = [];
  const timing = { warmupMs: options.warmupMs, durationMs: options.durationMs };
  // Raw and ours alternate, so drift in the machine's speed hits both alike.
  for (let round = 1; round <= options.rounds; round++) {
    const tag = `${shape}-${round}`;
    raw.push(await targets.raw.run({ shape, ...timing, tag }));
    ours.push(await targets.ours.run({ shape, inFlight: options.inFlight, ...timing, tag }));
    progress(
      `${engine} ${shape} round ${round}: raw ${raw.at(-1)?.perSecond.toFixed(0)}/s, ours ${ours.at(-1)?.perSecond.toFixed(0)}/s`,
    );
  }
  const oursPerSec = median(ours.map((r) => r.perSecond));
  const rawPerSec = median(raw.map((r) => r.perSecond));
  const ratio = oursPerSec / rawPerSec;
  return {
    engine,
    shape,
    oursPerSec: round1(oursPerSec),
    rawPerSec: round1(rawPerSec),
    ratio: Math.round(ratio * 1000) / 1000,
    goalMet: ratio >= GOAL_RATIO,
    ours,
    raw,
  };
}

async function openRaw(engine: Engine, db: BenchDatabase, options: HoldsOptions): Promise<Raw> {
  if (engine === 'postgres') return openRawPostgres(db.url, options.pgConnections);
  const raw = openRawSqlite(db.url);
  return { run: async (o) => raw.run(o), close: async () => raw.close() };
}

function describeSettings(options: HoldsOptions) {
  return {
    spreadSkus: SPREAD_SKUS,
    rounds: options.rounds,
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
    figure: 'median of the rounds; raw and ours alternate within each round',
    sqlite: {
      ours: `one process, ${options.inFlight} holds in flight, through the group-commit writer`,
      raw: 'one connection, a synchronous loop of prepared statements, one transaction each',
    },
    postgres: {
      ours: `one process, a pool of ${options.pgConnections} connections, ${options.inFlight} holds in flight`,
      raw: `${options.pgConnections} clients (one connection each), one transaction at a time each, named prepared statements`,
    },
  };
}

function sqliteVersion(): string {
  const db = new BetterSqlite3(':memory:');
  try {
    return String(db.prepare('select sqlite_version()').pluck().get());
  } finally {
    db.close();
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function progress(line: string): void {
  console.error(`# ${line}`);
}
