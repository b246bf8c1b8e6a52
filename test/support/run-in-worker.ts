/**
 * Runs a TypeScript module in a worker thread and resolves with the one message it posts.
 *
 * Why: Node 20's test runner tracks every async resource (every promise) with an async hook so
 * it can blame late activity on a test. Loops that create millions of promises (thousands of
 * database commands) run 2–8× slower inside a test than outside it. A worker thread has its own
 * isolate without that hook, so the heavy part runs at full speed; the test itself stays in the
 * main thread and asserts on what the worker reports. The worker's own failure (an assertion, a
 * fast-check report with its seed) rejects the promise with the worker's error.
 */
import { Worker } from 'node:worker_threads';

/** tsx is registered inside the worker: Node 20 does not apply `--import` hooks to workers. */
const BOOT = (moduleUrl: string) =>
  `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); })`;

export function runInWorker<T>(moduleUrl: URL, workerData: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let result: { value: T } | undefined;
    const worker = new Worker(BOOT(moduleUrl.href), { eval: true, workerData });
    worker.on('message', (value: T) => {
      result = { value };
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (result) resolve(result.value);
      else reject(new Error(`worker ${moduleUrl.pathname} exited (${code}) without a result`));
    });
  });
}
