/**
 * The idempotent (keyed) inventory commands of the model-based property test: how each is sent
 * to StockPool, what the model says it must return, and how a first run, a replay under the same
 * key and a key reused for another request are each checked.
 */
import assert from 'node:assert/strict';
import type { Outcome } from '../../src/domain/outcome.ts';
import type { TenantSession } from './inventory-harness.ts';
import type { Expectation, InventoryModel, Line } from './inventory-model.ts';
import {
  expectHold,
  expectInbound,
  expectStocktake,
  expectTransfer,
  type HoldRequest,
  type StocktakeRequest,
  type TransferRequest,
} from './inventory-expectations.ts';

export type KeyedRequest =
  | { kind: 'receipt' | 'return'; input: { warehouse: string; reference: string; lines: Line[] } }
  | { kind: 'stocktake'; input: StocktakeRequest & { reference: string } }
  | { kind: 'hold'; input: HoldRequest }
  | { kind: 'transfer'; input: TransferRequest & { reference: string } };

type Result = { id?: string } & Record<string, unknown>;

/** One keyed command sent during a sequence; `first` is its stored result once it succeeded. */
export interface KeyedOp {
  key: string;
  request: KeyedRequest;
  first?: Result;
}

/** What a sequence keeps besides the model: every keyed command and every applied step. */
export interface SequenceState {
  model: InventoryModel;
  ops: KeyedOp[];
  applied: AppliedStep[];
  keys: number;
}

export type AppliedStep =
  | { type: 'keyed'; op: KeyedOp }
  | { type: 'transition'; holdId: string; action: 'confirm' | 'ship' | 'release' }
  | { type: 'receive-transfer'; transferId: string };

type Sent = Promise<Outcome<Result & { replayed: boolean }>>;

/** Each kind has its own result type; the test reads them all as plain records. */
const asRecord = <T extends { replayed: boolean }>(p: Promise<Outcome<T>>): Sent => p;

export function sendKeyed(s: TenantSession, request: KeyedRequest, idempotencyKey: string): Sent {
  const inv = s.pool.inventory;
  switch (request.kind) {
    case 'receipt':
      return asRecord(inv.receive(s.actor, { ...request.input, idempotencyKey }));
    case 'return':
      return asRecord(inv.recordReturn(s.actor, { ...request.input, idempotencyKey }));
    case 'stocktake':
      return asRecord(inv.stocktake(s.actor, { ...request.input, idempotencyKey }));
    case 'hold':
      return asRecord(inv.placeHold(s.actor, { ...request.input, idempotencyKey }));
    case 'transfer':
      return asRecord(inv.createTransfer(s.actor, { ...request.input, idempotencyKey }));
  }
}

function expectKeyed(m: InventoryModel, request: KeyedRequest): Expectation<Result> {
  switch (request.kind) {
    case 'receipt':
    case 'return':
      return expectInbound(m, request.input);
    case 'stocktake':
      return expectStocktake(m, request.input);
    case 'hold':
      return expectHold(m, request.input) as Expectation<Result>;
    case 'transfer':
      return expectTransfer(m, request.input) as Expectation<Result>;
  }
}

/** The same kind of request with one field changed, to send under an already used key. */
export function changedRequest(request: KeyedRequest): KeyedRequest {
  switch (request.kind) {
    case 'hold':
      return { kind: 'hold', input: { ...request.input, orderRef: `${request.input.orderRef}-x` } };
    case 'stocktake':
      return { kind: 'stocktake', input: { ...request.input, reference: 'changed' } };
    case 'transfer':
      return { kind: 'transfer', input: { ...request.input, reference: 'changed' } };
    default:
      return { kind: request.kind, input: { ...request.input, reference: 'changed' } };
  }
}

/** Asserts an outcome is what the model expects: success, or the code and the named details. */
export function assertOutcome<T>(out: Outcome<T>, expected: Expectation<T>, what: string): void {
  if (expected.ok) {
    assert.ok(out.ok, `${what} should succeed but failed: ${JSON.stringify(!out.ok && out.error)}`);
    return;
  }
  assert.ok(!out.ok, `${what} should fail with ${expected.code} but succeeded`);
  assert.equal(out.error.code, expected.code, `${what}: ${JSON.stringify(out.error)}`);
  for (const [k, v] of Object.entries(expected.details ?? {}))
    assert.deepEqual(out.error.details[k], v, `${what}: detail ${k} of ${out.error.code}`);
}

const withoutReplayed = ({ replayed: _r, ...rest }: Result & { replayed: boolean }): Result => rest;

/**
 * Runs a keyed command. Once it has succeeded, sending it again must replay the first result and
 * change nothing; until then (a failed command writes nothing, not even its key) it runs afresh.
 */
export async function performKeyed(
  state: SequenceState,
  s: TenantSession,
  op: KeyedOp,
): Promise<void> {
  const what = `${op.request.kind} ${op.key}`;
  if (op.first) {
    const again = await sendKeyed(s, op.request, op.key);
    assert.ok(again.ok, `replay of ${what} failed: ${JSON.stringify(!again.ok && again.error)}`);
    assert.equal(again.value.replayed, true, `replay of ${what} was applied again`);
    assert.deepEqual(withoutReplayed(again.value), op.first, `replay of ${what} changed result`);
    return;
  }
  const expected = expectKeyed(state.model, op.request);
  const out = await sendKeyed(s, op.request, op.key);
  assertOutcome(out, expected, what);
  if (!out.ok || !expected.ok) return;
  assert.equal(out.value.replayed, false, `${what} claims to be a replay on its first success`);
  assertFirstResult(state.model, op.request, out.value);
  expected.commit(out.value);
  op.first = withoutReplayed(out.value);
  state.applied.push({ type: 'keyed', op });
}

/** The parts of a first result the model can predict. */
function assertFirstResult(m: InventoryModel, request: KeyedRequest, value: Result): void {
  if (request.kind === 'hold') {
    const { input } = request;
    assert.equal(value.status, input.paid ? 'confirmed' : 'held');
    assert.equal(value.sku, input.sku);
    assert.equal(value.quantity, input.quantity);
    const minutes = input.expiresInMinutes ?? 15;
    const expiresAt = input.paid ? null : new Date(m.nowMs + minutes * 60_000).toISOString();
    assert.equal(value.expiresAt, expiresAt);
  }
  if (request.kind === 'stocktake') {
    const lines = request.input.lines.map((l) => {
      const before = m.levels.get(`${l.sku}@${request.input.warehouse}`)?.onHand ?? 0;
      return { sku: l.sku, counted: l.counted, previousOnHand: before, delta: l.counted - before };
    });
    assert.deepEqual(value.lines, lines);
  }
}

export function nextKey(state: SequenceState, kind: string): string {
  return `${kind}-${++state.keys}`;
}
