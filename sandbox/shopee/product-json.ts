/** The emulator's items and models as Shopee's product APIs write them (stock_info_v2, §2.7). */
import { NO_LOCATION, type EmulatedModel, type EmulatedShop } from './types.ts';

/** stock_info_v2: seller stock per location, reserved and available totals, no Shopee stock. */
export function toStockInfo(shop: EmulatedShop, model: EmulatedModel) {
  const sellerStock = shop.locations.map((location) => ({
    ...(location === NO_LOCATION ? {} : { location_id: location }),
    stock: model.sellerStock.get(location) ?? 0,
    if_saleable: true,
  }));
  const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
  return {
    summary_info: {
      total_reserved_stock: sum(model.reserved.values()),
      total_available_stock: sum(model.sellerStock.values()),
    },
    seller_stock: sellerStock,
    shopee_stock: [],
  };
}

export function toModelJson(shop: EmulatedShop, model: EmulatedModel) {
  return {
    model_id: model.modelId,
    model_sku: model.sku,
    model_status: 'MODEL_NORMAL',
    tier_index: [],
    stock_info_v2: toStockInfo(shop, model),
  };
}
