/**
 * `stockpool sandbox`: the six emulated platforms alone (TikTok Shop, Shopee, Lazada, Amazon,
 * Shopify, WooCommerce), on the sandbox ports, each with its control API under /_emulator/ (seed
 * shops and products, act as buyers, inject faults). For demos and for tests or benchmarks that
 * drive StockPool from another process.
 */
import type { Command } from 'commander';
import type { PlatformEmulator } from '../../../sandbox/kit/emulator.ts';
import {
  describeEmulators,
  PLATFORM_PROFILES,
  SANDBOX_PLATFORMS,
} from '../../../sandbox/platform-profiles.ts';
import type { CliContext } from '../main.ts';
import { resolveConfig } from '../session.ts';
import { show, text } from '../text.ts';
import { HELP } from '../texts-help.ts';

const T = {
  running: text(
    (p) =>
      `Emulated platforms:\n${show(p.emulators)}\nControl API under /_emulator/. Press Ctrl+C to stop.`,
    (p) => `模拟平台：\n${show(p.emulators)}\n控制接口位于 /_emulator/。按 Ctrl+C 停止。`,
  ),
};

export function registerSandbox(program: Command, ctx: CliContext): void {
  program
    .command('sandbox')
    .description(ctx.io.t(HELP.sandbox))
    .action(async (_options: unknown, command: Command) => {
      const config = resolveConfig(ctx.globals(command));
      const emulators: PlatformEmulator[] = [];
      const stopAll = () => Promise.all(emulators.map((e) => e.close()));
      try {
        for (const platform of SANDBOX_PLATFORMS)
          emulators.push(
            await PLATFORM_PROFILES[platform].start({
              port: config.sandboxPorts[platform],
              host: config.host,
            }),
          );
      } catch (error) {
        await stopAll();
        throw error;
      }
      const stop = () => {
        void stopAll().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      ctx.io.say(T.running, { emulators: describeEmulators(emulators) });
    });
}
