/**
 * Runs one lifecycle step for one order line through the inventory service. Every step is
 * idempotent: holds and returns carry a key derived from (order, line, step), and hold
 * transitions are no-ops when the hold already has the wanted status. So a crash between a step
 * and recording it, or a second worker, never applies a state twice.
 */
import type { LifecycleStep } from '../domain/sync/order-lifecycle.ts';
import type { DomainError } from '../domain/outcome.ts';
import type { Actor } from '../inventory/command-context.ts';
import type { InventoryService } from '../inventory/inventory-service.ts';
import { systemOperationKey } from '../inventory/idempotency-keys.ts';

export interface LineToApply {
  /** Our order row id (stable per shop and platform order). */
  orderId: string;
  /** The platform order id, shown in the ledger as the hold's order reference. */
  orderRef: string;
  lineId: string;
  skuCode: string;
  units: number;
  holdId: string | null;
  /** The warehouse the line holds from (set once the first hold succeeded). */
  warehouseCode: string | null;
}

export interface StepContext {
  inventory: InventoryService;
  actor: Actor;
  /** The shop's warehouses in priority order: a new hold takes the first that has the units. */
  warehouseCodes: string[];
  /** Where returned units go (the line's own warehouse when null). */
  returnWarehouseCode: string | null;
}

export type StepResult =
  | { ok: true; holdId: string | null; warehouseCode: string | null }
  | { ok: false; unfillable: true; error: DomainError }
  | { ok: false; unfillable: false; error: DomainError };

export async function runStep(
  ctx: StepContext,
  line: LineToApply,
  step: LifecycleStep,
): Promise<StepResult> {
  switch (step) {
    case 'hold':
    case 'hold-paid':
      return placeLineHold(ctx, line, { paid: step === 'hold-paid', keySuffix: step });
    case 'confirm':
      return transition(ctx, line, 'confirm');
    case 'ship':
      return transition(ctx, line, 'ship');
    case 'release':
      return release(ctx, line);
    case 'return':
      return recordReturn(ctx, line);
  }
}

/** Tries the shop's warehouses in priority order; INSUFFICIENT_STOCK everywhere = unfillable. */
export async function placeLineHold(
  ctx: StepContext,
  line: LineToApply,
  how: { paid: boolean; keySuffix: string },
): Promise<StepResult> {
  const key = systemOperationKey('order', `${line.orderId}:${line.lineId}`, how.keySuffix);
  let lastError: DomainError | null = null;
  for (const warehouse of ctx.warehouseCodes) {
    const outcome = await ctx.inventory.placeHold(
      ctx.actor,
      {
        idempotencyKey: key,
        sku: line.skuCode,
        warehouse,
        quantity: line.units,
        orderRef: line.orderRef,
        lineRef: line.lineId,
        paid: how.paid,
      },
      { systemKey: true },
    );
    if (outcome.ok) return { ok: true, holdId: outcome.value.id, warehouseCode: warehouse };
    lastError = outcome.error;
    // The key is taken by an earlier attempt at another warehouse: that one is the hold.
    if (outcome.error.code === 'IDEMPOTENCY_KEY_REUSED') continue;
    if (outcome.error.code !== 'INSUFFICIENT_STOCK')
      return { ok: false, unfillable: false, error: outcome.error };
  }
  const error = lastError ?? {
    code: 'WAREHOUSE_NOT_FOUND' as const,
    details: { shop: 'no warehouse' },
  };
  return { ok: false, unfillable: error.code === 'INSUFFICIENT_STOCK', error };
}

async function transition(
  ctx: StepContext,
  line: LineToApply,
  action: 'confirm' | 'ship',
): Promise<StepResult> {
  if (line.holdId) {
    const outcome = await ctx.inventory.transitionHold(ctx.actor, line.holdId, action);
    if (outcome.ok) return { ok: true, holdId: line.holdId, warehouseCode: line.warehouseCode };
    const lapsed =
      outcome.error.code === 'HOLD_EXPIRED' || outcome.error.code === 'INVALID_HOLD_TRANSITION';
    if (!lapsed) return { ok: false, unfillable: false, error: outcome.error };
  }
  // The unpaid hold lapsed (expired before payment arrived): paid now, the order needs its
  // units again, under a new key so the lapsed hold's key is not replayed.
  const rehold = await placeLineHold(ctx, line, { paid: true, keySuffix: 'rehold' });
  if (!rehold.ok || action === 'confirm') return rehold;
  return transition(
    ctx,
    { ...line, holdId: rehold.holdId, warehouseCode: rehold.warehouseCode },
    'ship',
  );
}

async function release(ctx: StepContext, line: LineToApply): Promise<StepResult> {
  if (!line.holdId) return { ok: true, holdId: null, warehouseCode: line.warehouseCode };
  const outcome = await ctx.inventory.transitionHold(ctx.actor, line.holdId, 'release');
  // A hold that already expired or was released has nothing left to give back.
  if (outcome.ok || outcome.error.code === 'INVALID_HOLD_TRANSITION')
    return { ok: true, holdId: line.holdId, warehouseCode: line.warehouseCode };
  return { ok: false, unfillable: false, error: outcome.error };
}

async function recordReturn(ctx: StepContext, line: LineToApply): Promise<StepResult> {
  const warehouse = ctx.returnWarehouseCode ?? line.warehouseCode;
  if (!warehouse) return { ok: true, holdId: line.holdId, warehouseCode: null };
  const outcome = await ctx.inventory.recordReturn(
    ctx.actor,
    {
      idempotencyKey: systemOperationKey('order', `${line.orderId}:${line.lineId}`, 'return'),
      warehouse,
      reference: line.orderRef,
      lines: [{ sku: line.skuCode, quantity: line.units }],
    },
    { systemKey: true },
  );
  if (outcome.ok) return { ok: true, holdId: line.holdId, warehouseCode: line.warehouseCode };
  return { ok: false, unfillable: false, error: outcome.error };
}
