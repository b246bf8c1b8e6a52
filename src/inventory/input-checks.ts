/**
 * The inventory service is the only code that writes stock, so it does not trust its callers
 * (HTTP validates, but so must an import, a connector or a script): a hold of −5 would free other
 * holds' stock, a receipt of 0.5 would store half a unit. Quantities and keys are checked here,
 * before any transaction starts.
 */
import { isCountedQuantity, isLineQuantity, MAX_LINE_QUANTITY } from '../domain/movements.ts';
import { fail, type Outcome } from '../domain/outcome.ts';
import { clientKeyProblem, systemKeyProblem } from './idempotency-keys.ts';

/** Longest unpaid-hold expiry a caller may ask for: 30 days. */
export const MAX_HOLD_EXPIRY_MINUTES = 30 * 24 * 60;

export interface CommandInputs {
  key: string;
  /** The key was derived by StockPool itself (order sync): it carries the reserved prefix. */
  systemKey?: boolean;
  /** Quantities moved or held: 1 … MAX_LINE_QUANTITY. */
  lines?: readonly { sku: string; quantity: number }[];
  /** Counted figures: 0 … MAX_LINE_QUANTITY. */
  counts?: readonly { sku: string; counted: number }[];
  /** A hold's own expiry, if the caller set one: 1 … MAX_HOLD_EXPIRY_MINUTES. */
  expiry?: { sku: string; minutes: number | undefined };
}

/** The first problem with a command's inputs, as a failed Outcome, or null when all is well. */
export function inputProblem(inputs: CommandInputs): Outcome<never> | null {
  const reason = inputs.systemKey ? systemKeyProblem(inputs.key) : clientKeyProblem(inputs.key);
  if (reason) return fail('INVALID_IDEMPOTENCY_KEY', { key: inputs.key.slice(0, 80), reason });
  for (const l of inputs.lines ?? []) {
    if (!isLineQuantity(l.quantity)) return invalid(l.sku, l.quantity, 1, MAX_LINE_QUANTITY);
  }
  for (const c of inputs.counts ?? []) {
    if (!isCountedQuantity(c.counted)) return invalid(c.sku, c.counted, 0, MAX_LINE_QUANTITY);
  }
  const minutes = inputs.expiry?.minutes;
  if (inputs.expiry && minutes !== undefined) {
    const ok = Number.isSafeInteger(minutes) && minutes >= 1 && minutes <= MAX_HOLD_EXPIRY_MINUTES;
    if (!ok) return invalid(inputs.expiry.sku, minutes, 1, MAX_HOLD_EXPIRY_MINUTES);
  }
  return null;
}

function invalid(sku: string, quantity: number, min: number, max: number): Outcome<never> {
  return fail('INVALID_QUANTITY', { sku, quantity: String(quantity), min, max });
}
