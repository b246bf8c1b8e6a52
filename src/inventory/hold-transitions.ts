/**
 * Confirm (paid), ship, release (cancelled) and expire (unpaid too long) for an existing hold.
 * Each is safe to repeat: asking for the status a hold already has returns it unchanged, and the
 * status change is a compare-and-set so two racing writers cannot both apply it.
 */
import { nextHoldStatus, type HoldAction } from '../domain/holds.ts';
import { fail, succeed, type Outcome } from '../domain/outcome.ts';
import { availableOf } from '../domain/stock-level.ts';
import { findHold, setHoldStatus, type HoldRecord } from '../store/holds-repo.ts';
import { appendMovements, type NewMovement } from '../store/movements-repo.ts';
import { readLevel, releaseReserved, shipReserved } from '../store/stock-levels-repo.ts';
import type { Tx } from '../store/write-executor.ts';
import type { CommandContext } from './command-context.ts';
import { systemOperationKey } from './idempotency-keys.ts';
import { loadHoldView, type HoldView } from './hold-view.ts';
import { findSkusByIds, findWarehousesByIds } from '../store/catalog-lookup.ts';

/** Compare-and-set retries before giving up; only concurrent writers on PostgreSQL need any. */
const MAX_CAS_ATTEMPTS = 5;

export async function transitionHold(
  trx: Tx,
  ctx: CommandContext,
  input: { holdId: string; action: HoldAction },
): Promise<Outcome<HoldView>> {
  for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
    const hold = await findHold(trx, ctx.tenantId, input.holdId);
    if (!hold) return fail('HOLD_NOT_FOUND', { holdId: input.holdId });
    const next = nextHoldStatus({
      status: hold.status,
      expiresAtMs: hold.expiresAtMs,
      action: input.action,
      nowMs: ctx.nowMs,
    });
    if (!next.ok) return next;
    if (!next.value.changed) return succeed(await loadHoldView(trx, ctx.tenantId, hold));
    const ref = { tenantId: ctx.tenantId, holdId: hold.id };
    if (
      !(await setHoldStatus(trx, ref, {
        from: hold.status,
        to: next.value.status,
        nowMs: ctx.nowMs,
      }))
    )
      continue;
    const applied = await applyStockEffect(trx, ctx, hold, input.action);
    if (!applied.ok) return applied;
    const updated = { ...hold, status: next.value.status, updatedAtMs: ctx.nowMs };
    return succeed(await loadHoldView(trx, ctx.tenantId, updated));
  }
  throw new Error(`hold ${input.holdId} kept changing under ${input.action}`);
}

async function applyStockEffect(
  trx: Tx,
  ctx: CommandContext,
  hold: HoldRecord,
  action: HoldAction,
): Promise<Outcome<null>> {
  if (action === 'confirm') return succeed(null);
  const movements: NewMovement[] = [];
  for (const line of hold.lines) {
    const key = { tenantId: ctx.tenantId, skuId: line.skuId, warehouseId: hold.warehouseId };
    const options = { quantity: line.quantity, nowMs: ctx.nowMs };
    if (action === 'ship') {
      if (!(await shipReserved(trx, key, options))) return shortOnHand(trx, ctx, hold, line);
      movements.push({
        kind: 'ship',
        skuId: line.skuId,
        warehouseId: hold.warehouseId,
        onHandDelta: -line.quantity,
        reservedDelta: -line.quantity,
        holdId: hold.id,
      });
    } else {
      await releaseReserved(trx, key, options);
      movements.push({
        kind: 'release',
        skuId: line.skuId,
        warehouseId: hold.warehouseId,
        onHandDelta: 0,
        reservedDelta: -line.quantity,
        holdId: hold.id,
      });
    }
  }
  await appendMovements(
    trx,
    {
      ...ctx,
      operationKey: systemOperationKey('hold', hold.id, action),
      referenceType: 'order',
      referenceId: hold.orderRef,
      actor: ctx.name,
      note: action === 'expire' ? 'unpaid hold expired' : null,
    },
    movements,
  );
  return succeed(null);
}

/** A back-ordered hold cannot ship more than is physically there. */
async function shortOnHand(
  trx: Tx,
  ctx: CommandContext,
  hold: HoldRecord,
  line: { skuId: number; quantity: number },
): Promise<Outcome<null>> {
  const level = await readLevel(trx, {
    tenantId: ctx.tenantId,
    skuId: line.skuId,
    warehouseId: hold.warehouseId,
  });
  const skus = await findSkusByIds(trx, ctx.tenantId, [line.skuId]);
  const warehouses = await findWarehousesByIds(trx, ctx.tenantId, [hold.warehouseId]);
  return fail('INSUFFICIENT_STOCK', {
    sku: skus.get(line.skuId)?.code ?? String(line.skuId),
    warehouse: warehouses.get(hold.warehouseId)?.code ?? String(hold.warehouseId),
    requested: line.quantity,
    onHand: level.onHand,
    available: availableOf(level),
    holdId: hold.id,
  });
}
