/**
 * The Amazon SP-API ChannelConnector: the contract's calls as Listings Items 2021-08-01 and
 * Orders v0 requests (amazon.md §4.3, §4.4) through the client, and the seller's SQS queue as the
 * event source (§4.5).
 */
import { z } from 'zod';
import type {
  CancelOrderInput,
  CancelOrderResult,
  ChannelConnector,
  ConnectorOptions,
  EventQueueSource,
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
import { AmazonClient } from './client.ts';
import { amazonEventQueueOf } from './event-queue.ts';
import {
  toFulfillmentPatch,
  toMfnQuantity,
  toPlatformListing,
  toPushResult,
  toRefusedResult,
} from './mapping.ts';
import { AmazonOrderReader } from './order-reader.ts';
import {
  AMAZON_CATALOG_PAGE_SIZE,
  AMAZON_MAX_PUSH_BATCH,
  AMAZON_PATHS,
  AMAZON_PUSH_CONCURRENCY,
  resolveAmazonOptions,
} from './options.ts';
import { ProductTypes } from './product-types.ts';
import { RawListingsSearch, RawSubmission } from './raw-types.ts';

/** Amazon's cancel reason for a seller out of stock (§4.4). */
export const AMAZON_OUT_OF_STOCK_REASON = 'NO_INVENTORY';

/** A connector for one Amazon seller in one marketplace; build it with `amazon.createConnector`. */
export class AmazonConnector implements ChannelConnector {
  readonly platform = 'amazon' as const;
  readonly maxPushBatch = AMAZON_MAX_PUSH_BATCH;
  readonly eventQueue?: EventQueueSource;
  private readonly client: AmazonClient;
  private readonly productTypes: ProductTypes;
  private readonly orders: AmazonOrderReader;

  constructor(options: ConnectorOptions) {
    const resolved = resolveAmazonOptions(options);
    this.client = new AmazonClient(resolved);
    this.productTypes = new ProductTypes(this.client);
    this.orders = new AmazonOrderReader(this.client);
    this.eventQueue = amazonEventQueueOf(resolved.auth, resolved.timeoutMs);
  }

  /**
   * One patchListingsItem per listing, a few at a time, setting the DEFAULT (merchant-fulfilled)
   * quantity (§4.3). A listing Amazon does not know, one naming an FBA channel, or a patch Amazon
   * finds invalid fails alone, not retryable; a call failing at random while others go through
   * fails only its listing (../stock-calls.ts); an outage or refused credentials throw. Figures
   * are absolute, so repeating a call is harmless.
   */
  async setStock(items: StockPushItem[], options?: SetStockOptions): Promise<StockPushResult[]> {
    const perListing = await runStockCalls(items, {
      concurrency: AMAZON_PUSH_CONCURRENCY,
      onCallAnswered: options?.onCallAnswered,
      listingsOf: (item) => [item.listing],
      send: async (item) => [await this.pushListing(item)],
    });
    // One result per call, each call one listing (runStockCalls keeps the order).
    return perListing.flat();
  }

  /**
   * searchListingsItems, 20 per page (its largest), by SKU, with summaries and fulfillment availability:
   * DEFAULT stock as the seller's, FBA channels as platform-run (§4.3). The product types seen
   * are kept for later pushes.
   */
  async listCatalog(pageToken: string | null): Promise<Page<PlatformListing>> {
    const { auth, marketplaceId } = this.client.options;
    const { body } = await this.client.call({
      operation: 'searchListingsItems',
      method: 'GET',
      path: AMAZON_PATHS.listingsSearch(auth.platformShopId),
      query: {
        marketplaceIds: marketplaceId,
        includedData: 'summaries,fulfillmentAvailability',
        pageSize: String(AMAZON_CATALOG_PAGE_SIZE),
        // The default order (lastUpdatedDate DESC) moves listings while pages are read.
        sortBy: 'sku',
        sortOrder: 'ASC',
        ...(pageToken ? { pageToken } : {}),
      },
      schema: RawListingsSearch,
    });
    for (const item of body.items) this.productTypes.remember(item);
    return {
      items: body.items.map((item) => toPlatformListing(item, marketplaceId)),
      nextPageToken: body.pagination?.nextToken || null,
    };
  }

  /** getOrders by LastUpdatedAfter/Before with NextToken paging, each order with its items (§4.4). */
  listOrders(query: OrderQuery): Promise<Page<PlatformOrder>> {
    return this.orders.listUpdated(query);
  }

  /** Orders by id, 50 per getOrders call (a few ids one getOrder each); unknown ids are absent. */
  getOrders(orderIds: string[]): Promise<PlatformOrder[]> {
    return this.orders.getByIds(orderIds);
  }

  /**
   * Cancels the whole order as the seller with NO_INVENTORY (§4.4 cancelOrder, whose path and
   * version are unconfirmed: README §8.6). Amazon cancels orders, not lines. The reference is
   * Amazon's request id.
   */
  async cancelOrder(input: CancelOrderInput): Promise<CancelOrderResult> {
    const { marketplaceId } = this.client.options;
    const answer = await this.client.call({
      operation: 'cancelOrder',
      method: 'PUT',
      path: AMAZON_PATHS.cancelOrder(input.orderId),
      body: { marketplaceId, cancelReasonCode: AMAZON_OUT_OF_STOCK_REASON },
      schema: z.unknown(),
    });
    return { reference: answer.requestId ?? `cancel:${input.orderId}` };
  }

  refreshTokens(): Promise<RefreshedTokens> {
    return this.client.refreshTokens();
  }

  private async pushListing(item: StockPushItem): Promise<StockPushResult> {
    const target = toMfnQuantity(item);
    if (!target.ok) return toRefusedResult(item, target);
    try {
      const productType = await this.productTypes.of(target.sku);
      const { body } = await this.client.call({
        operation: 'patchListingsItem',
        method: 'PATCH',
        path: AMAZON_PATHS.listingsItem(this.client.auth.platformShopId, target.sku),
        query: { marketplaceIds: this.client.options.marketplaceId },
        body: toFulfillmentPatch(productType, target.quantity),
        schema: RawSubmission,
        timeoutCapMs: STOCK_WRITE_TIMEOUT_MS,
      });
      return toPushResult(item, body);
    } catch (error) {
      if (isConnectorError(error) && error.code === 'REJECTED') return toRefusedResult(item, error);
      throw error;
    }
  }
}
