/**
 * The TikTok Shop ChannelConnector: the contract's calls as TikTok Shop API 202309 requests
 * (tiktok-shop.md §1.7), through the signing client.
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
import { isConnectorError } from '../errors.ts';
import { STOCK_WRITE_TIMEOUT_MS } from '../http/send-request.ts';
import { runStockCalls } from '../stock-calls.ts';
import { TikTokShopClient } from './client.ts';
import { withReturns } from './returns.ts';
import type { ProductPush } from './mapping.ts';
import {
  cancelReasonFor,
  groupByProduct,
  toCommittedIndex,
  toInventoryUpdateBody,
  toPlatformListings,
  toPlatformOrder,
  toPushResults,
  toRejectedResults,
} from './mapping.ts';
import {
  resolveTikTokOptions,
  TIKTOK_MAX_PUSH_BATCH,
  TIKTOK_ORDER_DETAIL_MAX_IDS,
  TIKTOK_PAGE_SIZE,
  TIKTOK_PATHS,
  TIKTOK_PUSH_CONCURRENCY,
} from './options.ts';
import {
  RawCancellationData,
  RawInventorySearchData,
  RawInventoryUpdateData,
  RawOrderDetailData,
  RawOrdersSearchData,
  RawProductsSearchData,
} from './raw-types.ts';

/** A connector for one TikTok shop; build it with `tiktokShop.createConnector`. */
export class TikTokShopConnector implements ChannelConnector {
  readonly platform = 'tiktok-shop' as const;
  readonly maxPushBatch = TIKTOK_MAX_PUSH_BATCH;
  private readonly client: TikTokShopClient;

  constructor(options: ConnectorOptions) {
    this.client = new TikTokShopClient(resolveTikTokOptions(options));
  }

  /**
   * One inventory update per product, a few products at a time. A product the platform refuses
   * (REJECTED: unknown product, not the seller's) fails only its own listings, and so does a
   * product whose call fails at random while the others go through (../stock-calls.ts); an outage
   * or credential error throws, and since figures are absolute a repeat of the call is harmless.
   */
  async setStock(items: StockPushItem[], options?: SetStockOptions): Promise<StockPushResult[]> {
    const results = new Array<StockPushResult>(items.length);
    const pushes = groupByProduct(items);
    const perProduct = await runStockCalls(pushes, {
      concurrency: TIKTOK_PUSH_CONCURRENCY,
      onCallAnswered: options?.onCallAnswered,
      listingsOf: (push) => push.entries.map((entry) => entry.item.listing),
      send: async (push) => (await this.pushProduct(push)).map((r) => r.result),
    });
    pushes.forEach((push, p) =>
      push.entries.forEach((entry, i) => {
        const result = perProduct[p]?.[i];
        if (result) results[entry.index] = result;
      }),
    );
    return results;
  }

  /** Products search, 100 per page, with committed units from inventory search for the page. */
  async listCatalog(pageToken: string | null): Promise<Page<PlatformListing>> {
    const page = await this.client.call({
      method: 'POST',
      path: TIKTOK_PATHS.productsSearch,
      query: pageQuery(pageToken),
      // 'ALL' rather than an empty body: never an empty `{}` (§1.3 edge case b).
      body: { status: 'ALL' },
      schema: RawProductsSearchData,
    });
    const products = page.products.filter((product) => product.status !== 'DELETED');
    const committed = toCommittedIndex(
      products.length === 0
        ? { inventory: [] }
        : await this.client.call({
            method: 'POST',
            path: TIKTOK_PATHS.inventorySearch,
            body: { product_ids: products.map((product) => product.id) },
            schema: RawInventorySearchData,
          }),
    );
    return {
      items: products.flatMap((product) => toPlatformListings(product, committed)),
      nextPageToken: page.next_page_token || null,
    };
  }

  /**
   * Order search by update_time, oldest first, shipped orders completed with their returns. The wire has whole seconds, so the window is
   * widened to them (from rounded down, to rounded up): consecutive windows overlap by at most a
   * second and never leave a gap; repeats are harmless because orders apply only forward.
   */
  async listOrders(query: OrderQuery): Promise<Page<PlatformOrder>> {
    const page = await this.client.call({
      method: 'POST',
      path: TIKTOK_PATHS.ordersSearch,
      query: {
        ...pageQuery(query.pageToken ?? null),
        sort_field: 'update_time',
        sort_order: 'ASC',
      },
      body: {
        update_time_ge: Math.floor(query.updatedFromMs / 1000),
        update_time_lt: Math.ceil(query.updatedToMs / 1000),
      },
      schema: RawOrdersSearchData,
    });
    const items = await withReturns(this.client, page.orders.map(toPlatformOrder));
    return { items, nextPageToken: page.next_page_token || null };
  }

  /**
   * Order detail, 50 ids per call (§1.7); unknown ids are simply absent from the answer. Shipped
   * orders are looked up in Search Returns (returns.ts).
   */
  async getOrders(orderIds: string[]): Promise<PlatformOrder[]> {
    const ids = [...new Set(orderIds)];
    const orders: PlatformOrder[] = [];
    for (let start = 0; start < ids.length; start += TIKTOK_ORDER_DETAIL_MAX_IDS) {
      const batch = ids.slice(start, start + TIKTOK_ORDER_DETAIL_MAX_IDS);
      const data = await this.client.call({
        method: 'GET',
        path: TIKTOK_PATHS.orderDetail,
        query: { ids: batch.join(',') },
        schema: RawOrderDetailData,
      });
      orders.push(...data.orders.map(toPlatformOrder));
    }
    return withReturns(this.client, orders);
  }

  /** Seller cancellation with the out-of-stock reason for the state; line-level when lines are given. */
  async cancelOrder(input: CancelOrderInput): Promise<CancelOrderResult> {
    const lineIds = (input.lines ?? []).map((line) => line.lineId);
    const data = await this.client.call({
      method: 'POST',
      path: TIKTOK_PATHS.cancellations,
      body: {
        order_id: input.orderId,
        cancel_reason: cancelReasonFor(input.state),
        ...(lineIds.length > 0 ? { order_line_item_ids: lineIds } : {}),
      },
      schema: RawCancellationData,
    });
    return { reference: data.cancel_id };
  }

  refreshTokens(): Promise<RefreshedTokens> {
    return this.client.refreshTokens();
  }

  private async pushProduct(push: ProductPush): Promise<ReturnType<typeof toPushResults>> {
    try {
      const data = await this.client.call({
        method: 'POST',
        path: TIKTOK_PATHS.inventoryUpdate(push.productId),
        api: TIKTOK_PATHS.inventoryUpdateTemplate,
        body: toInventoryUpdateBody(push),
        schema: RawInventoryUpdateData,
        timeoutCapMs: STOCK_WRITE_TIMEOUT_MS,
      });
      return toPushResults(push, data.errors);
    } catch (error) {
      if (isConnectorError(error) && error.code === 'REJECTED')
        return toRejectedResults(push, error);
      throw error;
    }
  }
}

function pageQuery(pageToken: string | null): Record<string, string> {
  const query: Record<string, string> = { page_size: String(TIKTOK_PAGE_SIZE) };
  if (pageToken) query.page_token = pageToken;
  return query;
}
