/**
 * The hold (reservation) lifecycle for one order line:
 *   held ──confirm──► confirmed ──ship──► shipped
 *     │                  │
 *     └──release/expire──┴──release──► released | expired
 * An unpaid (held) hold expires at `expiresAtMs`; a paid (confirmed) one never expires.
 */
import { fail, succeed, type Outcome } from './outcome.ts';

export const HOLD_STATUSES = ['held', 'confirmed', 'shipped', 'released', 'expired'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

export type HoldAction = 'confirm' | 'ship' | 'release' | 'expire';

/** Unpaid holds are released after this long unless confirmed (a tenant setting). */
export const DEFAULT_HOLD_EXPIRY_MINUTES = 15;

export function isOpenHold(status: HoldStatus): boolean {
  return status === 'held' || status === 'confirmed';
}

const TARGET: Record<HoldAction, HoldStatus> = {
  confirm: 'confirmed',
  ship: 'shipped',
  release: 'released',
  expire: 'expired',
};

export interface HoldTransitionInput {
  status: HoldStatus;
  expiresAtMs: number | null;
  action: HoldAction;
  nowMs: number;
}

/**
 * The next status, or why not. Repeating the transition that produced the current status is a
 * no-op success (`changed: false`), so every call can be retried safely.
 * - confirm: only a held hold not yet expired (an expired hold cannot be confirmed: I6).
 * - expire: only a held hold whose time has come (never early: I6).
 * - ship: held or confirmed; shipping an unpaid hold is allowed (cash on delivery), but not once
 *   it has expired.
 * - release: held or confirmed.
 */
export function nextHoldStatus(
  input: HoldTransitionInput,
): Outcome<{ status: HoldStatus; changed: boolean }> {
  const { status, action, nowMs, expiresAtMs } = input;
  const target = TARGET[action];
  if (status === target) return succeed({ status, changed: false });
  const expired = status === 'held' && expiresAtMs !== null && nowMs >= expiresAtMs;
  switch (action) {
    case 'confirm':
    case 'ship':
      if (expired)
        return fail('HOLD_EXPIRED', { expiresAt: new Date(expiresAtMs ?? 0).toISOString() });
      if (status === 'held' || (action === 'ship' && status === 'confirmed')) {
        return succeed({ status: target, changed: true });
      }
      break;
    case 'release':
      if (isOpenHold(status)) return succeed({ status: target, changed: true });
      break;
    case 'expire':
      if (expired) return succeed({ status: target, changed: true });
      break;
  }
  return fail('INVALID_HOLD_TRANSITION', { from: status, action });
}
