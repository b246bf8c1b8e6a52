/**
 * fast-check commands for the model-based inventory test. Each command runs against StockPool
 * and the model, asserts the result, and then checks the whole tenant against the model.
 * Commands hold only their generated arguments; everything that accumulates (keys, holds, applied
 * steps) lives in the sequence state, so shrinking can drop any command safely.
 */
import assert from 'node:assert/strict';
import type fc from 'fast-check';
import { assertMatchesModel } from './inventory-checks.ts';
import { expectReceiveTransfer, expectTransition } from './inventory-expectations.ts';
import type { TenantSession } from './inventory-harness.ts';
import { expireDueHolds, type TransitionAction } from './inventory-model.ts';
import {
  assertOutcome,
  nextKey,
  performKeyed,
  type KeyedRequest,
  type SequenceState,
} from './keyed-requests.ts';

export type InventoryCommand = fc.AsyncCommand<SequenceState, TenantSession>;

export abstract class CheckedCommand implements InventoryCommand {
  check(_state: Readonly<SequenceState>): boolean {
    return true;
  }
  async run(state: SequenceState, s: TenantSession): Promise<void> {
    await this.apply(state, s);
    await assertMatchesModel(state.model, s);
  }
  protected abstract apply(state: SequenceState, s: TenantSession): Promise<void>;
  abstract toString(): string;
}

/** A new keyed command (receipt, return, stock-take, hold, transfer) under a fresh key. */
export class KeyedCommand extends CheckedCommand {
  constructor(private readonly request: KeyedRequest) {
    super();
  }
  protected async apply(state: SequenceState, s: TenantSession): Promise<void> {
    const op = { key: nextKey(state, this.request.kind), request: this.request };
    state.ops.push(op);
    await performKeyed(state, s, op);
  }
  toString(): string {
    return `${this.request.kind}(${JSON.stringify(this.request.input)})`;
  }
}

export class TransitionCommand extends CheckedCommand {
  constructor(
    private readonly index: number,
    private readonly action: TransitionAction,
  ) {
    super();
  }
  check(state: Readonly<SequenceState>): boolean {
    return state.model.holds.length > 0;
  }
  protected async apply(state: SequenceState, s: TenantSession): Promise<void> {
    const hold = state.model.holds[this.index % state.model.holds.length];
    assert.ok(hold);
    const expected = expectTransition(state.model, hold, this.action);
    const out = await s.pool.inventory.transitionHold(s.actor, hold.id, this.action);
    assertOutcome(out, expected, `${this.action} ${hold.id} (${hold.status})`);
    if (!out.ok || !expected.ok) return;
    expected.commit(out.value);
    assert.equal(out.value.status, hold.status);
    state.applied.push({ type: 'transition', holdId: hold.id, action: this.action });
  }
  toString(): string {
    return `${this.action}(hold #${this.index})`;
  }
}

export class ReceiveTransferCommand extends CheckedCommand {
  constructor(private readonly index: number) {
    super();
  }
  check(state: Readonly<SequenceState>): boolean {
    return state.model.transfers.length > 0;
  }
  protected async apply(state: SequenceState, s: TenantSession): Promise<void> {
    const transfer = state.model.transfers[this.index % state.model.transfers.length];
    assert.ok(transfer);
    const expected = expectReceiveTransfer(state.model, transfer);
    const out = await s.pool.inventory.receiveTransfer(s.actor, transfer.id);
    assertOutcome(out, expected, `receive transfer ${transfer.id}`);
    if (!out.ok || !expected.ok) return;
    expected.commit(out.value);
    assert.equal(out.value.status, 'received');
    state.applied.push({ type: 'receive-transfer', transferId: transfer.id });
  }
  toString(): string {
    return `receiveTransfer(#${this.index})`;
  }
}

/** Moves the clock on, then (optionally) runs one expiry sweep. */
export class ClockCommand extends CheckedCommand {
  constructor(
    private readonly minutes: number,
    private readonly sweep: boolean,
  ) {
    super();
  }
  protected async apply(state: SequenceState, s: TenantSession): Promise<void> {
    await advanceAndSweep(state, s, this.minutes * 60_000, this.sweep);
  }
  toString(): string {
    return `advance(${this.minutes} min${this.sweep ? ', sweep' : ''})`;
  }
}

/** Sets the clock to the next unpaid expiry plus `offsetMs` (−1 or 0), maybe sweeping: the boundary. */
export class ExpiryEdgeCommand extends CheckedCommand {
  constructor(
    private readonly offsetMs: number,
    private readonly sweep: boolean,
  ) {
    super();
  }
  private nextEdge(state: Readonly<SequenceState>): number | null {
    const edges = state.model.holds
      .filter((h) => h.status === 'held' && h.expiresAtMs !== null)
      .map((h) => (h.expiresAtMs ?? 0) + this.offsetMs)
      .filter((t) => t > state.model.nowMs);
    return edges.length === 0 ? null : Math.min(...edges);
  }
  check(state: Readonly<SequenceState>): boolean {
    return this.nextEdge(state) !== null;
  }
  protected async apply(state: SequenceState, s: TenantSession): Promise<void> {
    const edge = this.nextEdge(state);
    assert.ok(edge !== null);
    await advanceAndSweep(state, s, edge - state.model.nowMs, this.sweep);
  }
  toString(): string {
    return `toNextExpiry(${this.offsetMs} ms${this.sweep ? ', sweep' : ''})`;
  }
}

async function advanceAndSweep(
  state: SequenceState,
  s: TenantSession,
  deltaMs: number,
  sweep: boolean,
): Promise<void> {
  state.model.nowMs += deltaMs;
  s.clock.advanceMs(deltaMs);
  if (!sweep) return;
  const due = expireDueHolds(state.model);
  const { expired } = await s.sweep();
  assert.equal(expired, due.length, 'the sweeper expired a different number of holds');
}

export class RestartCommand extends CheckedCommand {
  protected async apply(_state: SequenceState, s: TenantSession): Promise<void> {
    await s.restart();
  }
  toString(): string {
    return 'restart()';
  }
}
