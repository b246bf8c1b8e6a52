/**
 * Orders as Orders v0 shows them (amazon.md §4.4), and getOrders' filter: MarketplaceIds
 * required; exactly one of CreatedAfter and LastUpdatedAfter, narrowed by AmazonOrderIds (at most
 * 50) when given, with an optional matching Before bound (inclusive, at least 2 minutes in the past); MaxResultsPerPage
 * 1–100; a NextToken carrying the filter and the position, used instead of the other criteria.
 */
import type { OrderRecord, ShopRecord } from './state.ts';

const MAX_PAGE = 100;
const MAX_IDS = 50;
const BEFORE_LAG_MS = 120_000;

export interface OrdersFilter {
  ids: string[] | null;
  field: 'created' | 'updated';
  afterMs: number;
  beforeMs: number;
  pageSize: number;
  offset: number;
}

export function parseOrdersFilter(
  query: URLSearchParams,
  shop: ShopRecord,
  nowMs: number,
): OrdersFilter | { error: string } {
  const markets = (query.get('MarketplaceIds') ?? '').split(',').filter(Boolean);
  if (markets.length === 0) return { error: 'MarketplaceIds is required' };
  if (markets.some((id) => id !== shop.marketplaceId))
    return { error: `Invalid MarketplaceIds: ${markets.join(',')}` };
  const token = query.get('NextToken');
  if (token) return decodeToken(token) ?? { error: 'Invalid NextToken' };
  const pageSize = Number(query.get('MaxResultsPerPage') ?? MAX_PAGE);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE)
    return { error: `MaxResultsPerPage must be between 1 and ${MAX_PAGE}` };
  const ids = (query.get('AmazonOrderIds') ?? '').split(',').filter(Boolean);
  if (ids.length > MAX_IDS) return { error: `AmazonOrderIds takes at most ${MAX_IDS} ids` };
  const filter = timeFilter(query, pageSize, nowMs);
  // Ids narrow the time filter, which stays required ("Either CreatedAfter or LastUpdatedAfter
  // is required", ordersV0 model; whether ids alone would do is not documented).
  return 'error' in filter ? filter : { ...filter, ids: ids.length > 0 ? ids : null };
}

function timeFilter(
  query: URLSearchParams,
  pageSize: number,
  nowMs: number,
): OrdersFilter | { error: string } {
  const created = query.get('CreatedAfter');
  const updated = query.get('LastUpdatedAfter');
  if ((created === null) === (updated === null))
    return { error: 'Exactly one of CreatedAfter and LastUpdatedAfter is required' };
  const field = created !== null ? 'created' : 'updated';
  const afterMs = Date.parse(created ?? updated ?? '');
  const beforeName = field === 'created' ? 'CreatedBefore' : 'LastUpdatedBefore';
  const before = query.get(beforeName);
  const beforeMs = before === null ? nowMs : Date.parse(before);
  if (!Number.isFinite(afterMs) || !Number.isFinite(beforeMs))
    return { error: 'Dates must be ISO 8601' };
  if (beforeMs < afterMs)
    return { error: `${beforeName} must be equal to or after the After date` };
  // "at least 2 minutes before current time" (ordersV0 model). Without it, up to now (assumed).
  if (before !== null && beforeMs > nowMs - BEFORE_LAG_MS)
    return { error: `${beforeName} must be at least 2 minutes before the current time` };
  return { ids: null, field, afterMs, beforeMs, pageSize, offset: 0 };
}

/** The page of orders the filter selects, oldest update first, with the next token. */
export function selectOrders(shop: ShopRecord, filter: OrdersFilter): unknown {
  const wanted = filter.ids ? new Set(filter.ids) : null;
  const timeOf = (o: OrderRecord) => (filter.field === 'created' ? o.purchaseMs : o.updatedMs);
  const matching = [...shop.orders.values()]
    .filter(
      (o) =>
        (!wanted || wanted.has(o.id)) &&
        timeOf(o) >= filter.afterMs &&
        timeOf(o) <= filter.beforeMs,
    )
    .sort((a, b) => timeOf(a) - timeOf(b) || a.id.localeCompare(b.id));
  const page = matching.slice(filter.offset, filter.offset + filter.pageSize);
  const more = filter.offset + filter.pageSize < matching.length;
  return {
    Orders: page.map((order) => orderJson(shop, order)),
    ...(more
      ? { NextToken: encodeToken({ ...filter, offset: filter.offset + filter.pageSize }) }
      : {}),
    [filter.field === 'created' ? 'CreatedBefore' : 'LastUpdatedBefore']: new Date(
      filter.beforeMs,
    ).toISOString(),
  };
}

export function orderJson(shop: ShopRecord, order: OrderRecord): unknown {
  const shipped = order.lines.reduce((sum, line) => sum + line.quantityShipped, 0);
  const ordered = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  return {
    AmazonOrderId: order.id,
    PurchaseDate: new Date(order.purchaseMs).toISOString(),
    LastUpdateDate: new Date(order.updatedMs).toISOString(),
    OrderStatus: order.status,
    FulfillmentChannel: order.fulfillment,
    SalesChannel: 'Amazon.com',
    OrderType: 'StandardOrder',
    MarketplaceId: shop.marketplaceId,
    NumberOfItemsShipped: shipped,
    NumberOfItemsUnshipped: order.status === 'Canceled' ? 0 : ordered - shipped,
  };
}

/** getOrderItems' payload; pricing is left out, as Amazon does while an order is Pending. */
export function orderItemsJson(order: OrderRecord): unknown {
  return {
    AmazonOrderId: order.id,
    OrderItems: order.lines.map((line) => ({
      ASIN: line.asin,
      SellerSKU: line.sku,
      OrderItemId: line.orderItemId,
      Title: line.title,
      QuantityOrdered: line.quantity,
      QuantityShipped: line.quantityShipped,
    })),
  };
}

function encodeToken(filter: OrdersFilter): string {
  return Buffer.from(JSON.stringify(filter)).toString('base64url');
}

function decodeToken(token: string): OrdersFilter | null {
  try {
    const f = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as OrdersFilter;
    const valid =
      Number.isInteger(f.offset) && Number.isInteger(f.pageSize) && typeof f.afterMs === 'number';
    return valid ? f : null;
  } catch {
    return null;
  }
}
