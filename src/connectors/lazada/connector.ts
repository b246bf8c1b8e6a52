/**
 * The Lazada ChannelConnector: the contract's calls as Lazada Open Platform requests
 * (lazada.md §3.7), through the signing client.
 */
import type {
  CancelOrderInput,
  CancelOrderResult,
  ChannelConnector,
  ConnectorOptions,
  OrderQuery,
  Page,
  PlatformListing,
  PlatformOrder,
  RefreshedTokens,
  StockPushItem,
  StockPushResult,
} from '../contract.ts';
import { ConnectorError, isConnectorError } from '../errors.ts';
import { STOCK_WRITE_TIMEOUT_MS } from '../http/send-request.ts';
import { runStockCalls } from '../stock-calls.ts';
import { LazadaClient } from './client.ts';
import { toPlatformListings, toPlatformOrder } from './mapping.ts';
import type { ResolvedLazadaOptions } from './options.ts';
import {
  EXTRA_MULTI_WAREHOUSE,
  LAZADA_MAX_PUSH_BATCH,
  LAZADA_PATHS,
  LAZADA_PUSH_CONCURRENCY,
  ORDER_ITEMS_MAX_IDS,
  ORDERS_PAGE_SIZE,
  PRODUCTS_MAX_OFFSET,
  PRODUCTS_PAGE_SIZE,
  resolveLazadaOptions,
} from './options.ts';
import type { RawOrderHeader, RawOrderItem } from './raw-types.ts';
import {
  RawCancelCreateData,
  RawCancelValidateData,
  RawMultipleOrderItemsData,
  RawOrdersData,
  RawProductsData,
  RawStockUpdateData,
} from './raw-types.ts';
import type { StockCall } from './stock-payload.ts';
import {
  planStockCalls,
  toRejectedResults,
  toSellablePayload,
  toStockResults,
} from './stock-payload.ts';

/** A connector for one Lazada seller; build it with `lazada.createConnector`. */
export class LazadaConnector implements ChannelConnector {
  readonly platform = 'lazada' as const;
  readonly maxPushBatch = LAZADA_MAX_PUSH_BATCH;
  private readonly client: LazadaClient;
  private readonly multiWarehouse: boolean;

  constructor(options: ConnectorOptions) {
    const resolved: ResolvedLazadaOptions = resolveLazadaOptions(options);
    this.client = new LazadaClient(resolved);
    this.multiWarehouse = resolved.auth.extra?.[EXTRA_MULTI_WAREHOUSE] === 'true';
  }

  /**
   * Absolute sellable figures, 20 SKUs per UpdateSellableQuantity call, a few calls at a time.
   * SKUs Lazada refuses inside the answer (unknown SKU, a Choice listing's decrease, …) fail
   * alone; a call failing at random while others go through fails only its own listings
   * (../stock-calls.ts); an outage or credential error throws.
   */
  async setStock(items: StockPushItem[]): Promise<StockPushResult[]> {
    const results = new Array<StockPushResult>(items.length);
    const plan = planStockCalls(items, this.multiWarehouse);
    for (const { index, result } of plan.refused) results[index] = result;
    const perCall = await runStockCalls(plan.calls, {
      concurrency: LAZADA_PUSH_CONCURRENCY,
      listingsOf: (call) => call.skus.map((sku) => sku.item.listing),
      send: (call) => this.pushCall(call),
    });
    plan.calls.forEach((call, c) =>
      call.skus.forEach((sku, s) => {
        const result = perCall[c]?.[s];
        if (result) for (const index of sku.indexes) results[index] = result;
      }),
    );
    return results;
  }

  /**
   * products/get, 50 products per page (its largest `limit`), stock buckets included
   * (`options=1`). The page token is the next offset. Lazada caps `offset` at 10,000 (§3.10): a
   * catalogue past that ends there, flagged by a REJECTED error rather than silently cut.
   */
  async listCatalog(pageToken: string | null): Promise<Page<PlatformListing>> {
    const offset = pageToken === null ? 0 : Number(pageToken);
    if (!Number.isInteger(offset) || offset < 0)
      throw new ConnectorError('REJECTED', `Lazada catalogue: bad page token ${pageToken}`);
    if (offset > PRODUCTS_MAX_OFFSET)
      throw new ConnectorError(
        'REJECTED',
        'Lazada catalogue: more than 10,000 products (offset cap)',
      );
    const { data } = await this.client.call({
      method: 'GET',
      path: LAZADA_PATHS.productsGet,
      params: {
        filter: 'all',
        offset: String(offset),
        limit: String(PRODUCTS_PAGE_SIZE),
        options: '1',
      },
      schema: RawProductsData,
    });
    const products = data.products.filter((product) => product.status?.toLowerCase() !== 'deleted');
    const next = offset + data.products.length;
    const more =
      data.products.length === PRODUCTS_PAGE_SIZE && (data.total_products ?? Infinity) > next;
    return {
      items: products.flatMap(toPlatformListings),
      nextPageToken: more ? String(next) : null,
    };
  }

  /**
   * orders/get by update time, oldest first, 100 per page with offset paging (§3.7, §3.10), then
   * the page's items through GetMultipleOrderItems. Lazada's times are whole seconds: the window
   * is widened to them (from rounded down, to rounded up), so consecutive windows overlap by at
   * most a second and never leave a gap; repeats are harmless because orders apply only forward.
   */
  async listOrders(query: OrderQuery): Promise<Page<PlatformOrder>> {
    const offset = query.pageToken ? Number(query.pageToken) : 0;
    const { data } = await this.client.call({
      method: 'GET',
      path: LAZADA_PATHS.ordersGet,
      params: {
        update_after: isoSeconds(Math.floor(query.updatedFromMs / 1000)),
        update_before: isoSeconds(Math.ceil(query.updatedToMs / 1000)),
        sort_by: 'updated_at',
        sort_direction: 'ASC',
        offset: String(offset),
        limit: String(ORDERS_PAGE_SIZE),
      },
      schema: RawOrdersData,
    });
    const headers = new Map(data.orders.map((order) => [order.order_id, order]));
    const items = await this.readItems([...headers.keys()]);
    const orders = [...headers.values()].flatMap((header) =>
      toOrder(header.order_id, items, header),
    );
    const next = offset + data.orders.length;
    const more = data.orders.length > 0 && next < data.countTotal;
    return { items: orders, nextPageToken: more ? String(next) : null };
  }

  /** Orders by id, built from their items, 50 orders per GetMultipleOrderItems call. */
  async getOrders(orderIds: string[]): Promise<PlatformOrder[]> {
    const ids = [...new Set(orderIds)];
    const items = await this.readItems(ids);
    return ids.flatMap((id) => toOrder(id, items));
  }

  /**
   * Seller cancellation (§3.7): OrderCancelValidate for the reasons this order allows, then
   * InitReverseOrderCancel with the out-of-stock one, for the given lines or every open item.
   * Lazada lets the seller cancel only from pending to ready-to-ship; an unpaid order is refused
   * (it is released by Lazada itself after 30 minutes, §3.8). Note: the out-of-stock reason makes
   * Lazada set the SKU's sellable stock to 0 ("stock will be set as 0"), so the SKU needs a push
   * afterwards to show stock again.
   * @throws ConnectorError REJECTED when the order cannot be cancelled or offers no such reason.
   */
  async cancelOrder(input: CancelOrderInput): Promise<CancelOrderResult> {
    const itemIds = await this.itemsToCancel(input);
    const listParam = JSON.stringify(itemIds.map(Number));
    const common = { order_id: input.orderId, order_item_id_list: listParam };
    const { data: validation } = await this.client.call({
      method: 'GET',
      path: LAZADA_PATHS.cancelValidate,
      params: common,
      schema: RawCancelValidateData,
    });
    const reason = validation.reason_options.find((option) =>
      /out of stock/i.test(option.reason_name),
    );
    if (!reason)
      throw new ConnectorError(
        'REJECTED',
        `Lazada offers no out-of-stock reason for order ${input.orderId}`,
      );
    const { data, envelope } = await this.client.call({
      method: 'GET',
      path: LAZADA_PATHS.cancelCreate,
      params: { ...common, reason_id: reason.reason_id },
      schema: RawCancelCreateData,
    });
    return {
      reference:
        data.reverse_order_id ?? envelope.request_id ?? `${input.orderId}:${itemIds.join(',')}`,
    };
  }

  refreshTokens(): Promise<RefreshedTokens> {
    return this.client.refreshTokens();
  }

  private async pushCall(call: StockCall): Promise<StockPushResult[]> {
    try {
      const { envelope } = await this.client.call({
        method: 'POST',
        path: LAZADA_PATHS.sellableUpdate,
        params: { payload: toSellablePayload(call, this.multiWarehouse) },
        schema: RawStockUpdateData,
        timeoutCapMs: STOCK_WRITE_TIMEOUT_MS,
        detailErrors: true,
      });
      return toStockResults(call, envelope);
    } catch (error) {
      if (isConnectorError(error) && error.code === 'REJECTED')
        return toRejectedResults(call, error);
      throw error;
    }
  }

  /** Items of the given orders, 50 orders per call; orders Lazada does not know are absent. */
  private async readItems(orderIds: string[]): Promise<Map<string, RawOrderItem[]>> {
    const byOrder = new Map<string, RawOrderItem[]>();
    for (let start = 0; start < orderIds.length; start += ORDER_ITEMS_MAX_IDS) {
      const batch = orderIds.slice(start, start + ORDER_ITEMS_MAX_IDS);
      const { data } = await this.client.call({
        method: 'GET',
        path: LAZADA_PATHS.multipleOrderItems,
        params: { order_ids: JSON.stringify(batch.map(Number)) },
        schema: RawMultipleOrderItemsData,
      });
      for (const order of data) byOrder.set(order.order_id, order.order_items);
    }
    return byOrder;
  }

  /** The order item ids to cancel: the given lines, or every item not cancelled yet. */
  private async itemsToCancel(input: CancelOrderInput): Promise<string[]> {
    if (input.lines && input.lines.length > 0) return input.lines.map((line) => line.lineId);
    const [order] = await this.getOrders([input.orderId]);
    if (!order) throw new ConnectorError('REJECTED', `Lazada order ${input.orderId} not found`);
    return order.lines.map((line) => line.lineId);
  }
}

function toOrder(
  orderId: string,
  items: Map<string, RawOrderItem[]>,
  header?: RawOrderHeader,
): PlatformOrder[] {
  const own = items.get(orderId);
  return own && own.length > 0 ? [toPlatformOrder(orderId, own, header)] : [];
}

/** ISO 8601 in UTC without milliseconds, as orders/get takes its time filters (§3.7). */
function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', '+00:00');
}
