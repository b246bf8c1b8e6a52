/**
 * Progress of long work on stderr: a bar on a terminal (cli-progress), and on a pipe or log a
 * plain line every 10%, so logs stay readable.
 */
import cliProgress from 'cli-progress';
import type { Io } from './io.ts';
import { show } from './text.ts';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

export function startProgress(io: Io, label: string, total: number): Progress {
  if (total <= 0) return { update: () => undefined, stop: () => undefined };
  if (io.interactive) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} |{bar}| {percentage}% {value}/{total}`,
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let lastStep = 0;
  return {
    update: (done) => {
      const step = Math.floor((done / total) * 10);
      if (step <= lastStep) return;
      lastStep = step;
      io.errorLine(`${label} ${step * 10}% (${show(done)}/${show(total)})`);
    },
    stop: () => undefined,
  };
}
