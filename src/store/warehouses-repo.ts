/** Warehouses of a tenant, addressed by their code. */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from './schema.ts';

export const WAREHOUSE_KINDS = [
  'domestic',
  'overseas',
  'platform_fulfilled',
  'third_party',
] as const;
export type WarehouseKind = (typeof WAREHOUSE_KINDS)[number];

export interface WarehouseRecord {
  code: string;
  name: string;
  kind: WarehouseKind;
  country: string | null;
  active: boolean;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface WarehouseFields {
  name: string;
  kind: WarehouseKind;
  country: string | null;
  active: boolean;
}

type WarehouseRow = Selectable<DB['warehouses']>;

function toRecord(r: Omit<WarehouseRow, 'id' | 'tenant_id'>): WarehouseRecord {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind as WarehouseKind,
    country: r.country,
    active: r.active === 1,
    createdAtMs: r.created_at,
    updatedAtMs: r.updated_at,
  };
}

const COLUMNS = ['code', 'name', 'kind', 'country', 'active', 'created_at', 'updated_at'] as const;

/** Creates the warehouse, or returns false if the code is taken. */
export async function insertWarehouse(
  db: Kysely<DB>,
  tenantId: string,
  w: WarehouseFields & { code: string; nowMs: number },
): Promise<boolean> {
  const r = await db
    .insertInto('warehouses')
    .values({
      tenant_id: tenantId,
      code: w.code,
      name: w.name,
      kind: w.kind,
      country: w.country,
      active: w.active ? 1 : 0,
      created_at: w.nowMs,
      updated_at: w.nowMs,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function updateWarehouse(
  db: Kysely<DB>,
  tenantId: string,
  code: string,
  patch: Partial<WarehouseFields> & { nowMs: number },
): Promise<WarehouseRecord | null> {
  await db
    .updateTable('warehouses')
    .set({
      updated_at: patch.nowMs,
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.country !== undefined && { country: patch.country }),
      ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
    })
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .execute();
  return findWarehouse(db, tenantId, code);
}

export async function findWarehouse(
  db: Kysely<DB>,
  tenantId: string,
  code: string,
): Promise<WarehouseRecord | null> {
  const row = await db
    .selectFrom('warehouses')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function listWarehouses(db: Kysely<DB>, tenantId: string): Promise<WarehouseRecord[]> {
  const rows = await db
    .selectFrom('warehouses')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .orderBy('code')
    .execute();
  return rows.map(toRecord);
}
