/**
 * R1's final checks: the platforms' records against StockPool's. Every webhook the intake
 * acknowledged (HTTP 2xx to the platform) must be in the inbox and processed; every order of
 * which a webhook was acknowledged must be applied exactly once in the state its platform shows
 * now (one hold per line, open while the order is live, released when it was cancelled); reserved
 * stock per SKU must equal the live orders' units; no hold or movement twice; the stock
 * invariants (I1, I2, ledger = balances, SQLite integrity) hold.
 */
import { createHash } from 'node:crypto';
import type { InvariantViolation } from '../../src/store/invariant-check.ts';
import type { DeliveryRecord } from '../../sandbox/kit/webhook-sender.ts';
import type { ChannelRig, EmulatedShop } from '../support/channel-rig.ts';
import { expectedState, type BookedOrder } from './buyers.ts';
import type { Ledger } from './side-queries.ts';

export interface R1Checks {
  acknowledgedEvents: number;
  unacknowledgedEvents: number;
  /** Acknowledged events missing from the inbox. */
  lostEvents: number;
  inboxByStatus: Record<string, number>;
  ordersAcknowledged: number;
  /** Acknowledged orders StockPool has no record of, or in another state than the platform's. */
  ordersMissing: number;
  ordersInWrongState: number;
  ordersWithWrongHolds: number;
  reservedMismatches: Array<{ sku: string; expected: number; actual: number }>;
  duplicateHolds: number;
  duplicateMovements: number;
  invariantViolations: InvariantViolation[];
  examples: string[];
  failures: string[];
}

const OPEN_HOLD = new Set(['held', 'confirmed']);

export async function checkR1(
  rig: ChannelRig,
  shops: Array<EmulatedShop & { shopId: string }>,
  book: BookedOrder[],
): Promise<R1Checks> {
  const ledger = await rig.call<Ledger>('ledger');
  const events = acknowledgement([
    ...rig.emulators.tiktok.webhookDeliveries(),
    ...rig.emulators.shopee.webhookDeliveries(),
  ]);
  const inbox = new Set(ledger.inboxEventIds);
  const lost = [...events.acknowledged].filter((id) => !inbox.has(id));
  const shopIdOf = new Map(shops.map((s) => [s.platformShopId, s.shopId]));
  // A TikTok Shop order has one line per unit: lines are grouped per order.
  const lines = new Map<string, Ledger['orderLines']>();
  for (const l of ledger.orderLines) {
    const key = `${l.shopId}|${l.platformOrderId}`;
    lines.set(key, [...(lines.get(key) ?? []), l]);
  }
  const examples: string[] = [];
  const expectedReserved: Record<string, number> = {};
  let acknowledgedOrders = 0;
  let missing = 0;
  let wrongState = 0;
  let wrongHold = 0;
  for (const order of book) {
    const status = order.shop.emulator.orderStatus(order.shop.platformShopId, order.orderId);
    const expected = expectedState(status);
    if (expected === 'placed' || expected === 'paid')
      expectedReserved[order.sku] = (expectedReserved[order.sku] ?? 0) + order.quantity;
    if (!events.acknowledgedOrders.has(order.orderId)) continue;
    acknowledgedOrders += 1;
    const orderLines = lines.get(`${shopIdOf.get(order.shop.platformShopId)}|${order.orderId}`);
    const what = `${order.shop.access.key} order ${order.orderId} (${status})`;
    if (!orderLines) {
      missing += 1;
      if (examples.length < 10) examples.push(`${what}: not in StockPool`);
      continue;
    }
    const state = orderLines[0]?.state ?? null;
    if (state !== expected) {
      wrongState += 1;
      if (examples.length < 10) examples.push(`${what}: StockPool state ${state}`);
    }
    const openLines = orderLines.filter(
      (l) => l.holdStatus !== null && OPEN_HOLD.has(l.holdStatus),
    );
    const held = openLines.reduce((sum, l) => sum + l.quantity, 0);
    const wanted = expected === 'cancelled' ? 0 : order.quantity;
    const allOpen = expected === 'cancelled' || openLines.length === orderLines.length;
    if (held !== wanted || !allOpen) {
      wrongHold += 1;
      if (examples.length < 10)
        examples.push(
          `${what}: ${orderLines[0]?.outcome} lines ${orderLines
            .map((l) => `${l.lineId}:${l.sku}×${l.quantity}:${l.appliedState}:${l.holdStatus}`)
            .join(',')}, booked ${order.sku}×${order.quantity}`,
        );
    }
  }
  const reservedMismatches = Object.keys({ ...expectedReserved, ...ledger.reserved })
    .map((sku) => ({
      sku,
      expected: expectedReserved[sku] ?? 0,
      actual: ledger.reserved[sku] ?? 0,
    }))
    .filter((r) => r.expected !== r.actual);
  const invariantViolations = await rig.call<InvariantViolation[]>('invariants');
  const checks: Omit<R1Checks, 'failures'> = {
    acknowledgedEvents: events.acknowledged.size,
    unacknowledgedEvents: events.unacknowledged.size,
    lostEvents: lost.length,
    inboxByStatus: ledger.inboxByStatus,
    ordersAcknowledged: acknowledgedOrders,
    ordersMissing: missing,
    ordersInWrongState: wrongState,
    ordersWithWrongHolds: wrongHold,
    reservedMismatches,
    duplicateHolds: ledger.duplicateHolds,
    duplicateMovements: ledger.duplicateMovements,
    invariantViolations,
    examples: [...examples, ...lost.slice(0, 5).map((id) => `event ${id}: not in the inbox`)],
  };
  return { ...checks, failures: failuresOf(checks) };
}

function failuresOf(c: Omit<R1Checks, 'failures'>): string[] {
  const failures: string[] = [];
  if (c.lostEvents > 0) failures.push(`${c.lostEvents} acknowledged events lost`);
  if ((c.inboxByStatus.pending ?? 0) > 0 || (c.inboxByStatus.dead ?? 0) > 0)
    failures.push(`inbox not processed: ${JSON.stringify(c.inboxByStatus)}`);
  if (c.ordersMissing > 0) failures.push(`${c.ordersMissing} acknowledged orders not applied`);
  if (c.ordersInWrongState > 0) failures.push(`${c.ordersInWrongState} orders in a wrong state`);
  if (c.ordersWithWrongHolds > 0) failures.push(`${c.ordersWithWrongHolds} orders' holds wrong`);
  if (c.reservedMismatches.length > 0)
    failures.push(`reserved ≠ live orders: ${JSON.stringify(c.reservedMismatches.slice(0, 3))}`);
  if (c.duplicateHolds > 0) failures.push(`${c.duplicateHolds} duplicate holds`);
  if (c.duplicateMovements > 0) failures.push(`${c.duplicateMovements} duplicate movements`);
  if (c.invariantViolations.length > 0)
    failures.push(`invariants: ${JSON.stringify(c.invariantViolations.slice(0, 3))}`);
  return failures;
}

/** Event ids (as StockPool derives them) and order ids of the acknowledged webhooks. */
function acknowledgement(deliveries: DeliveryRecord[]): {
  acknowledged: Set<string>;
  unacknowledged: Set<string>;
  acknowledgedOrders: Set<string>;
} {
  const acknowledged = new Set<string>();
  const attempted = new Set<string>();
  const acknowledgedOrders = new Set<string>();
  for (const d of deliveries) {
    const body = JSON.parse(d.body) as {
      tts_notification_id?: string;
      data?: { order_id?: string; ordersn?: string };
    };
    // TikTok Shop names each notification; Shopee's push has no id: StockPool hashes the body.
    const id = body.tts_notification_id ?? createHash('sha256').update(d.body).digest('hex');
    attempted.add(id);
    if (!d.delivered) continue;
    acknowledged.add(id);
    const orderId = body.data?.order_id ?? body.data?.ordersn;
    if (orderId !== undefined) acknowledgedOrders.add(orderId);
  }
  const unacknowledged = new Set([...attempted].filter((id) => !acknowledged.has(id)));
  return { acknowledged, unacknowledged, acknowledgedOrders };
}
