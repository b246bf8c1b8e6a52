/**
 * The QueryRoot fields the emulator serves (shopify.md §5.2, §5.4): productVariants and products
 * (catalogue), nodes/node by global id, orders with search and UPDATED_AT/CREATED_AT/ID sort,
 * locations.
 */
import type { GqlObject } from './graphql-exec.ts';
import { GqlError } from './graphql-exec.ts';
import { parseOrderSearch } from './order-search.ts';
import { compareNumeric, connection } from './paging.ts';
import type { Order, Shop } from './state.ts';
import { inventoryItemView, locationView, orderView, productView, variantView } from './views.ts';

/** `gid://shopify/<Type>/<n>` → the object, or null (as Shopify answers an unknown id). */
function nodeById(shop: Shop, id: unknown): GqlObject | null {
  const match = /^gid:\/\/shopify\/(\w+)\/(\d+)$/.exec(typeof id === 'string' ? id : '');
  if (!match)
    throw new GqlError(`Invalid global id '${String(id)}'`, 'argumentLiteralsIncompatible');
  const [, type, number] = match as unknown as [string, string, string];
  if (type === 'ProductVariant') {
    const variant = shop.variants.get(number);
    return variant ? variantView(variant, shop) : null;
  }
  if (type === 'Product') return productView(shop, number);
  if (type === 'Order') {
    const order = shop.orders.get(number);
    return order ? orderView(order, shop) : null;
  }
  if (type === 'InventoryItem') {
    const variant = shop.variants.get(shop.variantByItem.get(number) ?? '');
    return variant ? inventoryItemView(variant, shop) : null;
  }
  if (type === 'Location') return shop.locations.includes(number) ? locationView(number) : null;
  return null;
}

/** Sort key for orders: the sort field then the id, both fixed-width so strings compare. */
function orderKey(order: Order, sortKey: string): string {
  const time =
    sortKey === 'CREATED_AT' ? order.createdAtMs : sortKey === 'ID' ? 0 : order.updatedAtMs;
  return `${String(time).padStart(16, '0')}:${order.id.padStart(20, '0')}`;
}

export function queryRoot(shop: Shop): GqlObject {
  const variants = () => [...shop.variants.values()].sort((a, b) => compareNumeric(a.id, b.id));
  return {
    __typename: 'QueryRoot',
    productVariants: (args: Record<string, unknown>) =>
      connection('ProductVariant', variants(), args, {
        keyOf: (v) => v.id,
        compare: compareNumeric,
        view: (v) => variantView(v, shop),
      }),
    nodes: (args: { ids?: unknown }) => {
      if (!Array.isArray(args.ids)) throw new GqlError('ids is required');
      if (args.ids.length > 250) throw new GqlError('The ids argument takes at most 250 ids');
      return args.ids.map((id) => nodeById(shop, id));
    },
    node: (args: { id?: unknown }) => nodeById(shop, args.id),
    orders: (args: Record<string, unknown>) => {
      const sortKey = typeof args.sortKey === 'string' ? args.sortKey : 'ID';
      const matches = parseOrderSearch(typeof args.query === 'string' ? args.query : '');
      const orders = [...shop.orders.values()]
        .filter(matches)
        .sort((a, b) => (orderKey(a, sortKey) < orderKey(b, sortKey) ? -1 : 1));
      if (args.reverse === true) orders.reverse();
      return connection('Order', orders, args, {
        keyOf: (o) => orderKey(o, sortKey),
        compare: (a, b) => (args.reverse === true ? -1 : 1) * (a < b ? -1 : a > b ? 1 : 0),
        view: (o) => orderView(o, shop),
      });
    },
    locations: (args: Record<string, unknown>) =>
      connection('Location', shop.locations, args, {
        keyOf: (id) => id,
        compare: compareNumeric,
        view: locationView,
      }),
  };
}
