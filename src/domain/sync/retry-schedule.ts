/**
 * When to try a failed platform call again (PRODUCT.md §1: "3 retries within 1 minute, then keep
 * retrying with backoff and alert"): attempts 1–3 after 5, 15 and 30 s, then exponential backoff
 * from 1 minute with full jitter, capped at 15 minutes; after `maxAttempts` the work becomes a
 * dead letter the seller can retry. A platform's Retry-After is honoured when it asks for longer.
 *
 * That schedule is for a platform that is failing. A call that fails while the platform answers
 * the shop's other calls (a random 500, an answer lost after the write was applied, one 429) says
 * nothing of the kind: its first three retries come after the platform's Retry-After exactly, or
 * after 1–2 s when it gave none, and only then does the backoff above take over, so a listing
 * whose own calls keep failing still backs off and ends as a dead letter. (R5: waiting 5, 15 and
 * 30 s out after random failures left listings off their targets for over a minute of quiet.)
 */
export interface RetryScheduleOptions {
  maxAttempts: number;
  capMs: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetryScheduleOptions = { maxAttempts: 20, capMs: 15 * 60_000 };

const FIRST_MINUTE_MS = [5_000, 15_000, 30_000];

/** The retry of a call that failed while the platform answered others: 1–2 s, jittered. */
const ANSWERING_RETRY_MS = 1_000;

/**
 * Epoch ms of the next attempt after `attempts` failed ones, or null when it is time to give up.
 * `random` in [0, 1) spreads retries of many listings so they do not hit the platform together.
 */
export function nextRetryAtMs(input: {
  attempts: number;
  nowMs: number;
  retryAfterMs: number | null;
  random: number;
  /** The platform answers the shop's other calls (or throttled this one): the failure is its own. */
  platformAnswering?: boolean;
  options?: RetryScheduleOptions;
}): number | null {
  const options = input.options ?? DEFAULT_RETRY_SCHEDULE;
  if (input.attempts >= options.maxAttempts) return null;
  if (input.platformAnswering === true && input.attempts <= FIRST_MINUTE_MS.length)
    return (
      input.nowMs + (input.retryAfterMs ?? Math.floor(ANSWERING_RETRY_MS * (1 + input.random)))
    );
  const early = FIRST_MINUTE_MS[input.attempts - 1];
  const backoff =
    early ??
    Math.floor(
      Math.min(options.capMs, 60_000 * 2 ** (input.attempts - 4)) * (0.5 + input.random / 2),
    );
  return input.nowMs + Math.max(backoff, input.retryAfterMs ?? 0);
}
