/**
 * Commands of the model-based inventory test that send something again or send what must be
 * refused: a replay of an earlier keyed command, a used key with a different request (of the same
 * or another kind), a replay of a prefix of the sequence, and misuse (ids of another tenant or of
 * nothing, a key in the reserved system namespace). None of them may change anything.
 */
import assert from 'node:assert/strict';
import type { TenantSession } from './inventory-harness.ts';
import { CheckedCommand } from './inventory-commands.ts';
import {
  changedRequest,
  performKeyed,
  sendKeyed,
  type KeyedRequest,
  type SequenceState,
} from './keyed-requests.ts';

/** Sends an earlier keyed command again with its key: a replay if it succeeded, else a retry. */
export class ReplayCommand extends CheckedCommand {
  constructor(private readonly index: number) {
    super();
  }
  check(state: Readonly<SequenceState>): boolean {
    return state.ops.length > 0;
  }
  protected async apply(state: SequenceState, s: TenantSession): Promise<void> {
    const op = state.ops[this.index % state.ops.length];
    assert.ok(op);
    await performKeyed(state, s, op);
  }
  toString(): string {
    return `replay(op #${this.index})`;
  }
}

/** A receipt, or a hold where the key was used by something else: a request of another kind. */
const OTHER_KIND: Record<'hold' | 'other', KeyedRequest> = {
  hold: {
    kind: 'receipt',
    input: { warehouse: 'W1', reference: 'PO-1', lines: [{ sku: 'A', quantity: 1 }] },
  },
  other: { kind: 'hold', input: { sku: 'A', warehouse: 'W1', quantity: 1, orderRef: 'ORD-1' } },
};

/** Sends a different request under a key that already succeeded: refused, nothing written. */
export class KeyReuseCommand extends CheckedCommand {
  constructor(
    private readonly index: number,
    private readonly otherKind: boolean,
  ) {
    super();
  }
  check(state: Readonly<SequenceState>): boolean {
    return state.ops.some((op) => op.first);
  }
  protected async apply(state: SequenceState, s: TenantSession): Promise<void> {
    const done = state.ops.filter((op) => op.first);
    const op = done[this.index % done.length];
    assert.ok(op);
    const other = OTHER_KIND[op.request.kind === 'hold' ? 'hold' : 'other'];
    const out = await sendKeyed(s, this.otherKind ? other : changedRequest(op.request), op.key);
    assert.equal(!out.ok && out.error.code, 'IDEMPOTENCY_KEY_REUSED', `reuse of ${op.key}`);
  }
  toString(): string {
    return `reuseKey(op #${this.index}${this.otherKind ? ', another kind' : ''})`;
  }
}

/** Replays the first part of what succeeded so far, in order: nothing may change. */
export class ReplayPrefixCommand extends CheckedCommand {
  constructor(private readonly permille: number) {
    super();
  }
  protected async apply(state: SequenceState, s: TenantSession): Promise<void> {
    const before = await s.counts();
    await replayPrefix(state, s, Math.round((state.applied.length * this.permille) / 1000));
    assert.deepEqual(await s.counts(), before, 'a replayed prefix wrote rows');
  }
  toString(): string {
    return `replayPrefix(${this.permille / 10}%)`;
  }
}

export async function replayPrefix(
  state: SequenceState,
  s: TenantSession,
  length: number,
): Promise<void> {
  for (const step of state.applied.slice(0, length)) {
    if (step.type === 'keyed') {
      await performKeyed(state, s, step.op);
    } else if (step.type === 'transition') {
      const hold = state.model.holds.find((h) => h.id === step.holdId);
      const out = await s.pool.inventory.transitionHold(s.actor, step.holdId, step.action);
      if (out.ok) assert.equal(out.value.status, hold?.status, `replayed ${step.action}`);
      else assert.equal(out.error.code, 'INVALID_HOLD_TRANSITION', `replayed ${step.action}`);
    } else {
      const out = await s.pool.inventory.receiveTransfer(s.actor, step.transferId);
      assert.ok(out.ok && out.value.status === 'received', 'replayed transfer receipt');
    }
  }
}

export type Misuse = 'foreign-hold' | 'foreign-transfer' | 'missing-hold' | 'reserved-key';

/** Ids of another tenant (or of nothing) and keys in the system namespace: refused, no change. */
export class MisuseCommand extends CheckedCommand {
  constructor(private readonly misuse: Misuse) {
    super();
  }
  protected async apply(_state: SequenceState, s: TenantSession): Promise<void> {
    const inv = s.pool.inventory;
    const foreign = s.foreignIds;
    switch (this.misuse) {
      case 'foreign-hold':
      case 'missing-hold': {
        const id = this.misuse === 'foreign-hold' ? (foreign.holdId ?? 'hld_none') : 'hld_none';
        for (const action of ['confirm', 'ship', 'release'] as const) {
          const out = await inv.transitionHold(s.actor, id, action);
          assert.equal(!out.ok && out.error.code, 'HOLD_NOT_FOUND', `${action} of ${id}`);
        }
        return;
      }
      case 'foreign-transfer': {
        const id = foreign.transferId ?? 'trf_none';
        const out = await inv.receiveTransfer(s.actor, id);
        assert.equal(!out.ok && out.error.code, 'TRANSFER_NOT_FOUND', `receive of ${id}`);
        return;
      }
      case 'reserved-key': {
        const request = OTHER_KIND.hold;
        const out = await sendKeyed(s, request, `sys:hold:${foreign.holdId ?? 'x'}:release`);
        assert.equal(!out.ok && out.error.code, 'INVALID_IDEMPOTENCY_KEY');
      }
    }
  }
  toString(): string {
    return `misuse(${this.misuse})`;
  }
}
