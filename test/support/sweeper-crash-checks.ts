/**
 * Probes and final checks for the expiry-sweeper crash test (test/concurrency/): confirming holds
 * while sweepers run, and checking afterwards that every unpaid hold expired exactly once, never
 * before its expiry and within the bound, and that confirmed holds stayed confirmed.
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Actor } from '../../src/inventory/command-context.ts';
import type { StockPool } from '../../src/main.ts';
import { tally } from './concurrency.ts';
import type { Fixture } from './stockpool-fixture.ts';

export async function countByStatus(f: Fixture, status: string): Promise<number> {
  const row = await f.pool.database.db
    .selectFrom('holds')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', f.actor.tenantId)
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Held holds, due by now or not yet due by `marginMs`, in random order. */
function heldHolds(pool: StockPool, tenantId: string, due: boolean, limit: number, marginMs = 0) {
  const now = pool.clock.nowMs();
  return pool.database.db
    .selectFrom('holds')
    .select(['id', 'expires_at'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'held')
    .where('expires_at', due ? '<=' : '>', due ? now : now + marginMs)
    .orderBy(sql`random()`)
    .limit(limit)
    .execute();
}

/** Confirms up to `limit` overdue holds that are still held; returns the codes they got. */
export async function confirmDueHolds(pool: StockPool, actor: Actor, limit: number) {
  const due = await heldHolds(pool, actor.tenantId, true, limit);
  const outcomes = [];
  for (const h of due) outcomes.push(await pool.inventory.transitionHold(actor, h.id, 'confirm'));
  return { attempted: due.length, codes: tally(outcomes) };
}

/**
 * While the sweepers run: every 50 ms confirm a hold that is 30 s (fake) from expiry, which must
 * succeed before its time, and one that is overdue, which must be refused.
 */
export function keepConfirming(pool: StockPool, actor: Actor) {
  const clock = pool.clock;
  const confirmed: string[] = [];
  let running = true;
  const probe = async () => {
    while (running) {
      for (const h of await heldHolds(pool, actor.tenantId, false, 1, 30_000)) {
        const out = await pool.inventory.transitionHold(actor, h.id, 'confirm');
        if (out.ok) {
          assert.ok(Date.parse(out.value.updatedAt) < Number(h.expires_at), 'confirmed late');
          confirmed.push(h.id);
        } else {
          assert.equal(out.error.code, 'HOLD_EXPIRED');
          assert.ok(clock.nowMs() >= Number(h.expires_at), 'refused a confirm before expiry');
        }
      }
      const late = await confirmDueHolds(pool, actor, 1);
      assert.equal(late.codes.ok, undefined, 'an overdue hold was confirmed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  // Kept settled until stop() so a failed probe cannot surface as an unhandled rejection.
  const loop = probe().then(
    () => null,
    (error: unknown) => ({ error }),
  );
  return {
    stop: async (): Promise<string[]> => {
      running = false;
      const failed = await loop;
      if (failed) throw failed.error;
      return confirmed;
    },
  };
}

export interface SweepExpectations {
  /** Fake time the first sweeper started: holds due before it are bounded from there. */
  goFakeMs: number;
  boundMs: number;
  /** Holds the test confirmed before their expiry. */
  confirmed: string[];
  /** A pool to send late confirms through. */
  late: StockPool;
}

export async function assertSweepOutcome(f: Fixture, e: SweepExpectations): Promise<void> {
  const db = f.pool.database.db;
  const t = f.actor.tenantId;
  const rows = await db
    .selectFrom('holds')
    .select(['id', 'status', 'expires_at', 'updated_at'])
    .where('tenant_id', '=', t)
    .execute();
  const releases = await db
    .selectFrom('movements')
    .select((eb) => ['hold_id', eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', t)
    .where('kind', '=', 'release')
    .groupBy('hold_id')
    .execute();
  const released = new Map(releases.map((r) => [r.hold_id, Number(r.n)]));
  const confirmed = new Set(e.confirmed);
  const expired: string[] = [];
  for (const h of rows) {
    if (h.expires_at === null || confirmed.has(h.id)) {
      assert.equal(h.status, 'confirmed', `paid or confirmed hold ${h.id} is ${h.status}`);
      assert.equal(released.get(h.id), undefined, `hold ${h.id} was released`);
      continue;
    }
    const expiresAt = Number(h.expires_at);
    assert.equal(h.status, 'expired', `hold ${h.id} due at ${expiresAt} is still ${h.status}`);
    assert.ok(Number(h.updated_at) >= expiresAt, `hold ${h.id} expired early`);
    const limit = Math.max(expiresAt, e.goFakeMs) + e.boundMs;
    assert.ok(
      Number(h.updated_at) <= limit,
      `hold ${h.id} expired ${Number(h.updated_at) - limit} ms late`,
    );
    assert.equal(released.get(h.id), 1, `hold ${h.id} released ${released.get(h.id)} times`);
    expired.push(h.id);
  }
  assert.ok(expired.length > 0);
  const late = [];
  for (const id of expired.slice(0, 100))
    late.push(await e.late.inventory.transitionHold(f.actor, id, 'confirm'));
  assert.deepEqual(tally(late), { INVALID_HOLD_TRANSITION: late.length });
}
