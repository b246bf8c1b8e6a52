/**
 * Reading orders with their items (amazon.md §4.4): getOrders pages by update time or by ids,
 * getOrder for a few ids, and getOrderItems for each order, since Orders v0 lists orders without
 * their lines. getOrderItems' plan (0.5/s, burst 30) bounds how fast orders can be read; a
 * throttled items read waits what Amazon said and tries again, as AMZ-SDK does.
 */
import type { OrderQuery, Page, PlatformOrder } from '../contract.ts';
import { isConnectorError } from '../errors.ts';
import type { AmazonClient } from './client.ts';
import { toPlatformOrder } from './mapping.ts';
import {
  AMAZON_LAST_UPDATED_BEFORE_LAG_MS,
  AMAZON_ORDER_MAX_AGE_MS,
  AMAZON_ORDER_IDS_PER_CALL,
  AMAZON_ORDER_ITEMS_CONCURRENCY,
  AMAZON_ORDERS_PAGE_SIZE,
  AMAZON_PATHS,
  AMAZON_SINGLE_READ_MAX_IDS,
} from './options.ts';
import type { RawOrder, RawOrderItem } from './raw-types.ts';
import {
  RawOrder as RawOrderSchema,
  RawOrderItemsPayload,
  RawOrdersPayload,
  wrapped,
} from './raw-types.ts';

/** Tries of one getOrderItems read that Amazon throttles. */
const ITEMS_THROTTLE_TRIES = 3;

/** Pages of one order's items followed at most (an order has few). */
const MAX_ITEM_PAGES = 20;

export class AmazonOrderReader {
  constructor(private readonly client: AmazonClient) {}

  /**
   * One page of orders updated in the window. Amazon's filter is inclusive and takes ISO 8601
   * with milliseconds, so consecutive windows never leave a gap; repeats are harmless because
   * orders apply only forward. LastUpdatedBefore must lie at least 2 minutes in the past
   * (ordersV0 model): a window ending later is asked without it and cut here instead, so the
   * last minutes are not skipped.
   */
  async listUpdated(query: OrderQuery): Promise<Page<PlatformOrder>> {
    const latestBeforeMs = this.client.options.nowMs() - AMAZON_LAST_UPDATED_BEFORE_LAG_MS;
    const sendBefore = query.updatedToMs <= latestBeforeMs;
    const { body } = await this.client.call({
      operation: 'getOrders',
      method: 'GET',
      path: AMAZON_PATHS.orders,
      query: {
        MarketplaceIds: this.client.options.marketplaceId,
        LastUpdatedAfter: new Date(query.updatedFromMs).toISOString(),
        ...(sendBefore ? { LastUpdatedBefore: new Date(query.updatedToMs).toISOString() } : {}),
        MaxResultsPerPage: String(AMAZON_ORDERS_PAGE_SIZE),
        ...(query.pageToken ? { NextToken: query.pageToken } : {}),
      },
      schema: wrapped(RawOrdersPayload),
    });
    const inWindow = body.payload.Orders.filter((o) => o.LastUpdateDate <= query.updatedToMs);
    return {
      items: await this.withItems(inWindow),
      nextPageToken: body.payload.NextToken || null,
    };
  }

  /** Orders by id; ids Amazon does not know are left out. */
  async getByIds(orderIds: string[]): Promise<PlatformOrder[]> {
    const ids = [...new Set(orderIds)];
    const raw: RawOrder[] = [];
    if (ids.length <= AMAZON_SINGLE_READ_MAX_IDS) {
      for (const id of ids) {
        const order = await this.getOne(id);
        if (order) raw.push(order);
      }
    } else {
      for (let start = 0; start < ids.length; start += AMAZON_ORDER_IDS_PER_CALL) {
        raw.push(...(await this.getBatch(ids.slice(start, start + AMAZON_ORDER_IDS_PER_CALL))));
      }
    }
    return this.withItems(raw);
  }

  private async getOne(orderId: string): Promise<RawOrder | null> {
    try {
      const { body } = await this.client.call({
        operation: 'getOrder',
        method: 'GET',
        path: AMAZON_PATHS.order(orderId),
        schema: wrapped(RawOrderSchema),
      });
      return body.payload;
    } catch (error) {
      if (isConnectorError(error) && error.httpStatus === 404) return null;
      throw error;
    }
  }

  /** getOrders with AmazonOrderIds (at most 50) follows NextToken like a window does. */
  private async getBatch(ids: string[]): Promise<RawOrder[]> {
    const orders: RawOrder[] = [];
    let nextToken: string | undefined;
    do {
      const { body } = await this.client.call({
        operation: 'getOrders',
        method: 'GET',
        path: AMAZON_PATHS.orders,
        query: {
          MarketplaceIds: this.client.options.marketplaceId,
          // One of CreatedAfter and LastUpdatedAfter is required (ordersV0 model); the API shows
          // no order older than two years, so this narrows nothing.
          CreatedAfter: new Date(
            this.client.options.nowMs() - AMAZON_ORDER_MAX_AGE_MS,
          ).toISOString(),
          AmazonOrderIds: ids.join(','),
          MaxResultsPerPage: String(AMAZON_ORDERS_PAGE_SIZE),
          ...(nextToken ? { NextToken: nextToken } : {}),
        },
        schema: wrapped(RawOrdersPayload),
      });
      orders.push(...body.payload.Orders);
      nextToken = body.payload.NextToken || undefined;
    } while (nextToken);
    return orders;
  }

  /** Each order with its items, a few reads at a time, in the orders' order. */
  private async withItems(orders: RawOrder[]): Promise<PlatformOrder[]> {
    const results = new Array<PlatformOrder>(orders.length);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < orders.length) {
        const index = next++;
        const order = orders[index]!;
        results[index] = toPlatformOrder(order, await this.itemsOf(order.AmazonOrderId));
      }
    };
    const lanes = Math.min(AMAZON_ORDER_ITEMS_CONCURRENCY, orders.length);
    await Promise.all(Array.from({ length: lanes }, lane));
    return results;
  }

  private async itemsOf(orderId: string): Promise<RawOrderItem[]> {
    const items: RawOrderItem[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_ITEM_PAGES; page++) {
      const payload = await this.itemsPage(orderId, nextToken);
      items.push(...payload.OrderItems);
      nextToken = payload.NextToken || undefined;
      if (!nextToken) break;
    }
    return items;
  }

  private async itemsPage(orderId: string, nextToken: string | undefined) {
    for (let attempt = 1; ; attempt++) {
      try {
        const { body } = await this.client.call({
          operation: 'getOrderItems',
          method: 'GET',
          path: AMAZON_PATHS.orderItems(orderId),
          query: nextToken ? { NextToken: nextToken } : {},
          schema: wrapped(RawOrderItemsPayload),
        });
        return body.payload;
      } catch (error) {
        if (
          !isConnectorError(error) ||
          error.code !== 'RATE_LIMITED' ||
          attempt >= ITEMS_THROTTLE_TRIES
        )
          throw error;
        await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs ?? 1000));
      }
    }
  }
}
