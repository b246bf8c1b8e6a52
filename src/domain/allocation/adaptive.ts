/**
 * Adaptive allocation: showing every shop the whole pool is safe only while the pool outlasts the
 * sales that can happen before a sale on one platform reaches the others (one sync round-trip).
 * When it does not, the pool is partitioned so the shops cannot together sell more than it.
 */
import { DEFAULT_SAFETY_FACTOR, type AdaptiveSettings, type AppliedMode } from './policy.ts';

/** What adaptive decided, and the threshold it compared the pool with (for display). */
export interface AdaptiveDecision {
  mode: AppliedMode;
  /** safetyFactor × expected units sold in one round-trip; null when the rate is unknown. */
  thresholdUnits: number | null;
}

/** Inputs of the adaptive choice for one SKU in one warehouse. */
export interface AdaptiveInput {
  /** Units shops would share (available less the buffer). */
  poolUnits: number;
  /** Expected sales of the SKU over all eligible shops, units per second; undefined = unknown. */
  expectedSalesPerSecond: number | undefined;
  /** The policy's adaptive settings; undefined only for a policy validatePolicy refuses. */
  settings: AdaptiveSettings | undefined;
}

/**
 * Units adaptive wants in the pool to stay shared:
 * safetyFactor (default 2) × expectedSalesPerSecond × roundTripSeconds.
 */
export function adaptiveThresholdUnits(
  settings: AdaptiveSettings,
  expectedSalesPerSecond: number,
): number {
  const factor = settings.safetyFactor ?? DEFAULT_SAFETY_FACTOR;
  return factor * expectedSalesPerSecond * settings.roundTripSeconds;
}

/**
 * Shared when poolUnits ≥ the threshold, partitioned otherwise. Partitioned too whenever the
 * decision cannot be made safely: settings missing, rate unknown, negative or not a number, or a
 * threshold that is not a number. A known rate of 0 (nothing expected to sell) means shared.
 */
export function decideAdaptiveMode(input: AdaptiveInput): AdaptiveDecision {
  const { settings, expectedSalesPerSecond: rate } = input;
  if (settings === undefined || rate === undefined || !(rate >= 0)) {
    return { mode: 'partitioned', thresholdUnits: null };
  }
  const thresholdUnits = adaptiveThresholdUnits(settings, rate);
  // NaN compares false, so a broken setting falls to partitioned, the mode that cannot oversell.
  const mode = input.poolUnits >= thresholdUnits ? 'shared' : 'partitioned';
  return { mode, thresholdUnits: Number.isNaN(thresholdUnits) ? null : thresholdUnits };
}
