/**
 * The webhook leg of a propagation floor: a delivery the platform already made, posted again to
 * where it went (StockPool answers it as a duplicate), timed until StockPool answers.
 */
import { performance } from 'node:perf_hooks';
import type { DeliveryRecord } from '../../sandbox/kit/webhook-sender.ts';

export async function redeliverTimed(
  delivery: Pick<DeliveryRecord, 'url' | 'headers' | 'body'>,
): Promise<{ ms: number; status: number }> {
  const startedAt = performance.now();
  // Not answered within 10 s counts as status 0 at its full time: leaving it out would flatter.
  const status = await fetch(delivery.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...delivery.headers },
    body: delivery.body,
    signal: AbortSignal.timeout(10_000),
  }).then(
    async (response) => (await response.arrayBuffer(), response.status),
    () => 0,
  );
  return { ms: performance.now() - startedAt, status };
}
