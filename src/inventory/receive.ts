/**
 * Goods received into a warehouse (a purchase order, an opening balance): on_hand rises by each
 * line's quantity, one `receipt` movement per line, all or nothing.
 */
import { succeed, type Outcome } from '../domain/outcome.ts';
import type { ReferenceType } from '../domain/movements.ts';
import { appendMovements } from '../store/movements-repo.ts';
import { upsertDelta } from '../store/stock-levels-repo.ts';
import type { Tx } from '../store/write-executor.ts';
import { toIso, type CommandContext } from './command-context.ts';
import { runIdempotent, type Replayable } from './idempotency.ts';
import { resolveStockSkus, resolveWarehouse } from './resolve-lines.ts';

export interface StockLinesInput {
  idempotencyKey: string;
  warehouse: string;
  reference?: string | null;
  note?: string | null;
  lines: { sku: string; quantity: number }[];
}

export interface StockLinesResult {
  idempotencyKey: string;
  warehouse: string;
  reference: string | null;
  lines: { sku: string; quantity: number }[];
  createdAt: string;
}

/** Which movement a "lines in" command writes, and what its reference points at. */
export interface InboundKind {
  kind: 'receipt' | 'return';
  referenceType: ReferenceType;
}

export function receiveStock(
  trx: Tx,
  ctx: CommandContext,
  input: StockLinesInput,
  inbound: InboundKind = { kind: 'receipt', referenceType: 'po' },
): Promise<Outcome<Replayable<StockLinesResult>>> {
  const { idempotencyKey, ...request } = input;
  return runIdempotent(
    trx,
    { tenantId: ctx.tenantId, key: idempotencyKey, kind: inbound.kind, request, nowMs: ctx.nowMs },
    async () => {
      const warehouse = await resolveWarehouse(trx, ctx.tenantId, input.warehouse);
      if (!warehouse.ok) return warehouse;
      const skus = await resolveStockSkus(
        trx,
        ctx.tenantId,
        input.lines.map((l) => l.sku),
      );
      if (!skus.ok) return skus;
      const warehouseId = warehouse.value.id;
      for (const [i, sku] of skus.value.entries()) {
        const quantity = input.lines[i]?.quantity ?? 0;
        await upsertDelta(
          trx,
          { tenantId: ctx.tenantId, skuId: sku.id, warehouseId },
          { onHandDelta: quantity, reservedDelta: 0, nowMs: ctx.nowMs },
        );
      }
      await appendMovements(
        trx,
        {
          ...ctx,
          operationKey: idempotencyKey,
          referenceType: inbound.referenceType,
          referenceId: input.reference ?? null,
          actor: ctx.name,
          note: input.note ?? null,
        },
        skus.value.map((sku, i) => {
          const quantity = input.lines[i]?.quantity ?? 0;
          return {
            kind: inbound.kind,
            skuId: sku.id,
            warehouseId,
            onHandDelta: quantity,
            reservedDelta: 0,
          };
        }),
      );
      return succeed({
        idempotencyKey,
        warehouse: warehouse.value.code,
        reference: input.reference ?? null,
        lines: input.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
        createdAt: toIso(ctx.nowMs),
      });
    },
  );
}
