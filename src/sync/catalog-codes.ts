/** Codes of SKUs and warehouses by internal id: the inventory service speaks in codes. */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';

export async function skuCodesOf(
  db: Kysely<DB>,
  tenantId: string,
  ids: number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('skus')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [Number(r.id), r.code]));
}

export async function warehouseCodesOf(
  db: Kysely<DB>,
  tenantId: string,
  ids: number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('warehouses')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [Number(r.id), r.code]));
}
