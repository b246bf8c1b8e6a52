/**
 * Shopee product APIs of the emulator (shopee.md §2.7): get_item_list, get_item_base_info,
 * get_model_list and update_stock, with Shopee's limits and error names (SP-SCHEMA lists).
 */
import type { FastifyInstance } from 'fastify';
import type { CatalogStore } from './catalog-store.ts';
import { ShopeeApiError, okBody, type ShopeeBody } from './envelope.ts';
import { shopRoute, type GateDeps, type ShopContext } from './gate.ts';
import { commaList, intParam, paramList, requiredParam } from './params.ts';
import { toModelJson, toStockInfo } from './product-json.ts';
import { applyStockUpdate } from './update-stock.ts';

export interface ProductDeps {
  catalog: CatalogStore;
}

export function registerProductRoutes(
  app: FastifyInstance,
  gate: GateDeps,
  deps: ProductDeps,
): void {
  const base = '/api/v2/product';
  app.get(
    `${base}/get_item_list`,
    shopRoute(gate, (c) => getItemList(deps, c)),
  );
  app.get(
    `${base}/get_item_base_info`,
    shopRoute(gate, (c) => getItemBaseInfo(deps, c)),
  );
  app.get(
    `${base}/get_model_list`,
    shopRoute(gate, (c) => getModelList(deps, c)),
  );
  app.post(
    `${base}/update_stock`,
    shopRoute(gate, (c) => applyStockUpdate(deps.catalog, gate.stats, c)),
  );
}

/** offset/page_size (≤ 100) over the items whose status is asked for (item_status is required). */
function getItemList(deps: ProductDeps, context: ShopContext): ShopeeBody {
  const offset = intParam(context.query, 'offset', { min: 0, max: 1_000_000, fallback: 0 });
  const pageSize = intParam(context.query, 'page_size', { min: 1, max: 100 });
  const statuses = paramList(context.query, 'item_status');
  if (statuses.length === 0) requiredParam(context.query, 'item_status');
  const items = deps.catalog
    .listItems(context.shop.shopId)
    .filter((i) => statuses.includes(i.status));
  const page = items.slice(offset, offset + pageSize);
  const hasNext = offset + page.length < items.length;
  return okBody({
    // Shopee leaves the list out of an empty page.
    ...(page.length > 0
      ? {
          item: page.map((i) => ({
            item_id: i.itemId,
            item_status: i.status,
            update_time: i.updateTimeSec,
          })),
        }
      : {}),
    total_count: items.length,
    has_next_page: hasNext,
    next_offset: hasNext ? offset + page.length : 0,
  });
}

/** Up to 50 ids; stock_info_v2 only for items without models (the models carry their own). */
function getItemBaseInfo(deps: ProductDeps, context: ShopContext): ShopeeBody {
  const ids = commaList(context.query, 'item_id_list', 50).map(toItemId);
  const list = ids.flatMap((itemId) => {
    const item = deps.catalog.item(context.shop.shopId, itemId);
    if (!item) return [];
    const only = item.hasModel ? undefined : item.models.get(0);
    return [
      {
        item_id: item.itemId,
        item_name: item.title,
        item_sku: only?.sku ?? '',
        item_status: item.status,
        has_model: item.hasModel,
        update_time: item.updateTimeSec,
        ...(only ? { stock_info_v2: toStockInfo(context.shop, only) } : {}),
      },
    ];
  });
  return okBody({ item_list: list });
}

function getModelList(deps: ProductDeps, context: ShopContext): ShopeeBody {
  const itemId = toItemId(requiredParam(context.query, 'item_id'));
  const item = deps.catalog.item(context.shop.shopId, itemId);
  if (!item) throw new ShopeeApiError('error_item_not_found', 'Item_id is not found.');
  const models = item.hasModel ? [...item.models.values()] : [];
  return okBody({ tier_variation: [], model: models.map((m) => toModelJson(context.shop, m)) });
}

function toItemId(value: string): number {
  if (!/^\d{1,15}$/.test(value))
    throw new ShopeeApiError('error_param', `Wrong parameters, detail: item_id ${value}.`);
  return Number(value);
}
