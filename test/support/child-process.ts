/**
 * Real child processes for concurrency tests: `node --import tsx <file> <json>` from the repo root.
 * A child says `ready` on stdout once it is set up, starts on `go` from stdin if it waits for
 * one, and ends with its result as the last JSON line on stdout. Its stderr is kept for failures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Child<T> {
  process: ChildProcess;
  /** Resolves when the child printed `ready`. */
  ready: Promise<void>;
  /** Sends `go`. */
  go(): void;
  /** Resolves with the child's last JSON line once it exited with code 0. */
  result: Promise<T>;
  /** Lines the child printed so far that were not JSON (progress, `ready`). */
  lines: string[];
}

export function spawnTsx<T>(file: URL, input: unknown): Child<T> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(file), JSON.stringify(input)],
    { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  let stderr = '';
  let last: T | undefined;
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close' (not 'exit') comes after the last stdout line has been read.
  const closed = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    void closed.then(([code, signal]) =>
      reject(new Error(`child ended before ready (${code ?? signal}): ${stderr.slice(-2000)}`)),
    );
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'ready') markReady();
    if (line.startsWith('{')) last = JSON.parse(line) as T;
    else lines.push(line);
  });
  const result = closed.then(([code, signal]) => {
    if (code === 0 && last !== undefined) return last;
    throw new Error(`child ${file.pathname} ended (${code ?? signal}): ${stderr.slice(-2000)}`);
  });
  return { process: child, ready, go: () => child.stdin?.write('go\n'), result, lines };
}
