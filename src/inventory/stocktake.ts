/**
 * Stock-take: the seller's counted figures become on_hand. Each line records the count and the
 * difference as an `adjust` movement (a zero difference is recorded too: the count itself is
 * history). Counts below what open holds reserve are refused unless the SKU back-orders.
 */
import { fail, succeed, type Outcome } from '../domain/outcome.ts';
import { stocktakeAdjustment } from '../domain/stocktake.ts';
import { appendMovements, type NewMovement } from '../store/movements-repo.ts';
import { addOnHandDeltas, lockLevels } from '../store/stock-levels-bulk.ts';
import type { Tx } from '../store/write-executor.ts';
import { toIso, type CommandContext } from './command-context.ts';
import { runIdempotent, type Replayable } from './idempotency.ts';
import { resolveStockSkus, resolveWarehouse } from './resolve-lines.ts';

export interface StocktakeInput {
  idempotencyKey: string;
  warehouse: string;
  reference?: string | null;
  note?: string | null;
  /** `import` when the counts come from an imported file (opening stock); `stocktake` otherwise. */
  referenceType?: 'stocktake' | 'import';
  lines: { sku: string; counted: number }[];
}

export interface StocktakeResult {
  idempotencyKey: string;
  warehouse: string;
  reference: string | null;
  lines: { sku: string; counted: number; previousOnHand: number; delta: number }[];
  createdAt: string;
}

export function recordStocktake(
  trx: Tx,
  ctx: CommandContext,
  input: StocktakeInput,
): Promise<Outcome<Replayable<StocktakeResult>>> {
  const { idempotencyKey, ...request } = input;
  return runIdempotent(
    trx,
    { tenantId: ctx.tenantId, key: idempotencyKey, kind: 'stocktake', request, nowMs: ctx.nowMs },
    () => applyStocktake(trx, ctx, input),
  );
}

async function applyStocktake(
  trx: Tx,
  ctx: CommandContext,
  input: StocktakeInput,
): Promise<Outcome<StocktakeResult>> {
  const warehouse = await resolveWarehouse(trx, ctx.tenantId, input.warehouse);
  if (!warehouse.ok) return warehouse;
  const skus = await resolveStockSkus(
    trx,
    ctx.tenantId,
    input.lines.map((l) => l.sku),
  );
  if (!skus.ok) return skus;
  const at = { tenantId: ctx.tenantId, warehouseId: warehouse.value.id, nowMs: ctx.nowMs };
  const levels = await lockLevels(
    trx,
    at,
    skus.value.map((sku) => sku.id),
  );
  const movements: NewMovement[] = [];
  const lines: StocktakeResult['lines'] = [];
  const deltas = new Map<number, number>();
  for (const [i, sku] of skus.value.entries()) {
    const counted = input.lines[i]?.counted ?? 0;
    const level = levels.get(sku.id) ?? { onHand: 0, reserved: 0 };
    const adjustment = stocktakeAdjustment(level, counted, {
      allowBackorder: sku.allowBackorder,
    });
    if (!adjustment.ok)
      return fail(adjustment.error.code, {
        ...adjustment.error.details,
        sku: sku.code,
        warehouse: warehouse.value.code,
      });
    const { delta } = adjustment.value;
    deltas.set(sku.id, delta);
    movements.push({
      kind: 'adjust',
      skuId: sku.id,
      warehouseId: at.warehouseId,
      onHandDelta: delta,
      reservedDelta: 0,
      counted,
    });
    lines.push({ sku: sku.code, counted, previousOnHand: level.onHand, delta });
  }
  await addOnHandDeltas(trx, at, deltas);
  await appendMovements(
    trx,
    {
      ...ctx,
      operationKey: input.idempotencyKey,
      referenceType: input.referenceType ?? 'stocktake',
      referenceId: input.reference ?? null,
      actor: ctx.name,
      note: input.note ?? null,
    },
    movements,
  );
  return succeed({
    idempotencyKey: input.idempotencyKey,
    warehouse: warehouse.value.code,
    reference: input.reference ?? null,
    lines,
    createdAt: toIso(ctx.nowMs),
  });
}
