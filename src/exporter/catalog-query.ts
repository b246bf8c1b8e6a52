/** Reads the catalogue for export: every SKU (with bundle components) by code, a page at a time. */
import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import { componentsOfBundles, skuRecordOf, type SkuRecord } from '../store/skus-repo.ts';

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
    const components = await componentsOfBundles(
      db,
      tenantId,
      rows.filter((r) => r.is_bundle === 1).map((r) => r.id),
    );
    yield rows.map((r) => skuRecordOf(r, components.get(r.id)));
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]?.code ?? null;
  }
}
