/**
 * Items, models and seller stock of the Shopee emulator's shops. Seller stock per location is
 * what buyers can order; reserved stock is what unshipped orders withhold (§2.7, §2.8).
 */
import type { EmulatedProductSeed, EmulatedVariantSeed } from '../kit/emulator.ts';
import type { ListingRef, PlatformStock } from '../../src/connectors/contract.ts';
import { NO_LOCATION, type EmulatedItem, type EmulatedModel, type EmulatedShop } from './types.ts';

export class CatalogStore {
  private readonly items = new Map<string, Map<number, EmulatedItem>>();

  constructor(private readonly nowMs: () => number) {}

  /** Adds or replaces items. A single variant with id '0' (or '') is an item without models. */
  seedProducts(shop: EmulatedShop, products: EmulatedProductSeed[]): void {
    const shopItems = this.items.get(shop.shopId) ?? new Map<number, EmulatedItem>();
    this.items.set(shop.shopId, shopItems);
    for (const product of products) {
      const itemId = toId(product.itemId, 'item_id');
      const hasModel = !(product.variants.length === 1 && toModelId(product.variants[0]) === 0);
      const models = new Map<number, EmulatedModel>();
      for (const variant of product.variants) {
        const model = toModel(shop, variant);
        if (hasModel && model.modelId === 0)
          throw new Error('model_id 0 is for items without models');
        models.set(model.modelId, model);
      }
      shopItems.set(itemId, {
        itemId,
        title: product.title,
        hasModel,
        status: 'NORMAL',
        updateTimeSec: this.nowSec(),
        models,
      });
    }
  }

  /** The shop's items, by ascending item_id (get_item_list's order here). */
  listItems(shopId: string): EmulatedItem[] {
    return [...(this.items.get(shopId)?.values() ?? [])].sort((a, b) => a.itemId - b.itemId);
  }

  item(shopId: string, itemId: number): EmulatedItem | undefined {
    return this.items.get(shopId)?.get(itemId);
  }

  model(shopId: string, ref: ListingRef): EmulatedModel | undefined {
    if (!/^\d+$/.test(ref.itemId)) return undefined;
    return this.item(shopId, Number(ref.itemId))?.models.get(Number(ref.variantId || '0'));
  }

  /** What buyers see per location; reserved stock shown as `committed`. */
  shownStock(shop: EmulatedShop, ref: ListingRef): PlatformStock[] {
    const model = this.model(shop.shopId, ref);
    if (!model) throw new Error(`unknown listing ${ref.itemId}/${ref.variantId}`);
    return shop.locations.map((location) => ({
      warehouseId: location === NO_LOCATION ? null : location,
      available: model.sellerStock.get(location) ?? 0,
      committed: model.reserved.get(location) ?? 0,
    }));
  }

  /** Sets seller stock at one location (update_stock, or a seller in the back office). */
  setSellerStock(
    shopId: string,
    itemId: number,
    model: EmulatedModel,
    location: string,
    stock: number,
  ): void {
    model.sellerStock.set(location, stock);
    this.touch(shopId, itemId);
  }

  /** Moves units between seller stock and reserved stock (+qty withholds, −qty gives back). */
  withhold(
    shopId: string,
    line: { itemId: number; modelId: number; location: string },
    quantity: number,
  ): void {
    const model = this.item(shopId, line.itemId)?.models.get(line.modelId);
    if (!model) throw new Error(`unknown model ${line.itemId}/${line.modelId}`);
    model.sellerStock.set(line.location, (model.sellerStock.get(line.location) ?? 0) - quantity);
    model.reserved.set(line.location, (model.reserved.get(line.location) ?? 0) + quantity);
    this.touch(shopId, line.itemId);
  }

  /** Shipping consumes the reservation; seller stock was already reduced at order creation. */
  releaseReservation(
    shopId: string,
    line: { itemId: number; modelId: number; location: string },
    quantity: number,
  ): void {
    const model = this.item(shopId, line.itemId)?.models.get(line.modelId);
    if (!model) return;
    model.reserved.set(line.location, (model.reserved.get(line.location) ?? 0) - quantity);
  }

  private touch(shopId: string, itemId: number): void {
    const item = this.item(shopId, itemId);
    if (item) item.updateTimeSec = this.nowSec();
  }

  private nowSec(): number {
    return Math.floor(this.nowMs() / 1000);
  }
}

function toModel(shop: EmulatedShop, variant: EmulatedVariantSeed): EmulatedModel {
  const sellerStock = new Map<string, number>(shop.locations.map((l) => [l, 0]));
  for (const [warehouseId, quantity] of Object.entries(variant.stock)) {
    // A shop without warehouses has one unnamed location, whatever the seed calls it.
    const location = shop.locations[0] === NO_LOCATION ? NO_LOCATION : warehouseId;
    if (!sellerStock.has(location)) throw new Error(`unknown location ${warehouseId}`);
    sellerStock.set(location, (sellerStock.get(location) ?? 0) + quantity);
  }
  const reserved = new Map<string, number>(shop.locations.map((l) => [l, 0]));
  return { modelId: toModelId(variant), sku: variant.sellerSku, sellerStock, reserved };
}

function toModelId(variant: EmulatedVariantSeed | undefined): number {
  return variant === undefined || variant.variantId === ''
    ? 0
    : toId(variant.variantId, 'model_id');
}

function toId(value: string, name: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new Error(`Shopee ${name} must be an integer: ${value}`);
  return Number(value);
}
