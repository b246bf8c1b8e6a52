/**
 * `stockpool sandbox`: the emulated TikTok Shop and Shopee alone, on the sandbox ports, with their
 * control API under /_emulator/ (seed shops and products, act as buyers, inject faults). For
 * demos and for tests or benchmarks that drive StockPool from another process.
 */
import type { Command } from 'commander';
import { startShopeeEmulator } from '../../../sandbox/shopee/index.ts';
import { startTikTokShopEmulator } from '../../../sandbox/tiktok-shop/server.ts';
import type { CliContext } from '../main.ts';
import { resolveConfig } from '../session.ts';
import { show, text } from '../text.ts';
import { HELP } from '../texts-help.ts';

const T = {
  running: text(
    (p) =>
      `Emulated TikTok Shop: ${show(p.tiktok)}\nEmulated Shopee:      ${show(p.shopee)}\nControl API under /_emulator/. Press Ctrl+C to stop.`,
    (p) =>
      `模拟 TikTok Shop：${show(p.tiktok)}\n模拟 Shopee：${show(p.shopee)}\n控制接口位于 /_emulator/。按 Ctrl+C 停止。`,
  ),
};

export function registerSandbox(program: Command, ctx: CliContext): void {
  program
    .command('sandbox')
    .description(ctx.io.t(HELP.sandbox))
    .action(async (_options: unknown, command: Command) => {
      const config = resolveConfig(ctx.globals(command));
      const tiktok = await startTikTokShopEmulator({
        port: config.sandboxPorts.tiktokShop,
        host: config.host,
      });
      const shopee = await startShopeeEmulator({
        port: config.sandboxPorts.shopee,
        host: config.host,
      });
      const stop = () => {
        void Promise.all([tiktok.close(), shopee.close()]).then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      ctx.io.say(T.running, { tiktok: tiktok.baseUrl, shopee: shopee.baseUrl });
    });
}
