import type { Clock } from '../ports/clock.ts';

export const systemClock: Clock = { nowMs: () => Date.now() };

/** A clock tests move by hand (expiry sweeps, simulations). */
export class ManualClock implements Clock {
  constructor(private currentMs: number) {}
  nowMs(): number {
    return this.currentMs;
  }
  advanceMs(deltaMs: number): void {
    this.currentMs += deltaMs;
  }
}
