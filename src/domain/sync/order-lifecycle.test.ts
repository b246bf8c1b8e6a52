// Proves that the order lifecycle is idempotent and order-insensitive: whatever order and however
// often the platform's states arrive, the stock effect equals applying the latest state once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decideLifecycle, type LifecycleStep } from './order-lifecycle.ts';
import { ORDER_STATES, type OrderState } from './order-state.ts';

/** Net effect of steps on one line of quantity 1: on-hand and reserved deltas. */
function effectOf(steps: LifecycleStep[]): { onHand: number; reserved: number } {
  const e = { onHand: 0, reserved: 0 };
  for (const step of steps) {
    if (step === 'hold' || step === 'hold-paid') e.reserved += 1;
    if (step === 'ship') Object.assign(e, { onHand: e.onHand - 1, reserved: e.reserved - 1 });
    if (step === 'release') e.reserved -= 1;
    if (step === 'return') e.onHand += 1;
  }
  return e;
}

/** Applies events the way the applier does: an event older than the newest seen is ignored. */
function applyAll(events: Array<{ state: OrderState; at: number }>) {
  let applied: OrderState | null = null;
  let newest = -1;
  const steps: LifecycleStep[] = [];
  for (const event of events) {
    if (event.at < newest) continue;
    newest = event.at;
    const decision = decideLifecycle(applied, event.state);
    steps.push(...decision.steps);
    applied = decision.applied;
  }
  return { applied, effect: effectOf(steps) };
}

test('each forward state yields its own steps', () => {
  assert.deepEqual(decideLifecycle(null, 'placed').steps, ['hold']);
  assert.deepEqual(decideLifecycle('placed', 'paid').steps, ['confirm']);
  assert.deepEqual(decideLifecycle('paid', 'shipped').steps, ['ship']);
  assert.deepEqual(decideLifecycle('shipped', 'returned').steps, ['return']);
  assert.deepEqual(decideLifecycle('placed', 'cancelled').steps, ['release']);
  assert.deepEqual(decideLifecycle(null, 'shipped').steps, ['hold-paid', 'ship']);
});

test('a repeated or earlier state changes nothing', () => {
  assert.deepEqual(decideLifecycle('paid', 'paid'), { steps: [], applied: 'paid' });
  assert.deepEqual(decideLifecycle('shipped', 'placed'), { steps: [], applied: 'shipped' });
  assert.deepEqual(decideLifecycle('cancelled', 'placed'), { steps: [], applied: 'cancelled' });
  assert.deepEqual(decideLifecycle('paid', null), { steps: [], applied: 'paid' });
});

test('a cancel that arrives before its create is remembered: the create then holds nothing', () => {
  const first = decideLifecycle(null, 'cancelled');
  assert.deepEqual(first, { steps: [], applied: 'cancelled' });
  assert.deepEqual(decideLifecycle(first.applied, 'placed').steps, []);
});

const lifecycles: OrderState[][] = [
  ['placed', 'paid', 'shipped'],
  ['placed', 'paid', 'shipped', 'returned'],
  ['placed', 'cancelled'],
  ['placed', 'paid', 'cancelled'],
  ['paid', 'shipped'],
];

test('any shuffle with duplicates has the effect of the in-order single delivery', () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...lifecycles),
      fc.array(fc.nat({ max: 3 }), { minLength: 5, maxLength: 5 }),
      fc.integer(),
      (path, copies, seed) => {
        const events = path.flatMap((state, at) =>
          Array.from({ length: 1 + (copies[at] ?? 0) }, () => ({ state, at })),
        );
        const shuffled = fc.sample(fc.shuffledSubarray(events, { minLength: events.length }), {
          seed,
          numRuns: 1,
        })[0]!;
        const inOrder = applyAll(path.map((state, at) => ({ state, at })));
        const anyOrder = applyAll(shuffled);
        assert.deepEqual(anyOrder.effect, inOrder.effect);
        assert.equal(anyOrder.applied, inOrder.applied);
      },
    ),
    { numRuns: 2_000 },
  );
});

test('no state pair ever reserves twice or releases what was not held', () => {
  for (const from of [null, ...ORDER_STATES]) {
    for (const to of ORDER_STATES) {
      const steps = decideLifecycle(from, to).steps;
      const holds = steps.filter((s) => s === 'hold' || s === 'hold-paid').length;
      assert.ok(holds <= (from === null ? 1 : 0), `${from} → ${to}`);
    }
  }
});
