/**
 * The emulator's records as GraphQL objects (graphql-exec.ts): ProductVariant, Product,
 * InventoryItem, InventoryLevel with `quantities(names:)`, Location, Order, LineItem, with the
 * field names of the Admin API (shopify.md §5.2–§5.4). Times are ISO 8601 to the second, as
 * Shopify gives them.
 */
import type { GqlObject } from './graphql-exec.ts';
import { compareNumeric, connection } from './paging.ts';
import type { Level, Order, OrderLine, Shop, Variant } from './state.ts';

export const gid = (type: string, id: string): string => `gid://shopify/${type}/${id}`;

/** Shopify's GraphQL DateTime: UTC to the second. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function locationView(id: string): GqlObject {
  return {
    __typename: 'Location',
    id: gid('Location', id),
    legacyResourceId: id,
    name: `Location ${id}`,
  };
}

function levelView(variant: Variant, locationId: string, level: Level): GqlObject {
  const quantity = (name: string): number => {
    if (name === 'available') return level.available;
    if (name === 'committed') return level.committed;
    if (name === 'on_hand') return level.available + level.committed;
    return 0;
  };
  return {
    __typename: 'InventoryLevel',
    id: `gid://shopify/InventoryLevel/${locationId}?inventory_item_id=${variant.inventoryItemId}`,
    updatedAt: isoSeconds(level.updatedAtMs),
    location: locationView(locationId),
    quantities: (args: { names?: string[] }) =>
      (args.names ?? []).map((name) => ({
        __typename: 'InventoryQuantity',
        name,
        quantity: quantity(name),
      })),
  };
}

export function inventoryItemView(variant: Variant, shop: Shop): GqlObject {
  const levels = [...variant.levels].map(([locationId, level]) => ({ locationId, level }));
  return {
    __typename: 'InventoryItem',
    id: gid('InventoryItem', variant.inventoryItemId),
    legacyResourceId: variant.inventoryItemId,
    sku: variant.sku,
    tracked: true,
    inventoryLevels: (args: Record<string, unknown>) =>
      connection('InventoryLevel', levels, args, {
        keyOf: (l) => l.locationId,
        compare: compareNumeric,
        view: (l) => levelView(variant, l.locationId, l.level),
      }),
    variant: () => variantView(variant, shop),
  };
}

export function productView(shop: Shop, productId: string): GqlObject | null {
  const product = shop.products.get(productId);
  if (!product) return null;
  return {
    __typename: 'Product',
    id: gid('Product', product.id),
    legacyResourceId: product.id,
    title: product.title,
  };
}

export function variantView(variant: Variant, shop: Shop): GqlObject {
  return {
    __typename: 'ProductVariant',
    id: gid('ProductVariant', variant.id),
    legacyResourceId: variant.id,
    sku: variant.sku,
    title: variant.title,
    inventoryQuantity: [...variant.levels.values()].reduce((sum, l) => sum + l.available, 0),
    product: () => productView(shop, variant.productId),
    inventoryItem: () => inventoryItemView(variant, shop),
  };
}

function lineView(line: OrderLine, shop: Shop): GqlObject {
  const variant = shop.variants.get(line.variantId);
  return {
    __typename: 'LineItem',
    id: gid('LineItem', line.id),
    sku: line.sku,
    title: line.title,
    quantity: line.quantity,
    variant: () => (variant ? variantView(variant, shop) : null),
    product: () => productView(shop, line.productId),
  };
}

/** GraphQL's display statuses are the REST words upper-cased. */
export function orderView(order: Order, shop: Shop): GqlObject {
  return {
    __typename: 'Order',
    id: gid('Order', order.id),
    legacyResourceId: order.id,
    name: `#${order.number}`,
    createdAt: isoSeconds(order.createdAtMs),
    updatedAt: isoSeconds(order.updatedAtMs),
    cancelledAt: order.cancelledAtMs === null ? null : isoSeconds(order.cancelledAtMs),
    cancelReason: order.cancelReason?.toUpperCase() ?? null,
    displayFinancialStatus: order.financialStatus.toUpperCase(),
    displayFulfillmentStatus: (order.fulfillmentStatus ?? 'unfulfilled').toUpperCase(),
    lineItems: (args: Record<string, unknown>) =>
      connection('LineItem', order.lines, args, {
        keyOf: (l) => l.id,
        compare: compareNumeric,
        view: (l) => lineView(l, shop),
      }),
    transactions: (args: { first?: number }) =>
      (order.paidAtMs === null ? [] : [order.paidAtMs]).slice(0, args.first ?? 250).map((at) => ({
        __typename: 'OrderTransaction',
        kind: 'SALE',
        status: 'SUCCESS',
        processedAt: isoSeconds(at),
      })),
  };
}
