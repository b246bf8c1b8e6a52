/**
 * Retries for connector reads (catalogue, orders): a retryable ConnectorError is tried again after
 * the platform's Retry-After or an exponential backoff with full jitter. Stock pushes are not
 * retried here: the outbox retries them with its own schedule, so a push is never repeated blindly.
 */
import type { ConnectorError } from '../errors.ts';
import { isConnectorError } from '../errors.ts';

export interface RetryOptions {
  /** Total attempts, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
  /** Called before a retry; a connector refreshes its token here on TOKEN_EXPIRED. */
  beforeRetry?: (error: ConnectorError) => Promise<void>;
}

export const READ_RETRY: RetryOptions = { attempts: 4, baseDelayMs: 250, maxDelayMs: 5_000 };

export async function withRetries<T>(run: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isConnectorError(error) || !error.retryable || attempt >= options.attempts) throw error;
      await options.beforeRetry?.(error);
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(error, attempt, options)));
    }
  }
}

/** Retry-After when the platform gave one, else full-jitter exponential backoff. */
export function retryDelayMs(
  error: ConnectorError,
  attempt: number,
  options: RetryOptions,
): number {
  if (error.code === 'TOKEN_EXPIRED') return 0;
  if (error.retryAfterMs !== null) return Math.min(error.retryAfterMs, options.maxDelayMs);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}
