/**
 * The platform calls one setStock makes (one per product on TikTok Shop, per item on Shopee), and
 * what one failing call means for the others. Platforms fail single calls at random (a 500, an
 * answer lost after the write was applied, one throttle) while answering the rest. Such a failure
 * used to throw for the whole setStock: the calls that had gone through were reported failed with
 * it and retried on the outage schedule (R5: a random 8% of calls failed half of all setStocks of
 * 8 products, and each failure cost every listing of the batch a 5–30 s backoff).
 *
 * Now a retryable failure fails only its own call's listings, as values (with the platform's
 * Retry-After), once some call of the run went through: the platform answers. The run then stops
 * (calls in flight finish): figures computed before a failure should not go out later still, and
 * the listings not called come back `notSent`, to be pushed again with fresh figures, not counted
 * as failed attempts (they wait out the stopping failure's Retry-After, if any). A failure before
 * any call went through leaves room for one more call, unless it was a throttle; if that one fails
 * too, or nothing else went through, the first failure is thrown, as one that failed the whole
 * call (an outage costs two calls per batch). Errors that are not retryable (credentials refused,
 * a malformed answer) are thrown once the calls in flight are done.
 */
import type { ListingRef, StockPushResult } from './contract.ts';
import { isConnectorError, type ConnectorError } from './errors.ts';

export async function runStockCalls<C>(
  calls: C[],
  options: {
    concurrency: number;
    listingsOf: (call: C) => ListingRef[];
    /** The call's results, one per listing of `listingsOf(call)`, in that order. */
    send: (call: C) => Promise<StockPushResult[]>;
    /** Each answered call's results, as soon as it is answered (SetStockOptions). */
    onCallAnswered?: (results: StockPushResult[]) => void;
  },
): Promise<StockPushResult[][]> {
  const results = new Array<StockPushResult[] | undefined>(calls.length);
  let next = 0;
  let succeeded = false;
  let failures = 0;
  let firstFailure: ConnectorError | null = null;
  let lastFailure: ConnectorError | null = null;
  let throttled = false;
  let fatal: { error: unknown } | null = null;
  const stopped = () =>
    fatal !== null || throttled || (failures > 0 && (succeeded || failures >= 2));
  const lane = async (): Promise<void> => {
    while (!stopped() && next < calls.length) {
      const index = next++;
      const call = calls[index] as C;
      try {
        const answered = await options.send(call);
        results[index] = answered;
        succeeded = true;
        options.onCallAnswered?.(answered);
      } catch (error) {
        if (!isConnectorError(error) || !error.retryable) {
          fatal ??= { error };
          continue;
        }
        failures += 1;
        firstFailure ??= error;
        lastFailure = error;
        throttled ||= error.code === 'RATE_LIMITED';
        results[index] = options
          .listingsOf(call)
          .map((listing) => failed(listing, error, { notSent: false }));
      }
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency, calls.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  if (fatal !== null) throw (fatal as { error: unknown }).error;
  const first = firstFailure as ConnectorError | null;
  if (first === null) return results.map((r) => r ?? []);
  if (!succeeded) throw first;
  const stopper = (lastFailure as ConnectorError | null) ?? first;
  return calls.map(
    (call, index) =>
      results[index] ??
      options.listingsOf(call).map((listing) => failed(listing, stopper, { notSent: true })),
  );
}

function failed(
  listing: ListingRef,
  error: ConnectorError,
  how: { notSent: boolean },
): StockPushResult {
  return {
    listing,
    ok: false,
    platformCode: error.platformCode ?? error.code,
    message: how.notSent ? `not sent after: ${error.message}` : error.message,
    retryable: true,
    retryAfterMs: error.retryAfterMs,
    ...(how.notSent ? { notSent: true } : {}),
  };
}
