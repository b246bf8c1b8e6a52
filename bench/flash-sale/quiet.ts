/**
 * Waits for StockPool to finish with a sale: every order event received and applied, every
 * unfillable order cancelled on its platform, every push sent, every webhook delivered. Quiet must
 * hold on two reads in a row, since a cancellation sends one more webhook after the queues empty.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SyncStatus } from '../../src/sync/sync-status.ts';
import type { ChannelRig } from '../support/channel-rig.ts';

export interface QuietResult {
  /** ms from the call until quiet. */
  afterMs: number;
  timedOut: boolean;
  deadLetters: number;
}

export async function waitUntilQuiet(
  rig: ChannelRig,
  o: { expectedOrders: number; timeoutMs: number },
): Promise<QuietResult> {
  const startedAt = Date.now();
  let quietReads = 0;
  let deadLetters = 0;
  while (Date.now() - startedAt < o.timeoutMs) {
    await rig.emulators.tiktok.drainWebhooks();
    await rig.emulators.shopee.drainWebhooks();
    const { queues } = await rig.call<SyncStatus>('status');
    deadLetters = queues.deadLetters;
    const outcomes = await rig.call<Record<string, number>>('orderCounts');
    const orders = Object.values(outcomes).reduce((sum, n) => sum + n, 0);
    const idle =
      queues.changedSkus === 0 &&
      queues.pushes === 0 &&
      queues.inboxPending === 0 &&
      (outcomes.unfillable ?? 0) === 0 &&
      orders >= o.expectedOrders;
    quietReads = idle ? quietReads + 1 : 0;
    if (quietReads >= 2) return { afterMs: Date.now() - startedAt, timedOut: false, deadLetters };
    await sleep(200);
  }
  return { afterMs: Date.now() - startedAt, timedOut: true, deadLetters };
}
