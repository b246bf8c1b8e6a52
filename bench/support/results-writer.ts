/**
 * Where every benchmark's JSON goes: bench/results/<name>-<timestamp>.json plus <name>-latest.json,
 * written through a temporary file so a crash never leaves half a result behind.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const RESULTS_DIR = join(import.meta.dirname, '..', 'results');

export interface WrittenResults {
  file: string;
  latest: string;
}

export function writeResults(name: string, data: unknown, at = new Date()): WrittenResults {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const text = `${JSON.stringify(data, null, 2)}\n`;
  const file = join(RESULTS_DIR, `${name}-${stamp}.json`);
  const latest = join(RESULTS_DIR, `${name}-latest.json`);
  for (const target of [file, latest]) {
    writeFileSync(`${target}.tmp`, text);
    renameSync(`${target}.tmp`, target);
  }
  return { file, latest };
}
