/** The public shape of a hold: codes instead of internal ids, ISO times. */
import type { HoldStatus } from '../domain/holds.ts';
import { findSkusByIds, findWarehousesByIds } from '../store/catalog-lookup.ts';
import type { HoldRecord } from '../store/holds-repo.ts';
import type { Tx } from '../store/write-executor.ts';
import { toIso, toIsoOrNull } from './command-context.ts';

export interface HoldView {
  id: string;
  sku: string;
  warehouse: string;
  quantity: number;
  status: HoldStatus;
  orderRef: string;
  lineRef: string | null;
  expiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** What the hold reserves: the SKU itself, or each component of a bundle. */
  lines: { sku: string; quantity: number }[];
}

export function holdViewOf(
  hold: HoldRecord,
  codes: { skuCode: (id: number) => string; warehouseCode: string },
): HoldView {
  const createdAt = toIso(hold.createdAtMs);
  return {
    id: hold.id,
    sku: codes.skuCode(hold.skuId),
    warehouse: codes.warehouseCode,
    quantity: hold.quantity,
    status: hold.status,
    orderRef: hold.orderRef,
    lineRef: hold.lineRef,
    expiresAt: toIsoOrNull(hold.expiresAtMs),
    createdAt,
    // A new hold (the hot path) was last updated when it was created: one date to format, not two.
    updatedAt: hold.updatedAtMs === hold.createdAtMs ? createdAt : toIso(hold.updatedAtMs),
    lines: hold.lines.map((l) => ({ sku: codes.skuCode(l.skuId), quantity: l.quantity })),
  };
}

/** Looks up the codes a stored hold refers to and builds its view. */
export async function loadHoldView(trx: Tx, tenantId: string, hold: HoldRecord): Promise<HoldView> {
  const skus = await findSkusByIds(trx, tenantId, [hold.skuId, ...hold.lines.map((l) => l.skuId)]);
  const warehouses = await findWarehousesByIds(trx, tenantId, [hold.warehouseId]);
  return holdViewOf(hold, {
    skuCode: (id) => skus.get(id)?.code ?? String(id),
    warehouseCode: warehouses.get(hold.warehouseId)?.code ?? String(hold.warehouseId),
  });
}
