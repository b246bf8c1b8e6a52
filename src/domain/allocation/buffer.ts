/**
 * The buffer: units held back from every channel so a late sync cannot oversell the last few.
 * What is left after it is the pool that shops share.
 */
import { toUnitCount, type AllocationPolicy } from './policy.ts';

/** Hundredths of a percent in a whole: the buffer percent is honoured to 0.01 %. */
const BASIS_POINTS = 10_000;

/**
 * Units held back from `available` (an integer ≥ 0): the larger of bufferUnits and
 * ceil(available × bufferPercent / 100), never more than available. Rounding up means the buffer
 * is never under-held. A percent outside 0–100 is read as the nearest bound; a percent with more
 * than two decimals is rounded up to the next 0.01 %; not a number → 100 % (hold everything
 * rather than guess; validatePolicy refuses such a policy before it is saved).
 */
export function bufferUnitsHeld(available: number, policy: AllocationPolicy): number {
  const units = toUnitCount(policy.bufferUnits);
  const percent = percentUnits(available, policy.bufferPercent);
  return Math.min(available, Math.max(units, percent));
}

/**
 * ceil(available × basisPoints / 10 000) without floating-point error: the quotient and the
 * remainder of available are scaled separately, so every product stays an exact integer.
 */
function percentUnits(available: number, percent: number | undefined): number {
  if (percent === undefined || available <= 0) return 0;
  const basisPoints = toBasisPoints(percent);
  const whole = Math.floor(available / BASIS_POINTS);
  const rest = available - whole * BASIS_POINTS;
  return whole * basisPoints + Math.ceil((rest * basisPoints) / BASIS_POINTS);
}

function toBasisPoints(percent: number): number {
  if (Number.isNaN(percent)) return BASIS_POINTS;
  const clamped = Math.min(100, Math.max(0, percent));
  // 0.07 × 100 is 7.000000000000001 in floating point: allow for that noise before rounding up.
  return Math.ceil(clamped * 100 - 1e-6);
}

/** The pool shops share: available less the buffer, an integer ≥ 0 and ≤ available. */
export function poolUnits(available: number, policy: AllocationPolicy): number {
  return available - bufferUnitsHeld(available, policy);
}
