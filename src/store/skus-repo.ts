/**
 * The SKU catalogue of a tenant, with bundle definitions. Whether a SKU is a bundle is fixed when
 * it is created: a plain SKU has stock rows, a bundle never does.
 */
import type { Kysely, Selectable } from 'kysely';
import { anyColumnContains } from './like-pattern.ts';
import type { DB } from './schema.ts';

export interface SkuFields {
  name: string;
  barcode: string | null;
  unitCostMinor: number | null;
  currency: string | null;
  lowStockThreshold: number | null;
  allowBackorder: boolean;
  active: boolean;
}

export interface SkuRecord extends SkuFields {
  id: number;
  code: string;
  isBundle: boolean;
  components: { sku: string; quantity: number }[];
  createdAtMs: number;
  updatedAtMs: number;
}

type SkuRow = Selectable<DB['skus']>;
type Component = SkuRecord['components'][number];

/** A stored SKU row as a record, with the components of a bundle (none for a plain SKU). */
export function skuRecordOf(r: SkuRow, components: Component[] = []): SkuRecord {
  return { ...toFields(r), components };
}

function toFields(r: SkuRow): Omit<SkuRecord, 'components'> {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    barcode: r.barcode,
    unitCostMinor: r.unit_cost_minor,
    currency: r.currency,
    lowStockThreshold: r.low_stock_threshold,
    allowBackorder: r.allow_backorder === 1,
    isBundle: r.is_bundle === 1,
    active: r.active === 1,
    createdAtMs: r.created_at,
    updatedAtMs: r.updated_at,
  };
}

/** The components of the given bundles, by bundle id, each list ordered by component code. */
export async function componentsOfBundles(
  db: Kysely<DB>,
  tenantId: string,
  bundleIds: readonly number[],
): Promise<Map<number, Component[]>> {
  const byBundle = new Map<number, Component[]>();
  if (bundleIds.length === 0) return byBundle;
  const rows = await db
    .selectFrom('bundle_components as bc')
    .innerJoin('skus as c', 'c.id', 'bc.component_sku_id')
    .select(['bc.bundle_sku_id', 'c.code', 'bc.quantity'])
    .where('bc.tenant_id', '=', tenantId)
    .where('bc.bundle_sku_id', 'in', [...bundleIds])
    .orderBy('c.code')
    .execute();
  for (const r of rows) {
    const id = Number(r.bundle_sku_id);
    const list = byBundle.get(id) ?? [];
    if (list.length === 0) byBundle.set(id, list);
    list.push({ sku: r.code, quantity: r.quantity });
  }
  return byBundle;
}

function toColumns(f: Partial<SkuFields>) {
  return {
    ...(f.name !== undefined && { name: f.name }),
    ...(f.barcode !== undefined && { barcode: f.barcode }),
    ...(f.unitCostMinor !== undefined && { unit_cost_minor: f.unitCostMinor }),
    ...(f.currency !== undefined && { currency: f.currency }),
    ...(f.lowStockThreshold !== undefined && { low_stock_threshold: f.lowStockThreshold }),
    ...(f.allowBackorder !== undefined && { allow_backorder: f.allowBackorder ? 1 : 0 }),
    ...(f.active !== undefined && { active: f.active ? 1 : 0 }),
  };
}

/** Inserts a SKU; returns its id, or null if the code is taken. */
export async function insertSku(
  db: Kysely<DB>,
  tenantId: string,
  s: SkuFields & { code: string; isBundle: boolean; nowMs: number },
): Promise<number | null> {
  const row = await db
    .insertInto('skus')
    .values({
      tenant_id: tenantId,
      code: s.code,
      name: s.name,
      barcode: s.barcode,
      unit_cost_minor: s.unitCostMinor,
      currency: s.currency,
      low_stock_threshold: s.lowStockThreshold,
      allow_backorder: s.allowBackorder ? 1 : 0,
      is_bundle: s.isBundle ? 1 : 0,
      active: s.active ? 1 : 0,
      created_at: s.nowMs,
      updated_at: s.nowMs,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

export async function updateSku(
  db: Kysely<DB>,
  tenantId: string,
  code: string,
  patch: Partial<SkuFields> & { nowMs: number },
): Promise<boolean> {
  const r = await db
    .updateTable('skus')
    .set({ ...toColumns(patch), updated_at: patch.nowMs })
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** Replaces a bundle's components (ids already resolved and validated). */
export async function replaceBundleComponents(
  db: Kysely<DB>,
  tenantId: string,
  bundleSkuId: number,
  components: readonly { skuId: number; quantity: number }[],
): Promise<void> {
  await db
    .deleteFrom('bundle_components')
    .where('tenant_id', '=', tenantId)
    .where('bundle_sku_id', '=', bundleSkuId)
    .execute();
  if (components.length === 0) return;
  await db
    .insertInto('bundle_components')
    .values(
      components.map((c) => ({
        tenant_id: tenantId,
        bundle_sku_id: bundleSkuId,
        component_sku_id: c.skuId,
        quantity: c.quantity,
      })),
    )
    .execute();
}

export async function findSku(
  db: Kysely<DB>,
  tenantId: string,
  code: string,
): Promise<SkuRecord | null> {
  const row = await db
    .selectFrom('skus')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) return null;
  const components = await componentsOfBundles(db, tenantId, [row.id]);
  return skuRecordOf(row, components.get(row.id));
}

export interface SkuListQuery {
  text?: string;
  limit: number;
  offset: number;
}

/** A page of SKUs by code, with the total; `text` matches code, name or barcode. */
export async function listSkus(
  db: Kysely<DB>,
  tenantId: string,
  q: SkuListQuery,
): Promise<{ items: Omit<SkuRecord, 'components'>[]; total: number }> {
  let base = db.selectFrom('skus').where('tenant_id', '=', tenantId);
  if (q.text) base = base.where(anyColumnContains(['code', 'name', 'barcode'], q.text));
  const rows = await base.selectAll().orderBy('code').limit(q.limit).offset(q.offset).execute();
  const total = await base
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { items: rows.map(toFields), total: Number(total.n) };
}
