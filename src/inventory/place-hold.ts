/**
 * Holding stock for one order line. All of a bundle's components are held or none is; a hold that
 * cannot be met fails with INSUFFICIENT_STOCK naming the SKU, warehouse, asked and available.
 * Exactly once per idempotency key: a repeat returns the first result (see idempotency.ts).
 */
import { expandToComponents, type ComponentLine } from '../domain/bundles.ts';
import { fail, succeed, type Outcome } from '../domain/outcome.ts';
import { availableOf } from '../domain/stock-level.ts';
import {
  findBundleComponents,
  findHoldTarget,
  findSkusByIds,
  type SkuRef,
  type WarehouseRef,
} from '../store/catalog-lookup.ts';
import {
  insertHold,
  recordHoldIfAvailable,
  toHoldRow,
  type HoldRecord,
} from '../store/holds-repo.ts';
import { appendMovements, toMovementRows, type MovementContext } from '../store/movements-repo.ts';
import { insertOperation, toOperationRow } from '../store/operations-repo.ts';
import { readLevel, reserveIfAvailable } from '../store/stock-levels-repo.ts';
import type { Tx } from '../store/write-executor.ts';
import type { Ids } from '../ports/ids.ts';
import type { CommandContext } from './command-context.ts';
import { holdViewOf, type HoldView } from './hold-view.ts';
import { hashRequest, replayOperation, type Replayable } from './idempotency.ts';

export interface PlaceHoldInput {
  idempotencyKey: string;
  sku: string;
  warehouse: string;
  quantity: number;
  orderRef: string;
  lineRef?: string | null;
  /** Already paid: the hold starts confirmed and never expires. */
  paid?: boolean;
  /** Overrides the tenant's unpaid-hold expiry for this hold. */
  expiresInMinutes?: number;
}

export interface PlaceHoldDeps {
  ids: Ids;
  defaultExpiryMinutes: number;
}

/** The resolved SKU and warehouse of a hold that is about to be applied. */
interface HoldPlan {
  input: PlaceHoldInput;
  requestHash: string;
  sku: SkuRef;
  warehouse: WarehouseRef;
  deps: PlaceHoldDeps;
}

export async function placeHold(
  trx: Tx,
  ctx: CommandContext,
  input: PlaceHoldInput,
  deps: PlaceHoldDeps,
): Promise<Outcome<Replayable<HoldView>>> {
  const { idempotencyKey, ...request } = input;
  const requestHash = hashRequest('hold', request);
  const target = await findHoldTarget(trx, {
    tenantId: ctx.tenantId,
    operationKey: idempotencyKey,
    skuCode: input.sku,
    warehouseCode: input.warehouse,
  });
  if (target.operation) {
    return replayOperation<HoldView>(target.operation, { key: idempotencyKey, requestHash });
  }
  const { sku, warehouse } = target;
  if (!sku) return fail('SKU_NOT_FOUND', { sku: input.sku });
  if (!warehouse) return fail('WAREHOUSE_NOT_FOUND', { warehouse: input.warehouse });
  const plan: HoldPlan = { input, requestHash, sku, warehouse, deps };
  // The common case, a plain SKU without back-orders, is written in one step; the engine may do
  // that in a single round trip.
  if (!sku.isBundle && !sku.allowBackorder) return applySingleHold(trx, ctx, plan);
  const outcome = await applyHold(trx, ctx, plan);
  if (!outcome.ok) return outcome;
  await insertOperation(trx, {
    tenantId: ctx.tenantId,
    key: idempotencyKey,
    kind: 'hold',
    requestHash,
    result: outcome.value,
    nowMs: ctx.nowMs,
  });
  return succeed({ ...outcome.value, replayed: false });
}

async function applySingleHold(
  trx: Tx,
  ctx: CommandContext,
  plan: HoldPlan,
): Promise<Outcome<Replayable<HoldView>>> {
  const { input, sku, warehouse } = plan;
  const lines = expandToComponents(sku.id, input.quantity, null);
  const hold = newHoldRecord(ctx, input, {
    sku,
    warehouseId: warehouse.id,
    lines,
    deps: plan.deps,
  });
  const view = holdViewOf(hold, { skuCode: () => sku.code, warehouseCode: warehouse.code });
  const [movement] = toMovementRows(movementContext(ctx, input), holdMovements(hold));
  if (!movement) throw new Error('a plain hold has exactly one line');
  const level = { tenantId: ctx.tenantId, skuId: sku.id, warehouseId: warehouse.id };
  const held = await recordHoldIfAvailable(trx, {
    level,
    quantity: input.quantity,
    nowMs: ctx.nowMs,
    hold: toHoldRow(ctx.tenantId, hold),
    movement,
    operation: toOperationRow({
      tenantId: ctx.tenantId,
      key: input.idempotencyKey,
      kind: 'hold',
      requestHash: plan.requestHash,
      resultJson: JSON.stringify(view),
      nowMs: ctx.nowMs,
    }),
  });
  if (!held) {
    return fail('INSUFFICIENT_STOCK', {
      sku: sku.code,
      warehouse: warehouse.code,
      requested: input.quantity,
      available: availableOf(await readLevel(trx, level)),
    });
  }
  return succeed({ ...view, replayed: false });
}

/** Bundles and back-orderable SKUs: every component line, guarded one by one. */
async function applyHold(trx: Tx, ctx: CommandContext, plan: HoldPlan): Promise<Outcome<HoldView>> {
  const { input, sku, warehouse } = plan;
  const components = sku.isBundle ? await findBundleComponents(trx, ctx.tenantId, sku.id) : null;
  if (sku.isBundle && components?.length === 0)
    return fail('BUNDLE_NOT_STOCKABLE', { sku: sku.code });
  const lines = expandToComponents(sku.id, input.quantity, components);
  const refs = sku.isBundle
    ? await findSkusByIds(
        trx,
        ctx.tenantId,
        lines.map((l) => l.skuId),
      )
    : new Map([[sku.id, sku]]);

  const hold = newHoldRecord(ctx, input, {
    sku,
    warehouseId: warehouse.id,
    lines,
    deps: plan.deps,
  });
  // Inserts first, balance guards last: on PostgreSQL the stock rows stay locked only from the
  // guard to COMMIT. If a guard refuses, the executor rolls the inserts back.
  await insertHold(trx, ctx.tenantId, hold);
  await appendMovements(trx, movementContext(ctx, input), holdMovements(hold));
  for (const line of lines) {
    const ref = refs.get(line.skuId);
    if (!ref) throw new Error(`bundle component ${line.skuId} vanished`);
    const key = { tenantId: ctx.tenantId, skuId: line.skuId, warehouseId: hold.warehouseId };
    const held = await reserveIfAvailable(trx, key, {
      quantity: line.quantity,
      allowBackorder: ref.allowBackorder,
      nowMs: ctx.nowMs,
    });
    if (!held) {
      const level = await readLevel(trx, key);
      return fail('INSUFFICIENT_STOCK', {
        sku: ref.code,
        warehouse: warehouse.code,
        requested: line.quantity,
        available: availableOf(level),
        ...(sku.isBundle ? { bundle: sku.code } : {}),
      });
    }
  }
  return succeed(
    holdViewOf(hold, {
      skuCode: (id) => refs.get(id)?.code ?? sku.code,
      warehouseCode: warehouse.code,
    }),
  );
}

function movementContext(ctx: CommandContext, input: PlaceHoldInput): MovementContext {
  return {
    ...ctx,
    operationKey: input.idempotencyKey,
    referenceType: 'order',
    referenceId: input.orderRef,
    actor: ctx.name,
  };
}

function holdMovements(hold: HoldRecord) {
  return hold.lines.map((l) => ({
    kind: 'hold' as const,
    skuId: l.skuId,
    warehouseId: hold.warehouseId,
    onHandDelta: 0,
    reservedDelta: l.quantity,
    holdId: hold.id,
  }));
}

function newHoldRecord(
  ctx: CommandContext,
  input: PlaceHoldInput,
  parts: { sku: SkuRef; warehouseId: number; lines: ComponentLine[]; deps: PlaceHoldDeps },
): HoldRecord {
  const expiryMinutes = input.expiresInMinutes ?? parts.deps.defaultExpiryMinutes;
  return {
    id: parts.deps.ids.next('hld'),
    skuId: parts.sku.id,
    warehouseId: parts.warehouseId,
    quantity: input.quantity,
    status: input.paid ? 'confirmed' : 'held',
    orderRef: input.orderRef,
    lineRef: input.lineRef ?? null,
    operationKey: input.idempotencyKey,
    actor: ctx.name,
    expiresAtMs: input.paid ? null : ctx.nowMs + expiryMinutes * 60_000,
    createdAtMs: ctx.nowMs,
    updatedAtMs: ctx.nowMs,
    lines: parts.lines,
  };
}
