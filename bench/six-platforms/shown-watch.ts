/**
 * Reads what every shop shows every `pollMs` and keeps, per shop, the history of the figures
 * StockPool pushed there. A shop's figure moves two ways: StockPool's absolute pushes and the
 * shop's own sales (placed by this benchmark, one unit each, so counted exactly). When a reading
 * differs from the last one less the own sales since, a push landed; the pushed figure is taken
 * as what is shown plus the own sales since the last reading (the most it can have been, so a
 * push is never credited early). The propagation bench's tracker matches orders to figures in
 * the order they were placed, which holds when every platform's event takes as long; here
 * Amazon's waits in SQS for up to a second, so orders are matched in the order StockPool took
 * their stock instead (summary.ts), against this history.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface PushedFigure {
  atMs: number;
  figure: number;
}

interface ShopState {
  lastShown: number;
  lastOwn: number;
  pushed: number;
  history: PushedFigure[];
}

export class ShownWatch {
  private readonly states: ShopState[];
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly o: {
      shops: ReadonlyArray<{ shown(sku: string): number }>;
      sku: string;
      /** What every shop shows when the orders start. */
      start: number;
      /** Units each shop sold itself so far (the order stream's count). */
      ownUnits: (shopIndex: number) => number;
      pollMs: number;
    },
  ) {
    const atMs = Date.now();
    this.states = o.shops.map(() => ({
      lastShown: o.start,
      lastOwn: 0,
      pushed: o.start,
      history: [{ atMs, figure: o.start }],
    }));
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Pushed figures of shop i, oldest first (the first is the starting figure). */
  historyOf(shopIndex: number): readonly PushedFigure[] {
    return this.states[shopIndex]?.history ?? [];
  }

  /**
   * True once every shop shows `figure` (the end: every order taken from the pool). A last push
   * equal to what the shop showed after its own sales cannot be told from no push; once every
   * shop shows the final figure it has plainly landed, and is recorded now (late, never early).
   */
  settledAt(figure: number): boolean {
    if (!this.o.shops.every((shop) => shop.shown(this.o.sku) === figure)) return false;
    const atMs = Date.now();
    for (const state of this.states)
      if (state.pushed > figure) {
        state.pushed = figure;
        state.history.push({ atMs, figure });
      }
    return true;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.tick(Date.now());
      await sleep(this.o.pollMs);
    }
  }

  private tick(now: number): void {
    for (const [i, shop] of this.o.shops.entries()) {
      const state = this.states[i];
      if (!state) continue;
      const shown = shop.shown(this.o.sku);
      const own = this.o.ownUnits(i);
      const ownSince = own - state.lastOwn;
      if (shown !== state.lastShown - ownSince) {
        state.pushed = shown + ownSince;
        state.history.push({ atMs: now, figure: state.pushed });
      }
      state.lastShown = shown;
      state.lastOwn = own;
    }
  }
}
