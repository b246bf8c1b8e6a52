/**
 * The emulator's `POST /api/v2/product/update_stock` (§2.7): one item, 1–50 models, seller stock
 * per location. Whole-call refusals follow SP-SCHEMA's error list (item not found, "Repeat
 * model_id.", location_id missing for a multi-warehouse shop or not the shop's); an unknown
 * model fails only itself (failure_list) and the rest is applied, answered with the top-level
 * error_busi_update_stock_failed and both lists.
 */
import { z } from 'zod';
import type { CatalogStore } from './catalog-store.ts';
import { errorBody, okBody, paramError, ShopeeApiError, type ShopeeBody } from './envelope.ts';
import type { ShopContext } from './gate.ts';
import { parseBody } from './params.ts';
import type { StatsRecorder } from './stats.ts';
import { NO_LOCATION, type EmulatedShop } from './types.ts';

const UpdateStockBody = z.object({
  item_id: z.number().int().positive(),
  stock_list: z
    .array(
      z.object({
        model_id: z.number().int().nonnegative().default(0),
        seller_stock: z
          .array(
            z.object({ location_id: z.string().optional(), stock: z.number().int().nonnegative() }),
          )
          .min(1),
      }),
    )
    .min(1)
    .max(50),
});
type StockEntry = z.infer<typeof UpdateStockBody>['stock_list'][number];

export function applyStockUpdate(
  catalog: CatalogStore,
  stats: StatsRecorder,
  context: ShopContext,
): ShopeeBody {
  const body = parseBody(UpdateStockBody, context.body);
  const item = catalog.item(context.shop.shopId, body.item_id);
  if (!item) throw new ShopeeApiError('error_item_not_found', 'Item_id is not found.');
  const modelIds = body.stock_list.map((entry) => entry.model_id);
  if (new Set(modelIds).size !== modelIds.length) throw paramError('Repeat model_id.');
  const resolved = body.stock_list.map((entry) => ({
    entry,
    stock: resolveLocations(context.shop, entry),
  }));
  const successList: Array<Record<string, unknown>> = [];
  const failureList: Array<{ model_id: number; failed_reason: string }> = [];
  for (const { entry, stock } of resolved) {
    const model = item.models.get(entry.model_id);
    if (!model || (item.hasModel && entry.model_id === 0)) {
      failureList.push({ model_id: entry.model_id, failed_reason: 'Wrong model_id.' });
      continue;
    }
    for (const [location, quantity] of stock) {
      catalog.setSellerStock(context.shop.shopId, item.itemId, model, location, quantity);
      successList.push({
        model_id: entry.model_id,
        ...(location === NO_LOCATION ? {} : { location_id: location }),
        stock: quantity,
      });
    }
    stats.countStockWrite();
  }
  const response = { success_list: successList, failure_list: failureList };
  if (failureList.length === 0) return okBody(response);
  return errorBody(
    'error_busi_update_stock_failed',
    'Update stock failed, please check failure_list for detailed reason',
    response,
  );
}

/** location → stock for one model; checked before anything is applied (whole-call errors). */
function resolveLocations(shop: EmulatedShop, entry: StockEntry): Map<string, number> {
  const named = shop.locations[0] !== NO_LOCATION;
  const result = new Map<string, number>();
  for (const { location_id: locationId, stock } of entry.seller_stock) {
    let location: string;
    if (locationId === undefined || locationId === '') {
      if (named && shop.locations.length > 1) {
        throw new ShopeeApiError('error_auth', 'Lack of location_id, please double check.');
      }
      location = shop.locations[0] ?? NO_LOCATION;
    } else if (!named) {
      throw new ShopeeApiError(
        'error_auth',
        'You do not have right to use seller location_id, please only fill seller_stock filed.',
      );
    } else if (!shop.locations.includes(locationId)) {
      throw new ShopeeApiError(
        'error_auth',
        "The location_id input is not matched the shop's location_id(more/wrong). Please double check.",
      );
    } else {
      location = locationId;
    }
    result.set(location, stock);
  }
  return result;
}
