/**
 * The Shopee Open Platform v2 connector for one shop: the ChannelConnector contract over the
 * shop APIs of shopee.md §2.7. Signing, envelopes, rate limiting and tokens live in the
 * transport; each operation lives in its own file (stock, catalog, orders, cancel).
 */
import type {
  CancelOrderInput,
  CancelOrderResult,
  ChannelConnector,
  ConnectorOptions,
  LostPushSource,
  OrderQuery,
  Page,
  PlatformListing,
  PlatformOrder,
  RefreshedTokens,
  SetStockOptions,
  StockPushItem,
  StockPushResult,
} from '../contract.ts';
import { cancelShopeeOrder } from './cancel.ts';
import { listShopeeCatalog } from './catalog.ts';
import { ShopeeLostPushes } from './lost-pushes.ts';
import { STOCK_LIST_MAX } from './options.ts';
import { getShopeeOrders, listShopeeOrders } from './orders.ts';
import { pushShopeeStock } from './stock.ts';
import { ShopeeTransport } from './transport.ts';

/**
 * One shop's connector. Errors: ConnectorError from every method when a whole call fails;
 * per-listing failures of setStock come back as values.
 */
export class ShopeeConnector implements ChannelConnector {
  readonly platform = 'shopee' as const;
  /** One update_stock call carries at most 50 models of one item (§2.7). */
  readonly maxPushBatch = STOCK_LIST_MAX;
  /** The partner's lost pushes (public calls; shared by every shop of the partner). */
  readonly lostPushes: LostPushSource;
  private readonly transport: ShopeeTransport;

  constructor(options: ConnectorOptions) {
    this.transport = new ShopeeTransport(options);
    this.lostPushes = new ShopeeLostPushes(this.transport);
  }

  /** Absolute seller stock per listing; a failure_list entry fails that model only. */
  setStock(items: StockPushItem[], options?: SetStockOptions): Promise<StockPushResult[]> {
    return pushShopeeStock(this.transport, items, options);
  }

  /** NORMAL items, one listing per model (model_id '0' for an item without models). */
  listCatalog(pageToken: string | null): Promise<Page<PlatformListing>> {
    return listShopeeCatalog(this.transport, pageToken);
  }

  /** Orders by update_time, in 15-day slices, with full detail. */
  listOrders(query: OrderQuery): Promise<Page<PlatformOrder>> {
    return listShopeeOrders(this.transport, query);
  }

  /** Order detail, 50 order_sn per call; unknown orders are left out. */
  getOrders(orderIds: string[]): Promise<PlatformOrder[]> {
    return getShopeeOrders(this.transport, orderIds);
  }

  /** Seller cancellation with reason OUT_OF_STOCK (before shipping only). */
  cancelOrder(input: CancelOrderInput): Promise<CancelOrderResult> {
    return cancelShopeeOrder(this.transport, input);
  }

  /** Spends the single-use refresh token; the new tokens also go to `onTokensRefreshed`. */
  refreshTokens(): Promise<RefreshedTokens> {
    return this.transport.refreshTokens();
  }
}
