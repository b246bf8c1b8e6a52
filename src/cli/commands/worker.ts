/**
 * `stockpool worker`: the sync worker and the hold-expiry sweeper without the API, for scale
 * mode (several workers on PostgreSQL share inbox and push work with SKIP LOCKED; periodic jobs
 * run on one at a time). Run the API with STOCKPOOL_WORKER=0 beside it. SIGINT/SIGTERM stop it.
 */
import type { Command } from 'commander';
import { startExpirySweeper } from '../../inventory/expiry-sweeper.ts';
import type { CliContext } from '../main.ts';
import { openSession, resolveConfig } from '../session.ts';
import { show, text } from '../text.ts';
import { HELP } from '../texts-help.ts';

const T = {
  running: text(
    (p) => `Sync worker running on ${show(p.dialect)} (pid ${show(p.pid)}). Press Ctrl+C to stop.`,
    (p) => `同步进程已启动，数据库：${show(p.dialect)}（进程号 ${show(p.pid)}）。按 Ctrl+C 停止。`,
  ),
  failed: text(
    (p) => `Sync problem in ${show(p.where)} (will retry): ${show(p.reason)}`,
    (p) => `同步出错（${show(p.where)}，稍后重试）：${show(p.reason)}`,
  ),
  stopped: text(
    () => 'Worker stopped.',
    () => '同步进程已停止。',
  ),
};

export function registerWorker(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description(ctx.io.t(HELP.worker))
    .action(async (_options: unknown, command: Command) => {
      const config = resolveConfig(ctx.globals(command));
      const io = ctx.io;
      const pool = await openSession(config, {
        mustExist: false,
        secrets: true,
        onSyncError: (where, error) =>
          io.warn(T.failed, { where, reason: (error as Error).message }),
      });
      const sweeper = startExpirySweeper(
        {
          ...pool,
          onError: (error) =>
            io.warn(T.failed, { where: 'expiry', reason: (error as Error).message }),
        },
        config.holdSweepIntervalMs,
      );
      pool.sync.worker.start();
      const stop = () => {
        void (async () => {
          await sweeper.stop();
          await pool.close();
          io.say(T.stopped);
          process.exit(0);
        })();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      io.say(T.running, { dialect: pool.database.dialect, pid: process.pid });
    });
}
