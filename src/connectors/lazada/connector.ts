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
  SetStockOptions,
  StockPushItem,
  StockPushResult,
} from '../contract.ts';
import { ConnectorError, isConnectorError } from '../errors.ts';
import { STOCK_WRITE_TIMEOUT_MS } from '../http/send-request.ts';
import { runStockCalls } from '../stock-calls.ts';
import { LazadaClient } from './client.ts';
import { cancelAsSeller } from './cancel.ts';
import { toPlatformListings } from './mapping.ts';
import type { ResolvedLazadaOptions } from './options.ts';
import {
  EXTRA_MULTI_WAREHOUSE,
  LAZADA_MAX_PUSH_BATCH,
  LAZADA_PATHS,
  LAZADA_PUSH_CONCURRENCY,
  PRODUCTS_MAX_OFFSET,
  PRODUCTS_PAGE_SIZE,
  resolveLazadaOptions,
} from './options.ts';
import { readOrderPage, readOrdersById } from './orders.ts';
import { RawProductsData, RawStockUpdateData } from './raw-types.ts';
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
  async setStock(items: StockPushItem[], options?: SetStockOptions): Promise<StockPushResult[]> {
    const results = new Array<StockPushResult>(items.length);
    const plan = planStockCalls(items, this.multiWarehouse);
    for (const { index, result } of plan.refused) results[index] = result;
    const perCall = await runStockCalls(plan.calls, {
      concurrency: LAZADA_PUSH_CONCURRENCY,
      onCallAnswered: options?.onCallAnswered,
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

  /** Orders updated in the window, 100 per page, with their items (orders.ts). */
  listOrders(query: OrderQuery): Promise<Page<PlatformOrder>> {
    return readOrderPage(this.client, query);
  }

  /** Orders by id, 50 per GetMultipleOrderItems call (orders.ts). */
  getOrders(orderIds: string[]): Promise<PlatformOrder[]> {
    return readOrdersById(this.client, orderIds);
  }

  /** Seller cancellation with the out-of-stock reason, for the given lines or every open item. */
  async cancelOrder(input: CancelOrderInput): Promise<CancelOrderResult> {
    return cancelAsSeller(this.client, input, await this.itemsToCancel(input));
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

  /** The order item ids to cancel: the given lines, or every item not cancelled yet. */
  private async itemsToCancel(input: CancelOrderInput): Promise<string[]> {
    if (input.lines && input.lines.length > 0) return input.lines.map((line) => line.lineId);
    const [order] = await this.getOrders([input.orderId]);
    if (!order) throw new ConnectorError('REJECTED', `Lazada order ${input.orderId} not found`);
    return order.lines.map((line) => line.lineId);
  }
}
