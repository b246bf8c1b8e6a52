/** Tenants: a self-hosted install has one; a hosting provider has many. */
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

export interface TenantRecord {
  id: string;
  name: string;
  lowStockThreshold: number;
  holdExpiryMinutes: number;
  createdAtMs: number;
}

export async function insertTenant(
  db: Kysely<DB>,
  t: { id: string; name: string; nowMs: number },
): Promise<TenantRecord> {
  await db
    .insertInto('tenants')
    .values({
      id: t.id,
      name: t.name,
      low_stock_threshold: 15,
      hold_expiry_minutes: 15,
      created_at: t.nowMs,
    })
    .execute();
  return {
    id: t.id,
    name: t.name,
    lowStockThreshold: 15,
    holdExpiryMinutes: 15,
    createdAtMs: t.nowMs,
  };
}

export async function listTenants(db: Kysely<DB>): Promise<TenantRecord[]> {
  const rows = await db
    .selectFrom('tenants')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    lowStockThreshold: r.low_stock_threshold,
    holdExpiryMinutes: r.hold_expiry_minutes,
    createdAtMs: r.created_at,
  }));
}

export async function countTenants(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('tenants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
