/**
 * Listing holds for the API: by order, status, SKU or warehouse, newest first, paged by id
 * (hold ids sort by creation time). Lines are loaded for the whole page in one query (only
 * bundles' holds have rows in hold_lines; a plain hold's line is the hold itself).
 */
import type { Kysely } from 'kysely';
import type { HoldStatus } from '../domain/holds.ts';
import { linesOfStoredHold, type HoldRecord } from './holds-repo.ts';
import type { DB } from './schema.ts';

export interface HoldListQuery {
  orderRef?: string;
  statuses?: readonly HoldStatus[];
  skuId?: number;
  warehouseId?: number;
  /** Continue with holds whose id sorts before this one. */
  beforeId?: string;
  limit: number;
}

export async function listHolds(
  db: Kysely<DB>,
  tenantId: string,
  q: HoldListQuery,
): Promise<{ holds: HoldRecord[]; hasMore: boolean }> {
  let query = db.selectFrom('holds').selectAll().where('tenant_id', '=', tenantId);
  if (q.orderRef !== undefined) query = query.where('order_ref', '=', q.orderRef);
  if (q.statuses && q.statuses.length > 0) query = query.where('status', 'in', [...q.statuses]);
  if (q.skuId !== undefined) query = query.where('sku_id', '=', q.skuId);
  if (q.warehouseId !== undefined) query = query.where('warehouse_id', '=', q.warehouseId);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = rows.slice(0, q.limit);
  const lines =
    page.length === 0
      ? []
      : await db
          .selectFrom('hold_lines')
          .select(['hold_id', 'sku_id', 'quantity'])
          .where('tenant_id', '=', tenantId)
          .where(
            'hold_id',
            'in',
            page.map((r) => r.id),
          )
          .orderBy('sku_id')
          .execute();
  const linesByHold = new Map<string, { skuId: number; quantity: number }[]>();
  for (const l of lines) {
    const list = linesByHold.get(l.hold_id) ?? [];
    list.push({ skuId: Number(l.sku_id), quantity: l.quantity });
    linesByHold.set(l.hold_id, list);
  }
  const holds = page.map((row) => ({
    id: row.id,
    skuId: Number(row.sku_id),
    warehouseId: Number(row.warehouse_id),
    quantity: row.quantity,
    status: row.status as HoldStatus,
    orderRef: row.order_ref,
    lineRef: row.line_ref,
    operationKey: row.operation_key,
    actor: row.actor,
    expiresAtMs: row.expires_at === null ? null : Number(row.expires_at),
    createdAtMs: Number(row.created_at),
    updatedAtMs: Number(row.updated_at),
    lines: linesOfStoredHold(
      { skuId: Number(row.sku_id), quantity: row.quantity },
      linesByHold.get(row.id) ?? [],
    ),
  }));
  return { holds, hasMore: rows.length > q.limit };
}

export interface LineHold {
  id: string;
  status: string;
  warehouseId: number;
  /** Null for a paid hold (no expiry). */
  expiresAtMs: number | null;
}

/** The newest hold placed for each line of an order (by the order reference holds carry). */
export async function newestHoldPerLine(
  db: Kysely<DB>,
  tenantId: string,
  orderRef: string,
): Promise<Map<string, LineHold>> {
  const rows = await db
    .selectFrom('holds')
    .select(['id', 'status', 'warehouse_id', 'expires_at', 'line_ref'])
    .where('tenant_id', '=', tenantId)
    .where('order_ref', '=', orderRef)
    .where('line_ref', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const byLine = new Map<string, LineHold>();
  for (const r of rows)
    byLine.set(r.line_ref ?? '', {
      id: r.id,
      status: r.status,
      warehouseId: Number(r.warehouse_id),
      expiresAtMs: r.expires_at === null ? null : Number(r.expires_at),
    });
  return byLine;
}
