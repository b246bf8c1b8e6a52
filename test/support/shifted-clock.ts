/**
 * A clock that runs with real time at an offset the test can move forward: StockPool can live a
 * minute behind the emulators and then jump to their time, so a one-minute hold expiry passes at
 * once while every signed request stays inside the platforms' timestamp windows (TikTok Shop
 * accepts 5 minutes behind to 30 s ahead, tiktok-shop.md §1.2; Shopee 5 minutes, shopee.md §2.2).
 */
import type { Clock } from '../../src/ports/clock.ts';

export class ShiftedClock implements Clock {
  constructor(private offsetMs: number) {}

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves time forward (never back: holds, queues and logs assume it only advances). */
  advance(ms: number): void {
    if (ms < 0) throw new Error('a clock only moves forward');
    this.offsetMs += ms;
  }
}
