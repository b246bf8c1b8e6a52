/** Reads the catalogue for export: every SKU (with bundle components) by code, a page at a time. */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { SkuRecord } from '../store/skus-repo.ts';

const PAGE = 5_000;

/** A SKU as the export writes it: the catalogue fields an import reads back. */
export type CatalogRow = Omit<SkuRecord, 'id' | 'active' | 'createdAtMs' | 'updatedAtMs'>;

export async function* walkSkus(db: Kysely<DB>, tenantId: string): AsyncGenerator<CatalogRow[]> {
  let after: string | null = null;
  for (;;) {
    let query = db.selectFrom('skus').selectAll().where('tenant_id', '=', tenantId);
    if (after !== null) query = query.where('code', '>', after);
    const rows = await query.orderBy('code').limit(PAGE).execute();
    if (rows.length === 0) return;
    const bundleIds = rows.filter((r) => r.is_bundle === 1).map((r) => r.id);
    const parts =
      bundleIds.length === 0
        ? []
        : await db
            .selectFrom('bundle_components as bc')
            .innerJoin('skus as c', 'c.id', 'bc.component_sku_id')
            .select(['bc.bundle_sku_id', 'c.code', 'bc.quantity'])
            .where('bc.tenant_id', '=', tenantId)
            .where('bc.bundle_sku_id', 'in', bundleIds)
            .orderBy('c.code')
            .execute();
    const componentsOf = new Map<number, { sku: string; quantity: number }[]>();
    for (const p of parts) {
      const list = componentsOf.get(Number(p.bundle_sku_id)) ?? [];
      list.push({ sku: p.code, quantity: p.quantity });
      componentsOf.set(Number(p.bundle_sku_id), list);
    }
    yield rows.map((r) => ({
      code: r.code,
      name: r.name,
      barcode: r.barcode,
      unitCostMinor: r.unit_cost_minor === null ? null : Number(r.unit_cost_minor),
      currency: r.currency,
      lowStockThreshold: r.low_stock_threshold,
      allowBackorder: r.allow_backorder === 1,
      isBundle: r.is_bundle === 1,
      components: componentsOf.get(Number(r.id)) ?? [],
    }));
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]?.code ?? null;
  }
}
