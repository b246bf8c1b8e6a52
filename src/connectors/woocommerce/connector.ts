/**
 * The WooCommerce ChannelConnector: the contract's calls as WooCommerce REST v3 requests
 * (woocommerce.md §6.2) through the authenticating client.
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
import { readCatalogPage } from './catalog.ts';
import { WooCommerceClient } from './client.ts';
import type { BatchPush } from './mapping.ts';
import { groupIntoBatches, toBatchBody, toPushResults, toRejectedResults } from './mapping.ts';
import {
  resolveWooOptions,
  WOO_BATCH_MAX,
  WOO_MAX_PUSH_BATCH,
  WOO_OUT_OF_STOCK_NOTE,
  WOO_PATHS,
  WOO_PUSH_CONCURRENCY,
} from './options.ts';
import { readOrderPage, readOrders } from './orders.ts';
import { RawBatchAnswer, RawOrder, RawOrderNote } from './raw-types.ts';

/** A connector for one WooCommerce store; build it with `woocommerce.createConnector`. */
export class WooCommerceConnector implements ChannelConnector {
  readonly platform = 'woocommerce' as const;
  readonly maxPushBatch = WOO_MAX_PUSH_BATCH;
  private readonly client: WooCommerceClient;

  constructor(options: ConnectorOptions) {
    this.client = new WooCommerceClient(resolveWooOptions(options));
  }

  /**
   * Batch updates (§6.2): simple products through products/batch, variations through their
   * parent's variations/batch, at most 100 objects a call. An object the store refuses fails
   * alone inside the 200 answer; a batch refused whole (unknown parent product) fails only its
   * own listings; a call failing at random while others went through fails its listings as
   * retryable (../stock-calls.ts). Figures are absolute, so repeating a call is harmless.
   */
  async setStock(items: StockPushItem[]): Promise<StockPushResult[]> {
    const results = new Array<StockPushResult>(items.length);
    const batches = groupIntoBatches(items, WOO_BATCH_MAX);
    const perBatch = await runStockCalls(batches, {
      concurrency: WOO_PUSH_CONCURRENCY,
      listingsOf: (batch) => batch.entries.map((entry) => entry.item.listing),
      send: (batch) => this.pushBatch(batch),
    });
    batches.forEach((batch, b) =>
      batch.entries.forEach((entry, i) => {
        const result = perBatch[b]?.[i];
        if (result) results[entry.index] = result;
      }),
    );
    return results;
  }

  listCatalog(pageToken: string | null): Promise<Page<PlatformListing>> {
    return readCatalogPage(this.client, pageToken);
  }

  listOrders(query: OrderQuery): Promise<Page<PlatformOrder>> {
    return readOrderPage(this.client, query);
  }

  getOrders(orderIds: string[]): Promise<PlatformOrder[]> {
    return readOrders(this.client, orderIds);
  }

  /**
   * The seller cancels: `PUT orders/{id}` with status cancelled (WooCommerce gives reduced stock
   * back and drops its hold, §6.3), then an order note to the buyer with the out-of-stock reason:
   * WooCommerce has no reason codes. WooCommerce cannot cancel single lines, so the whole order
   * goes. A note that fails after the cancellation does not fail the cancellation.
   */
  async cancelOrder(input: CancelOrderInput): Promise<CancelOrderResult> {
    const { data: order } = await this.client.call({
      method: 'PUT',
      path: WOO_PATHS.order(input.orderId),
      body: { status: 'cancelled' },
      schema: RawOrder,
    });
    if (order.status !== 'cancelled') {
      throw new ConnectorError('REJECTED', `order ${input.orderId} stayed ${order.status}`, {
        platformCode: order.status,
      });
    }
    const note = await this.client
      .call({
        method: 'POST',
        path: WOO_PATHS.orderNotes(input.orderId),
        body: { note: WOO_OUT_OF_STOCK_NOTE, customer_note: true },
        schema: RawOrderNote,
      })
      .catch(() => null);
    const marker = note ? `note:${note.data.id}` : `modified:${order.date_modified_gmt}`;
    return { reference: `order:${order.id}:cancelled:${marker}` };
  }

  /**
   * REST API keys do not expire and there is nothing to refresh (§6.1): a caller asking is a
   * wiring mistake, so this is a non-retryable REJECTED. Keys that stop working (revoked, user
   * deleted) fail calls with AUTH_FAILED, and the seller issues new ones.
   */
  async refreshTokens(): Promise<RefreshedTokens> {
    throw new ConnectorError(
      'REJECTED',
      'WooCommerce REST API keys do not expire: there are no tokens to refresh',
    );
  }

  private async pushBatch(batch: BatchPush): Promise<StockPushResult[]> {
    const path =
      batch.parent === null ? WOO_PATHS.productsBatch : WOO_PATHS.variationsBatch(batch.parent);
    try {
      const { data } = await this.client.call({
        method: 'POST',
        path,
        body: toBatchBody(batch),
        schema: RawBatchAnswer,
        timeoutCapMs: STOCK_WRITE_TIMEOUT_MS,
      });
      return toPushResults(batch, data);
    } catch (error) {
      if (isConnectorError(error) && error.code === 'REJECTED')
        return toRejectedResults(batch, error);
      throw error;
    }
  }
}
