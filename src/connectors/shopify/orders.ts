/**
 * Order reads for Shopify (§5.4): the orders of an update-time window with cursor paging, orders
 * by id through `nodes(ids:)`, and the further line items of an order with more lines than the
 * first read carries.
 */
import type { OrderQuery, Page, PlatformOrder } from '../contract.ts';
import type { ShopifyClient } from './client.ts';
import { toGid } from './ids.ts';
import { toPlatformOrder } from './mapping.ts';
import { SHOPIFY_ORDER_PAGE_SIZE } from './options.ts';
import {
  ORDER_LINES_COST,
  ORDER_LINES_QUERY,
  ORDER_NODES_QUERY,
  orderNodesCost,
  ORDERS_QUERY,
  ordersCost,
} from './queries.ts';
import type { RawLineItem, RawOrder } from './raw-types.ts';
import {
  RawOrder as RawOrderSchema,
  RawOrderLinesData,
  RawOrderNodesData,
  RawOrdersData,
} from './raw-types.ts';

/**
 * Shopify's search compares updated_at in whole seconds: the window is widened to them (from
 * rounded down, to rounded up), so consecutive windows overlap by at most a second and never
 * leave a gap; repeats are harmless because orders apply only forward.
 */
export function updatedWindowQuery(query: OrderQuery): string {
  const from = new Date(Math.floor(query.updatedFromMs / 1000) * 1000).toISOString();
  const to = new Date(Math.ceil(query.updatedToMs / 1000) * 1000).toISOString();
  return `updated_at:>='${from.replace('.000Z', 'Z')}' AND updated_at:<'${to.replace('.000Z', 'Z')}'`;
}

export async function listOrdersPage(
  client: ShopifyClient,
  query: OrderQuery,
): Promise<Page<PlatformOrder>> {
  const data = await client.call({
    query: ORDERS_QUERY,
    variables: {
      first: SHOPIFY_ORDER_PAGE_SIZE,
      after: query.pageToken ?? null,
      query: updatedWindowQuery(query),
    },
    cost: ordersCost(SHOPIFY_ORDER_PAGE_SIZE),
    schema: RawOrdersData,
  });
  const { pageInfo, nodes } = data.orders;
  return {
    items: await withAllLines(client, nodes),
    nextPageToken: pageInfo.hasNextPage ? pageInfo.endCursor : null,
  };
}

/** Orders by id, SHOPIFY_ORDER_PAGE_SIZE per read; unknown ids are simply absent. */
export async function readOrdersById(
  client: ShopifyClient,
  orderIds: string[],
): Promise<PlatformOrder[]> {
  const ids = [...new Set(orderIds)];
  const orders: PlatformOrder[] = [];
  for (let start = 0; start < ids.length; start += SHOPIFY_ORDER_PAGE_SIZE) {
    const batch = ids.slice(start, start + SHOPIFY_ORDER_PAGE_SIZE);
    const data = await client.call({
      query: ORDER_NODES_QUERY,
      variables: { ids: batch.map((id) => toGid('Order', id)) },
      cost: orderNodesCost(batch.length),
      schema: RawOrderNodesData,
    });
    const found = data.nodes.flatMap((node) => {
      const order = RawOrderSchema.safeParse(node);
      return order.success ? [order.data] : [];
    });
    orders.push(...(await withAllLines(client, found)));
  }
  return orders;
}

async function withAllLines(client: ShopifyClient, raws: RawOrder[]): Promise<PlatformOrder[]> {
  const orders: PlatformOrder[] = [];
  for (const raw of raws) {
    const lines = [...raw.lineItems.nodes];
    let page = raw.lineItems.pageInfo;
    while (page.hasNextPage) {
      const more = await readMoreLines(client, raw.legacyResourceId, page.endCursor);
      lines.push(...more.lines);
      page = more.pageInfo;
    }
    orders.push(toPlatformOrder(raw, lines));
  }
  return orders;
}

async function readMoreLines(
  client: ShopifyClient,
  orderId: string,
  after: string | null,
): Promise<{ lines: RawLineItem[]; pageInfo: RawOrder['lineItems']['pageInfo'] }> {
  const data = await client.call({
    query: ORDER_LINES_QUERY,
    variables: { id: toGid('Order', orderId), after },
    cost: ORDER_LINES_COST,
    schema: RawOrderLinesData,
  });
  return { lines: data.node.lineItems.nodes, pageInfo: data.node.lineItems.pageInfo };
}
