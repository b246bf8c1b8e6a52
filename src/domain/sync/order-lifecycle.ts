/**
 * The order lifecycle as stock steps: given the last normalized state applied to an order line
 * and the state the platform now reports, the steps that bring stock in line. Pure, and the heart
 * of "idempotent, order-insensitive": a state that was already applied, or one that arrives after
 * a later one, yields no steps; a cancel seen before anything else leaves nothing to undo.
 *
 *   none ──placed──► placed ──paid──► paid ──shipped──► shipped ──returned──► returned
 *     │                 │               │
 *     └──cancelled──────┴───────────────┴──cancelled──► cancelled      (terminal)
 */
import type { OrderState } from './order-state.ts';

/** What the order applier does to the line's hold. */
export type LifecycleStep =
  /** Place an unpaid hold (it expires unless paid in time). */
  | 'hold'
  /** Place a hold that is already paid (confirmed: it never expires). */
  | 'hold-paid'
  /** Mark the unpaid hold paid. */
  | 'confirm'
  /** Deduct the held units from on-hand. */
  | 'ship'
  /** Give the held units back to available. */
  | 'release'
  /** Put shipped units back into stock (or quarantine), as a return movement. */
  | 'return';

const NEXT: Record<string, Partial<Record<OrderState, LifecycleStep[]>>> = {
  none: {
    placed: ['hold'],
    paid: ['hold-paid'],
    shipped: ['hold-paid', 'ship'],
    // Nothing was held: a cancel or a return seen first is remembered and changes no stock.
    cancelled: [],
    returned: [],
  },
  placed: {
    paid: ['confirm'],
    shipped: ['confirm', 'ship'],
    cancelled: ['release'],
    // Refunded before it shipped: the units never left, so the hold is released.
    returned: ['release'],
  },
  paid: { shipped: ['ship'], cancelled: ['release'], returned: ['release'] },
  shipped: { returned: ['return'] },
  cancelled: {},
  returned: {},
};

export interface LifecycleDecision {
  steps: LifecycleStep[];
  /** The state to record as applied once the steps succeed; unchanged when nothing applies. */
  applied: OrderState | null;
}

/**
 * Steps from `applied` (null: nothing applied yet) to `reported`. A reported state that is not
 * ahead of the applied one (a repeat, or a late arrival of an earlier state) changes nothing.
 */
export function decideLifecycle(
  applied: OrderState | null,
  reported: OrderState | null,
): LifecycleDecision {
  if (reported === null) return { steps: [], applied };
  const steps = NEXT[applied ?? 'none']?.[reported];
  if (steps === undefined) return { steps: [], applied };
  return { steps, applied: reported };
}

/** True for states after which nothing more can change an order line's stock. */
export function isTerminalState(state: OrderState | null): boolean {
  return state === 'cancelled' || state === 'returned';
}
