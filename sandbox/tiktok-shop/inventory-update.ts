/**
 * Update Inventory (tiktok-shop.md §1.7): an absolute set of `available` per warehouse for SKUs of
 * one product; `committed` is left alone. Each SKU is checked and applied on its own, and the SKUs
 * that fail come back in `data.errors[]` inside a code-0 answer, as TikTok does.
 * Quantity 0 is accepted (a sold-out SKU), although the doc gives [1, 99999]; see the report.
 */
import { z } from 'zod';
import type { EmulatorContext } from './context.ts';
import { nowSeconds } from './context.ts';
import type { ApiOutcome } from './envelope.ts';
import { CODES, refuse } from './envelope.ts';
import type { ProductRecord, ShopRecord, SkuRecord } from './state.ts';

const MAX_QUANTITY = 99_999;

const InventoryUpdateBody = z.object({
  skus: z
    .array(
      z.object({
        id: z.string().min(1),
        inventory: z
          .array(z.object({ warehouse_id: z.string().min(1).optional(), quantity: z.number() }))
          .min(1),
      }),
    )
    .min(1),
});
type SkuEntry = z.infer<typeof InventoryUpdateBody>['skus'][number];

interface ExtraError {
  warehouse_id?: string;
  code: number;
  message: string;
}

export function updateInventory(
  context: EmulatorContext,
  shop: ShopRecord,
  productId: string,
  body: unknown,
): ApiOutcome {
  const product = shop.products.get(productId);
  if (!product) return productRefusal(context, productId);
  const parsed = InventoryUpdateBody.safeParse(body);
  if (!parsed.success) return refuse(CODES.badRequest, `Invalid body: ${parsed.error.message}`);
  const errors: unknown[] = [];
  for (const entry of parsed.data.skus) {
    const failure = checkSku(shop, product, entry);
    if (failure) {
      errors.push(failure);
      continue;
    }
    applySku(product.skus.get(entry.id) as SkuRecord, entry, shop);
    context.stats.stockWrites += 1;
    product.updateTime = nowSeconds(context);
  }
  return { ok: true, data: errors.length > 0 ? { errors } : {} };
}

function productRefusal(context: EmulatorContext, productId: string): ApiOutcome {
  const elsewhere = [...context.state.shops.values()].some((shop) => shop.products.has(productId));
  return elsewhere
    ? refuse(CODES.notYourProduct, 'The product does not belong to this shop')
    : refuse(CODES.productNotFound, 'The product does not exist');
}

/** The SKU's `data.errors[]` entry, or null when it may be applied. */
function checkSku(shop: ShopRecord, product: ProductRecord, entry: SkuEntry): unknown {
  const sku = product.skus.get(entry.id);
  if (!sku) return skuError(entry.id, 'The SKU does not belong to the product', []);
  const warehouses = [...sku.stock.keys()];
  const listed = entry.inventory.map((line) => line.warehouse_id);
  // warehouse_id may be left out only for a SKU with a single warehouse (§1.7).
  if (listed.includes(undefined) && (warehouses.length !== 1 || listed.length !== 1)) {
    const message = 'warehouse_id is required: the SKU has several warehouses';
    return skuError(entry.id, message, [], CODES.warehouseRequired);
  }
  const extras = [...lineErrors(shop, sku, entry), ...unlistedWarehouses(warehouses, listed)];
  return extras.length > 0 ? skuError(entry.id, 'Check failed', extras) : null;
}

/** Unknown warehouses and quantities outside 0..99,999, per listed warehouse. */
function lineErrors(shop: ShopRecord, sku: SkuRecord, entry: SkuEntry): ExtraError[] {
  const extras: ExtraError[] = [];
  for (const line of entry.inventory) {
    const warehouseId = line.warehouse_id ?? [...sku.stock.keys()][0] ?? '';
    if (!sku.stock.has(warehouseId) && !shop.seed.warehouseIds.includes(warehouseId)) {
      const message = 'warehouse does not exist';
      extras.push({ warehouse_id: warehouseId, code: CODES.warehouseNotFound, message });
    }
    if (!Number.isInteger(line.quantity) || line.quantity < 0 || line.quantity > MAX_QUANTITY) {
      const message = `quantity must be 0..${MAX_QUANTITY}`;
      extras.push({ warehouse_id: warehouseId, code: CODES.quantityOutOfLimits, message });
    }
  }
  return extras;
}

/** Every warehouse of a SKU with several must be listed (§1.7, 12052037). */
function unlistedWarehouses(warehouses: string[], listed: Array<string | undefined>): ExtraError[] {
  if (listed.includes(undefined)) return [];
  const message = 'every warehouse of the SKU must be listed';
  return warehouses
    .filter((id) => !listed.includes(id))
    .map((id) => ({ warehouse_id: id, code: CODES.allWarehousesRequired, message }));
}

function skuError(
  skuId: string,
  message: string,
  extras: ExtraError[],
  code: number = CODES.skuCheckFailed,
): unknown {
  return { code, message, detail: { sku_id: skuId, extra_errors: extras } };
}

function applySku(sku: SkuRecord, entry: SkuEntry, shop: ShopRecord): void {
  for (const line of entry.inventory) {
    const warehouseId =
      line.warehouse_id ?? [...sku.stock.keys()][0] ?? shop.seed.warehouseIds[0] ?? '';
    const stock = sku.stock.get(warehouseId) ?? { available: 0, committed: 0 };
    stock.available = line.quantity;
    sku.stock.set(warehouseId, stock);
  }
}
