#!/usr/bin/env node
// Runs every *.test.ts under src/, test/ and sandbox/ with node's own test runner (TypeScript
// through tsx). Node 20's `--test` takes no globs, so the files are listed here. Extra arguments
// pass through (e.g. a file or `--test-name-pattern`).
//
// Two phases: everything else two files at a time, then the tests that measure time under load
// (SOLO) one at a time, so a neighbour's CPU burst cannot push them past their clocks. The spec
// reporter prints each phase; the last line is the total, `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Tests whose assertions are clocks (convergence within 60 s of quiet, a figure's flight time). */
const SOLO = new Set(['test/reliability/r5-fault-mix.test.ts']);

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const args = process.argv.slice(2);
const named = args.some((a) => a.endsWith('.ts'));
const all = named ? [] : ['src', 'test', 'sandbox'].flatMap(findTests).sort();
const phases = named
  ? [{ files: [], concurrency: 2 }]
  : [
      { files: all.filter((f) => !SOLO.has(f)), concurrency: 2 },
      { files: all.filter((f) => SOLO.has(f)), concurrency: 1 },
    ].filter((p) => p.files.length > 0);

const dir = mkdtempSync(join(tmpdir(), 'stockpool-tests-'));
const totals = { pass: 0, fail: 0, skipped: 0 };
let status = 0;
try {
  phases.forEach((phase, i) => {
    const tap = join(dir, `phase-${i}.tap`);
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        `--test-concurrency=${phase.concurrency}`,
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tap}`,
        ...args,
        ...phase.files,
      ],
      { stdio: 'inherit' },
    );
    if ((result.status ?? 1) !== 0) status = result.status ?? 1;
    const summary = readFileSync(tap, 'utf8');
    for (const key of Object.keys(totals)) {
      const match = new RegExp(`^# ${key} (\\d+)$`, 'm').exec(summary);
      totals[key] += match ? Number(match[1]) : 0;
    }
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (status !== 0 && totals.fail === 0) totals.fail = 1; // the runner itself failed (a crash)
console.log(`${totals.skipped} skipped`);
console.log(`${totals.pass} passed, ${totals.fail} failed`);
process.exit(status);
