/**
 * GetOrders, GetMultipleOrderItems and the seller cancellation pair as Lazada serves them
 * (lazada.md §3.7): orders by update or creation time with offset paging (limit ≤ 100), items per
 * unit, and cancellation per item only from pending on, with reasons offered by the validate call.
 * The "Out of Stock" reason sets the SKU's sellable stock to 0 (§3.7; LZ-DOC OrderCancelValidate
 * tip "stock will be set as 0").
 */
import type { ApiAnswer } from './answers.ts';
import { lazadaDateTime, refuse } from './answers.ts';
import type { EmulatorContext } from './context.ts';
import { cancelItems } from './order-flow.ts';
import type { OrderItemRecord, OrderRecord, ShopRecord } from './state.ts';

const MAX_ORDERS_LIMIT = 100;
/** GetMultipleOrderItems takes at most this many ids (E038 beyond) — our figure [L]. */
export const MAX_ITEMS_ORDER_IDS = 50;

/** Reasons the validate call offers a seller; the first is the documented demo (1000017). */
export const SELLER_CANCEL_REASONS = [
  { reason_id: '1000017', reason_name: 'Out of stock' },
  { reason_id: '1000018', reason_name: 'Wrong price or pricing error' },
  { reason_id: '1000019', reason_name: 'Unable to ship in time' },
] as const;

export function getOrders(shop: ShopRecord, params: URLSearchParams): ApiAnswer {
  const byUpdate = params.has('update_after');
  const fromText = params.get(byUpdate ? 'update_after' : 'created_after');
  if (fromText === null)
    return refuse('MissingParameter', 'One of created_after and update_after is mandatory');
  const from = Date.parse(fromText);
  const toText = params.get(byUpdate ? 'update_before' : 'created_before');
  const to = toText === null ? Infinity : Date.parse(toText);
  const offset = Number(params.get('offset') ?? '0');
  const limit = Number(params.get('limit') ?? '100');
  if (Number.isNaN(from) || Number.isNaN(to))
    return refuse('E005', 'Invalid date-time format (ISO 8601 expected)');
  if (
    !Number.isInteger(offset) ||
    offset < 0 ||
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > MAX_ORDERS_LIMIT
  )
    return refuse('E005', 'Invalid Request Format: offset ≥ 0, limit 1..100');
  const field = params.get('sort_by') === 'created_at' ? 'createdAtMs' : 'updatedAtMs';
  const timeOf = (order: OrderRecord) =>
    Math.floor((byUpdate ? order.updatedAtMs : order.createdAtMs) / 1000) * 1000;
  const status = params.get('status');
  const matching = [...shop.orders.values()]
    .filter((order) => timeOf(order) >= from && timeOf(order) <= to)
    .filter((order) => status === null || order.items.some((item) => item.status === status))
    .sort(
      (a, b) =>
        Math.floor(a[field] / 1000) - Math.floor(b[field] / 1000) ||
        a.orderId.localeCompare(b.orderId),
    );
  if (params.get('sort_direction') === 'DESC') matching.reverse();
  const page = matching.slice(offset, offset + limit);
  return {
    ok: true,
    data: {
      count: page.length,
      countTotal: matching.length,
      orders: page.map((o) => orderJson(shop, o)),
    },
  };
}

function orderJson(shop: ShopRecord, order: OrderRecord): Record<string, unknown> {
  return {
    order_id: Number(order.orderId),
    order_number: Number(order.orderId),
    created_at: lazadaDateTime(order.createdAtMs),
    updated_at: lazadaDateTime(order.updatedAtMs),
    statuses: [...new Set(order.items.map((item) => item.status))],
    items_count: order.items.length,
    warehouse_code: shop.seed.warehouseIds[0],
  };
}

export function getMultipleOrderItems(shop: ShopRecord, params: URLSearchParams): ApiAnswer {
  const ids = parseIdList(params.get('order_ids'));
  if (ids === null)
    return refuse('E056', 'Invalid OrdersIdList format. Must use array format [1,2]');
  if (ids.length > MAX_ITEMS_ORDER_IDS) return refuse('E038', 'Too many orders were requested');
  const data = ids.flatMap((id) => {
    const order = shop.orders.get(id);
    return order
      ? [
          {
            order_id: Number(order.orderId),
            order_number: Number(order.orderId),
            order_items: order.items.map((item) => itemJson(order, item)),
          },
        ]
      : [];
  });
  return { ok: true, data };
}

function itemJson(order: OrderRecord, item: OrderItemRecord): Record<string, unknown> {
  return {
    order_item_id: Number(item.orderItemId),
    order_id: Number(order.orderId),
    status: item.status,
    sku: item.sellerSku,
    sku_id: item.skuId,
    product_id: item.itemId,
    shop_sku: `${item.itemId}_SGAMZ-${item.skuId}`,
    warehouse_code: item.warehouseCode,
    shipping_type: 'Dropshipping',
    cancel_return_initiator: item.cancelInitiator ? `cancellation-${item.cancelInitiator}` : '',
    reason: item.reason ?? '',
    created_at: lazadaDateTime(item.createdAtMs),
    updated_at: lazadaDateTime(item.updatedAtMs),
  };
}

/** OrderCancelValidate: the items must be this order's and cancellable (pending, §3.7). */
export function validateCancel(shop: ShopRecord, params: URLSearchParams): ApiAnswer {
  const checked = checkCancellable(shop, params);
  if ('answer' in checked) return checked.answer;
  return {
    ok: true,
    data: {
      tip_type: 'warn',
      tip_content: 'stock will be set as 0',
      reason_options: SELLER_CANCEL_REASONS,
    },
  };
}

/** InitReverseOrderCancel: cancels the items; the out-of-stock reason zeroes their SKUs. */
export function createCancel(
  context: EmulatorContext,
  shop: ShopRecord,
  params: URLSearchParams,
): ApiAnswer {
  const checked = checkCancellable(shop, params);
  if ('answer' in checked) return checked.answer;
  const reason = SELLER_CANCEL_REASONS.find(
    (option) => option.reason_id === params.get('reason_id'),
  );
  if (!reason) return refuse('E0125', 'invalid cancel reason');
  const sellerId = shop.seed.platformShopId;
  const cancelled = cancelItems(context, sellerId, checked.order.orderId, {
    initiator: 'seller',
    reason: reason.reason_name,
    itemIds: checked.itemIds,
  });
  if (reason.reason_id === '1000017') {
    for (const item of cancelled) {
      const buckets = context.state
        .sku(sellerId, { itemId: item.itemId, variantId: item.skuId })
        .stock.get(item.warehouseCode);
      if (buckets) buckets.sellable = 0;
    }
  }
  context.stats.sellerCancellations.push({
    orderId: checked.order.orderId,
    reason: reason.reason_name,
  });
  return { ok: true, data: { reverse_order_id: `7${checked.order.orderId.slice(1)}` } };
}

function checkCancellable(
  shop: ShopRecord,
  params: URLSearchParams,
): { answer: ApiAnswer } | { order: OrderRecord; itemIds: string[] } {
  const orderId = params.get('order_id');
  if (!orderId) return { answer: refuse('E0115', 'order id is null') };
  const order = shop.orders.get(orderId);
  if (!order) return { answer: refuse('E0122', 'invalid trade order') };
  const itemIds = parseIdList(params.get('order_item_id_list'));
  if (itemIds === null || itemIds.length === 0)
    return { answer: refuse('E0102', 'trade order line id is empty or invalid') };
  const bad = itemIds.filter(
    (id) => order.items.find((item) => item.orderItemId === id)?.status !== 'pending',
  );
  if (bad.length > 0)
    return { answer: refuse('E0123', `invalid trade order lines ${bad.join(',')}`) };
  return { order, itemIds };
}

/** "[1,2]" → ['1','2']; null when it is not a JSON array of ids. */
function parseIdList(text: string | null): string[] | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed)) return null;
    if (
      !parsed.every((id) => typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id)))
    )
      return null;
    return parsed.map((id) => String(id));
  } catch {
    return null;
  }
}
