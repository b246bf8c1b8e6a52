/**
 * A fake clock that runs `speed` times faster than real time from a fixed start. Processes given
 * the same (fakeStartMs, realStartMs, speed) read the same time, so a test and the child
 * processes it starts agree on "now" while a 15-minute expiry passes in seconds.
 */
import type { Clock } from '../../src/ports/clock.ts';

export interface ScaledClockSpec {
  fakeStartMs: number;
  realStartMs: number;
  speed: number;
}

export class ScaledClock implements Clock {
  constructor(private readonly spec: ScaledClockSpec) {}

  nowMs(): number {
    const { fakeStartMs, realStartMs, speed } = this.spec;
    return fakeStartMs + Math.floor((Date.now() - realStartMs) * speed);
  }

  /** Real milliseconds until the fake clock reads `fakeMs` (0 if it already has). */
  realMsUntil(fakeMs: number): number {
    return Math.max(0, Math.ceil((fakeMs - this.nowMs()) / this.spec.speed));
  }
}
