// Proves the hold lifecycle table: every status × action × (before, at, after expiry), that a
// terminal hold is never resurrected, that expiry never fires early and that an expired hold
// cannot be confirmed (QUALITY.md I6).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  DEFAULT_HOLD_EXPIRY_MINUTES,
  HOLD_STATUSES,
  isOpenHold,
  nextHoldStatus,
  type HoldAction,
  type HoldStatus,
} from './holds.ts';

const ACTIONS: readonly HoldAction[] = ['confirm', 'ship', 'release', 'expire'];
const TERMINAL: readonly HoldStatus[] = ['shipped', 'released', 'expired'];
const EXPIRES_AT = Date.parse('2026-11-27T00:15:00Z');

/** What the lifecycle in the issue says, written out by hand as the oracle for the table. */
function expected(status: HoldStatus, action: HoldAction, due: boolean): string {
  const target = { confirm: 'confirmed', ship: 'shipped', release: 'released', expire: 'expired' };
  if (status === target[action]) return `ok:${status}:unchanged`;
  if (status === 'held' && due && (action === 'confirm' || action === 'ship'))
    return 'HOLD_EXPIRED';
  const allowed =
    (status === 'held' && action !== 'expire') ||
    (status === 'held' && action === 'expire' && due) ||
    (status === 'confirmed' && (action === 'ship' || action === 'release'));
  return allowed ? `ok:${target[action]}:changed` : 'INVALID_HOLD_TRANSITION';
}

function actual(status: HoldStatus, action: HoldAction, nowMs: number): string {
  const out = nextHoldStatus({ status, action, nowMs, expiresAtMs: EXPIRES_AT });
  if (!out.ok) return out.error.code;
  return `ok:${out.value.status}:${out.value.changed ? 'changed' : 'unchanged'}`;
}

describe('hold lifecycle', () => {
  for (const status of HOLD_STATUSES) {
    for (const action of ACTIONS) {
      it(`${action} on ${status === 'expired' ? 'an' : 'a'} ${status} hold follows the lifecycle before, at and after expiry`, () => {
        assert.equal(actual(status, action, EXPIRES_AT - 1), expected(status, action, false));
        assert.equal(actual(status, action, EXPIRES_AT), expected(status, action, true));
        assert.equal(actual(status, action, EXPIRES_AT + 1), expected(status, action, true));
      });
    }
  }

  it('expires exactly at expiresAtMs and not one millisecond before', () => {
    const at = (nowMs: number) =>
      nextHoldStatus({ status: 'held', action: 'expire', expiresAtMs: EXPIRES_AT, nowMs });
    assert.equal(at(EXPIRES_AT - 1).ok, false);
    assert.deepEqual(at(EXPIRES_AT), { ok: true, value: { status: 'expired', changed: true } });
  });

  it('names the expiry time when a late confirm is refused', () => {
    const out = nextHoldStatus({
      status: 'held',
      action: 'confirm',
      expiresAtMs: EXPIRES_AT,
      nowMs: EXPIRES_AT + 60_000,
    });
    assert.deepEqual(out, {
      ok: false,
      error: { code: 'HOLD_EXPIRED', details: { expiresAt: '2026-11-27T00:15:00.000Z' } },
    });
  });

  it('names the status and action when a transition is not allowed', () => {
    const out = nextHoldStatus({
      status: 'shipped',
      action: 'release',
      expiresAtMs: null,
      nowMs: 0,
    });
    assert.deepEqual(out, {
      ok: false,
      error: { code: 'INVALID_HOLD_TRANSITION', details: { from: 'shipped', action: 'release' } },
    });
  });

  it('a paid hold (no expiry) never expires, however late it is', () => {
    for (const status of ['held', 'confirmed'] as const) {
      const out = nextHoldStatus({ status, action: 'expire', expiresAtMs: null, nowMs: 8.64e15 });
      assert.equal(!out.ok && out.error.code, 'INVALID_HOLD_TRANSITION');
    }
    const confirm = nextHoldStatus({
      status: 'held',
      action: 'confirm',
      expiresAtMs: null,
      nowMs: 8.64e15,
    });
    assert.ok(confirm.ok && confirm.value.status === 'confirmed');
  });

  it('only held and confirmed holds are open', () => {
    assert.deepEqual(
      HOLD_STATUSES.filter((s) => isOpenHold(s)),
      ['held', 'confirmed'],
    );
  });

  it('unpaid holds expire after 15 minutes by default', () => {
    assert.equal(DEFAULT_HOLD_EXPIRY_MINUTES, 15);
  });
});

describe('hold lifecycle properties', () => {
  const status = fc.constantFrom(...HOLD_STATUSES);
  const action = fc.constantFrom(...ACTIONS);
  const time = fc.integer({ min: 0, max: 4_000_000_000_000 });
  const expiry = fc.option(time, { nil: null });

  it('never moves a terminal hold to another status', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TERMINAL), action, time, expiry, (s, a, nowMs, exp) => {
        const out = nextHoldStatus({ status: s, action: a, nowMs, expiresAtMs: exp });
        if (out.ok) assert.deepEqual(out.value, { status: s, changed: false });
      }),
    );
  });

  it('never expires a hold before its expiry time, and never a confirmed one', () => {
    fc.assert(
      fc.property(status, time, expiry, (s, nowMs, exp) => {
        const out = nextHoldStatus({ status: s, action: 'expire', nowMs, expiresAtMs: exp });
        if (out.ok && out.value.changed) {
          assert.equal(s, 'held');
          assert.ok(exp !== null && nowMs >= exp);
        }
      }),
    );
  });

  it('never confirms or ships an unpaid hold at or after its expiry time', () => {
    fc.assert(
      fc.property(fc.constantFrom<HoldAction>('confirm', 'ship'), time, time, (a, nowMs, exp) => {
        const out = nextHoldStatus({ status: 'held', action: a, nowMs, expiresAtMs: exp });
        assert.equal(out.ok, nowMs < exp);
      }),
    );
  });

  it('repeating a transition that succeeded is a no-op success', () => {
    fc.assert(
      fc.property(status, action, time, expiry, (s, a, nowMs, exp) => {
        const first = nextHoldStatus({ status: s, action: a, nowMs, expiresAtMs: exp });
        fc.pre(first.ok);
        const again = nextHoldStatus({
          status: first.ok ? first.value.status : s,
          action: a,
          nowMs,
          expiresAtMs: exp,
        });
        assert.deepEqual(again, {
          ok: true,
          value: { status: first.ok && first.value.status, changed: false },
        });
      }),
    );
  });
});
