/**
 * The Shopify ChannelConnector: the contract's calls as Admin GraphQL requests (shopify.md §5),
 * through the paced client. Listings are variants (itemId = product number, variantId = variant
 * number), warehouses are location numbers, orders are order numbers.
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
import { ConnectorError } from '../errors.ts';
import { ShopifyClient } from './client.ts';
import { toGid } from './ids.ts';
import { toPlatformListing } from './mapping.ts';
import {
  resolveShopifyOptions,
  SHOPIFY_CATALOG_PAGE_SIZE,
  SHOPIFY_MAX_PUSH_BATCH,
} from './options.ts';
import { listOrdersPage, readOrdersById } from './orders.ts';
import { CATALOG_QUERY, catalogCost, MUTATION_COST, ORDER_CANCEL_MUTATION } from './queries.ts';
import { RawCatalogData, RawOrderCancelData } from './raw-types.ts';
import { pushStockBatch } from './stock.ts';

/** A connector for one Shopify shop; build it with `shopify.createConnector`. */
export class ShopifyConnector implements ChannelConnector {
  readonly platform = 'shopify' as const;
  readonly maxPushBatch = SHOPIFY_MAX_PUSH_BATCH;
  private readonly client: ShopifyClient;

  constructor(options: ConnectorOptions) {
    this.client = new ShopifyClient(resolveShopifyOptions(options));
  }

  /**
   * Absolute `available` per location, compare-and-set against what was read (stock.ts). Refused
   * listings fail alone; a call that fails whole (throttled, outage) throws, and repeating it is
   * harmless (same figures, same idempotency key).
   */
  async setStock(items: StockPushItem[]): Promise<StockPushResult[]> {
    const results: StockPushResult[] = [];
    for (let start = 0; start < items.length; start += SHOPIFY_MAX_PUSH_BATCH)
      results.push(
        ...(await pushStockBatch(this.client, items.slice(start, start + SHOPIFY_MAX_PUSH_BATCH))),
      );
    return results;
  }

  /** Variants with shown stock per location, as many per page as the query cost limit allows. */
  async listCatalog(pageToken: string | null): Promise<Page<PlatformListing>> {
    const data = await this.client.call({
      query: CATALOG_QUERY,
      variables: { first: SHOPIFY_CATALOG_PAGE_SIZE, after: pageToken },
      cost: catalogCost(SHOPIFY_CATALOG_PAGE_SIZE),
      schema: RawCatalogData,
    });
    const { pageInfo, nodes } = data.productVariants;
    return {
      items: nodes.map(toPlatformListing),
      nextPageToken: pageInfo.hasNextPage ? pageInfo.endCursor : null,
    };
  }

  listOrders(query: OrderQuery): Promise<Page<PlatformOrder>> {
    return listOrdersPage(this.client, query);
  }

  getOrders(orderIds: string[]): Promise<PlatformOrder[]> {
    return readOrdersById(this.client, orderIds);
  }

  /**
   * `orderCancel` with reason INVENTORY and restock (§5.4), refunded to the original payment when
   * the buyer paid. Shopify cancels whole orders only: given lines are ignored. The answer is a
   * job: the cancellation completes shortly after (the job id is the reference).
   */
  async cancelOrder(input: CancelOrderInput): Promise<CancelOrderResult> {
    const paid = input.state !== 'placed';
    const data = await this.client.call({
      query: ORDER_CANCEL_MUTATION,
      variables: {
        orderId: toGid('Order', input.orderId),
        reason: 'INVENTORY',
        restock: true,
        refundMethod: paid ? { originalPaymentMethodsRefund: true } : null,
        staffNote: 'Cancelled by StockPool: out of stock',
      },
      cost: MUTATION_COST,
      schema: RawOrderCancelData,
    });
    const { job, orderCancelUserErrors } = data.orderCancel;
    const error = orderCancelUserErrors[0];
    if (error || !job)
      throw new ConnectorError('REJECTED', `Shopify orderCancel: ${error?.message ?? 'no job'}`, {
        platformCode: error?.code ?? null,
      });
    return { reference: job.id };
  }

  refreshTokens(): Promise<RefreshedTokens> {
    return this.client.refreshTokens();
  }
}
