/**
 * Holding stock for one order line. All of a bundle's components are held or none is; a hold that
 * cannot be met fails with INSUFFICIENT_STOCK naming the SKU, warehouse, asked and available.
 */
import { expandToComponents, type ComponentLine } from '../domain/bundles.ts';
import { fail, succeed, type Outcome } from '../domain/outcome.ts';
import { availableOf } from '../domain/stock-level.ts';
import { findBundleComponents, findSkusByIds, type SkuRef } from '../store/catalog-lookup.ts';
import { insertHold, type HoldRecord } from '../store/holds-repo.ts';
import { appendMovements } from '../store/movements-repo.ts';
import { readLevel, reserveIfAvailable } from '../store/stock-levels-repo.ts';
import type { Tx } from '../store/write-executor.ts';
import type { Ids } from '../ports/ids.ts';
import type { CommandContext } from './command-context.ts';
import { holdViewOf, type HoldView } from './hold-view.ts';
import { runIdempotent, type Replayable } from './idempotency.ts';
import { resolveWarehouse } from './resolve-lines.ts';
import { findSkusByCodes } from '../store/catalog-lookup.ts';

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

export function placeHold(
  trx: Tx,
  ctx: CommandContext,
  input: PlaceHoldInput,
  deps: PlaceHoldDeps,
): Promise<Outcome<Replayable<HoldView>>> {
  const { idempotencyKey, ...request } = input;
  return runIdempotent(
    trx,
    { tenantId: ctx.tenantId, key: idempotencyKey, kind: 'hold', request, nowMs: ctx.nowMs },
    () => applyHold(trx, ctx, input, deps),
  );
}

async function applyHold(
  trx: Tx,
  ctx: CommandContext,
  input: PlaceHoldInput,
  deps: PlaceHoldDeps,
): Promise<Outcome<HoldView>> {
  const sku = (await findSkusByCodes(trx, ctx.tenantId, [input.sku])).get(input.sku);
  if (!sku) return fail('SKU_NOT_FOUND', { sku: input.sku });
  const warehouse = await resolveWarehouse(trx, ctx.tenantId, input.warehouse);
  if (!warehouse.ok) return warehouse;
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

  const hold = newHoldRecord(ctx, input, { sku, warehouseId: warehouse.value.id, lines, deps });
  // Inserts first, balance guards last: on PostgreSQL the stock rows stay locked only from the
  // guard to COMMIT. If a guard refuses, the executor rolls the inserts back.
  await insertHold(trx, ctx.tenantId, hold);
  await appendMovements(
    trx,
    {
      ...ctx,
      operationKey: input.idempotencyKey,
      referenceType: 'order',
      referenceId: input.orderRef,
      actor: ctx.name,
    },
    lines.map((l) => ({
      kind: 'hold',
      skuId: l.skuId,
      warehouseId: hold.warehouseId,
      onHandDelta: 0,
      reservedDelta: l.quantity,
      holdId: hold.id,
    })),
  );
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
        warehouse: warehouse.value.code,
        requested: line.quantity,
        available: availableOf(level),
        ...(sku.isBundle ? { bundle: sku.code } : {}),
      });
    }
  }
  return succeed(
    holdViewOf(hold, {
      skuCode: (id) => refs.get(id)?.code ?? sku.code,
      warehouseCode: warehouse.value.code,
    }),
  );
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
