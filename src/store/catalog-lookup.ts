/**
 * Lookups commands need inside their transaction: SKUs and warehouses by the codes sellers use,
 * and bundle definitions.
 */
import type { BundleComponent } from '../domain/bundles.ts';
import type { Tx } from './write-executor.ts';

export interface SkuRef {
  id: number;
  code: string;
  isBundle: boolean;
  allowBackorder: boolean;
}

export interface WarehouseRef {
  id: number;
  code: string;
}

export async function findSkusByCodes(
  trx: Tx,
  tenantId: string,
  codes: readonly string[],
): Promise<Map<string, SkuRef>> {
  if (codes.length === 0) return new Map();
  const rows = await trx
    .selectFrom('skus')
    .select(['id', 'code', 'is_bundle', 'allow_backorder'])
    .where('tenant_id', '=', tenantId)
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, toSkuRef(r)]));
}

export async function findSkusByIds(
  trx: Tx,
  tenantId: string,
  ids: readonly number[],
): Promise<Map<number, SkuRef>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('skus')
    .select(['id', 'code', 'is_bundle', 'allow_backorder'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toSkuRef(r)]));
}

function toSkuRef(r: {
  id: number;
  code: string;
  is_bundle: number;
  allow_backorder: number;
}): SkuRef {
  return {
    id: r.id,
    code: r.code,
    isBundle: r.is_bundle === 1,
    allowBackorder: r.allow_backorder === 1,
  };
}

export async function findWarehouseByCode(
  trx: Tx,
  tenantId: string,
  code: string,
): Promise<WarehouseRef | null> {
  const row = await trx
    .selectFrom('warehouses')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row ?? null;
}

export async function findWarehousesByIds(
  trx: Tx,
  tenantId: string,
  ids: readonly number[],
): Promise<Map<number, WarehouseRef>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('warehouses')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Components of one bundle SKU; empty for a plain SKU. */
export async function findBundleComponents(
  trx: Tx,
  tenantId: string,
  bundleSkuId: number,
): Promise<BundleComponent[]> {
  const rows = await trx
    .selectFrom('bundle_components')
    .select(['component_sku_id', 'quantity'])
    .where('tenant_id', '=', tenantId)
    .where('bundle_sku_id', '=', bundleSkuId)
    .execute();
  return rows.map((r) => ({ skuId: r.component_sku_id, quantity: r.quantity }));
}
