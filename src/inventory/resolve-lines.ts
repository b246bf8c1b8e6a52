/**
 * Turns the codes in a request (warehouse, SKUs) into rows, inside the command's transaction,
 * with the seller-facing error when one does not exist.
 */
import { fail, succeed, type Outcome } from '../domain/outcome.ts';
import {
  findSkusByCodes,
  findWarehouseByCode,
  type SkuRef,
  type WarehouseRef,
} from '../store/catalog-lookup.ts';
import type { Tx } from '../store/write-executor.ts';

export async function resolveWarehouse(
  trx: Tx,
  tenantId: string,
  code: string,
): Promise<Outcome<WarehouseRef>> {
  const warehouse = await findWarehouseByCode(trx, tenantId, code);
  return warehouse ? succeed(warehouse) : fail('WAREHOUSE_NOT_FOUND', { warehouse: code });
}

/**
 * Resolves the SKUs of stock lines. Physical stock lines (receipts, counts, returns, transfers)
 * must name plain SKUs: a bundle has no stock of its own. Each SKU may appear once.
 */
export async function resolveStockSkus(
  trx: Tx,
  tenantId: string,
  codes: readonly string[],
): Promise<Outcome<SkuRef[]>> {
  const seen = new Set<string>();
  for (const code of codes) {
    if (seen.has(code)) return fail('DUPLICATE_LINE', { sku: code });
    seen.add(code);
  }
  const found = await findSkusByCodes(trx, tenantId, codes);
  const refs: SkuRef[] = [];
  for (const code of codes) {
    const sku = found.get(code);
    if (!sku) return fail('SKU_NOT_FOUND', { sku: code });
    if (sku.isBundle) return fail('BUNDLE_NOT_STOCKABLE', { sku: code });
    refs.push(sku);
  }
  return succeed(refs);
}
