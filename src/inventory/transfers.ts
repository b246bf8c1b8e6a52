/**
 * Transfer orders: stock leaves the source warehouse at once (`transfer_out`, guarded by what is
 * available there), is in transit, and arrives when the destination receives it (`transfer_in`).
 */
import { fail, succeed, type Outcome } from '../domain/outcome.ts';
import { availableOf } from '../domain/stock-level.ts';
import type { Ids } from '../ports/ids.ts';
import { findSkusByIds, findWarehousesByIds } from '../store/catalog-lookup.ts';
import { appendMovements } from '../store/movements-repo.ts';
import { readLevel, takeIfAvailable, upsertDelta } from '../store/stock-levels-repo.ts';
import {
  findTransfer,
  insertTransfer,
  markTransferReceived,
  type TransferRecord,
} from '../store/transfers-repo.ts';
import type { Tx } from '../store/write-executor.ts';
import { toIso, toIsoOrNull, type CommandContext } from './command-context.ts';
import { runIdempotent, type Replayable } from './idempotency.ts';
import { systemOperationKey } from './idempotency-keys.ts';
import { resolveStockSkus, resolveWarehouse } from './resolve-lines.ts';

export interface CreateTransferInput {
  idempotencyKey: string;
  from: string;
  to: string;
  reference?: string | null;
  expectedAt?: string | null;
  lines: { sku: string; quantity: number }[];
}

export interface TransferView {
  id: string;
  from: string;
  to: string;
  status: 'in_transit' | 'received';
  reference: string | null;
  expectedAt: string | null;
  createdAt: string;
  updatedAt: string;
  lines: { sku: string; quantity: number }[];
}

export function createTransfer(
  trx: Tx,
  ctx: CommandContext,
  input: CreateTransferInput,
  ids: Ids,
): Promise<Outcome<Replayable<TransferView>>> {
  const { idempotencyKey, ...request } = input;
  return runIdempotent(
    trx,
    { tenantId: ctx.tenantId, key: idempotencyKey, kind: 'transfer', request, nowMs: ctx.nowMs },
    async () => {
      if (input.from === input.to) return fail('SAME_WAREHOUSE', { warehouse: input.from });
      const from = await resolveWarehouse(trx, ctx.tenantId, input.from);
      if (!from.ok) return from;
      const to = await resolveWarehouse(trx, ctx.tenantId, input.to);
      if (!to.ok) return to;
      const skus = await resolveStockSkus(
        trx,
        ctx.tenantId,
        input.lines.map((l) => l.sku),
      );
      if (!skus.ok) return skus;
      const transfer: TransferRecord = {
        id: ids.next('trf'),
        fromWarehouseId: from.value.id,
        toWarehouseId: to.value.id,
        status: 'in_transit',
        reference: input.reference ?? null,
        expectedAtMs: input.expectedAt ? Date.parse(input.expectedAt) : null,
        actor: ctx.name,
        createdAtMs: ctx.nowMs,
        updatedAtMs: ctx.nowMs,
        lines: skus.value.map((s, i) => ({ skuId: s.id, quantity: input.lines[i]?.quantity ?? 0 })),
      };
      await insertTransfer(trx, ctx.tenantId, transfer);
      await appendMovements(
        trx,
        {
          ...ctx,
          operationKey: idempotencyKey,
          referenceType: 'transfer',
          referenceId: transfer.id,
          actor: ctx.name,
        },
        transfer.lines.map((l) => ({
          kind: 'transfer_out',
          skuId: l.skuId,
          warehouseId: from.value.id,
          onHandDelta: -l.quantity,
          reservedDelta: 0,
        })),
      );
      for (const [i, line] of transfer.lines.entries()) {
        const key = { tenantId: ctx.tenantId, skuId: line.skuId, warehouseId: from.value.id };
        if (!(await takeIfAvailable(trx, key, { quantity: line.quantity, nowMs: ctx.nowMs }))) {
          const level = await readLevel(trx, key);
          return fail('INSUFFICIENT_STOCK', {
            sku: skus.value[i]?.code,
            warehouse: from.value.code,
            requested: line.quantity,
            available: availableOf(level),
          });
        }
      }
      return succeed(await loadTransferView(trx, ctx.tenantId, transfer));
    },
  );
}

/** Receives an in-transit transfer at its destination; receiving it again returns it unchanged. */
export async function receiveTransfer(
  trx: Tx,
  ctx: CommandContext,
  transferId: string,
): Promise<Outcome<TransferView>> {
  const transfer = await findTransfer(trx, ctx.tenantId, transferId);
  if (!transfer) return fail('TRANSFER_NOT_FOUND', { transferId });
  if (
    transfer.status === 'received' ||
    !(await markTransferReceived(trx, ctx.tenantId, transferId, ctx.nowMs))
  ) {
    const current = await findTransfer(trx, ctx.tenantId, transferId);
    return succeed(await loadTransferView(trx, ctx.tenantId, current ?? transfer));
  }
  for (const line of transfer.lines) {
    const key = { tenantId: ctx.tenantId, skuId: line.skuId, warehouseId: transfer.toWarehouseId };
    await upsertDelta(trx, key, { onHandDelta: line.quantity, reservedDelta: 0, nowMs: ctx.nowMs });
  }
  await appendMovements(
    trx,
    {
      ...ctx,
      operationKey: systemOperationKey('transfer', transferId, 'receive'),
      referenceType: 'transfer',
      referenceId: transferId,
      actor: ctx.name,
    },
    transfer.lines.map((l) => ({
      kind: 'transfer_in',
      skuId: l.skuId,
      warehouseId: transfer.toWarehouseId,
      onHandDelta: l.quantity,
      reservedDelta: 0,
    })),
  );
  return succeed(
    await loadTransferView(trx, ctx.tenantId, {
      ...transfer,
      status: 'received',
      updatedAtMs: ctx.nowMs,
    }),
  );
}

export async function loadTransferView(
  trx: Tx,
  tenantId: string,
  t: TransferRecord,
): Promise<TransferView> {
  const warehouses = await findWarehousesByIds(trx, tenantId, [t.fromWarehouseId, t.toWarehouseId]);
  const skus = await findSkusByIds(
    trx,
    tenantId,
    t.lines.map((l) => l.skuId),
  );
  return {
    id: t.id,
    from: warehouses.get(t.fromWarehouseId)?.code ?? '',
    to: warehouses.get(t.toWarehouseId)?.code ?? '',
    status: t.status,
    reference: t.reference,
    expectedAt: toIsoOrNull(t.expectedAtMs),
    createdAt: toIso(t.createdAtMs),
    updatedAt: toIso(t.updatedAtMs),
    lines: t.lines.map((l) => ({ sku: skus.get(l.skuId)?.code ?? '', quantity: l.quantity })),
  };
}
