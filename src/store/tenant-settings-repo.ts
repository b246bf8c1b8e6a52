/** A tenant's stock settings. */
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

export interface TenantSettings {
  lowStockThreshold: number;
  holdExpiryMinutes: number;
}

export async function readTenantSettings(
  db: Kysely<DB>,
  tenantId: string,
): Promise<TenantSettings | null> {
  const row = await db
    .selectFrom('tenants')
    .select(['low_stock_threshold', 'hold_expiry_minutes'])
    .where('id', '=', tenantId)
    .executeTakeFirst();
  return row
    ? { lowStockThreshold: row.low_stock_threshold, holdExpiryMinutes: row.hold_expiry_minutes }
    : null;
}

export async function updateTenantSettings(
  db: Kysely<DB>,
  tenantId: string,
  patch: Partial<TenantSettings>,
): Promise<TenantSettings | null> {
  const set: { low_stock_threshold?: number; hold_expiry_minutes?: number } = {};
  if (patch.lowStockThreshold !== undefined) set.low_stock_threshold = patch.lowStockThreshold;
  if (patch.holdExpiryMinutes !== undefined) set.hold_expiry_minutes = patch.holdExpiryMinutes;
  if (Object.keys(set).length > 0)
    await db.updateTable('tenants').set(set).where('id', '=', tenantId).execute();
  return readTenantSettings(db, tenantId);
}
