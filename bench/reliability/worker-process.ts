/**
 * A `stockpool worker` child process (scale mode: the sync worker and the expiry sweeper without
 * the API) started as an operator starts it, with the database URL and the credentials key in its
 * environment, and killed with a real SIGKILL: no handler runs, leases stay taken, connections
 * drop mid-transaction.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface WorkerProcess {
  pid: number;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<string>;
  /** True once the worker said it is running. */
  running(): boolean;
  output(): string;
  kill(signal: NodeJS.Signals): Promise<string>;
}

export function startWorkerProcess(options: {
  databaseUrl: string;
  secretKey: string;
}): WorkerProcess {
  const child: ChildProcess = spawn(process.execPath, ['bin/stockpool.js', 'worker'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      STOCKPOOL_SECRET_KEY: options.secretKey,
      LOG_LEVEL: 'warn',
      LANG: 'en',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep the tail only: a long run must not grow without limit.
  let text = '';
  let started = false;
  const keep = (d: Buffer) => {
    text = (text + d.toString()).slice(-20_000);
    started ||= text.includes('Sync worker running');
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = once(child, 'close').then(([code, signal]) => String(signal ?? code));
  return {
    pid: child.pid ?? -1,
    exited,
    running: () => started,
    output: () => text,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
