/**
 * Search Returns, `POST /return_refund/202309/returns/search` (tiktok-shop.md §1.8): filters by
 * order_ids and return_ids in the body, cursor paging in the query like order search; answers
 * `data.return_orders[]` with return_id, order_id, return_type, return_status, create_time,
 * update_time and return_line_items[] (return_line_item_id, order_line_item_id, sku_id,
 * seller_sku, sku_name) — the fields of the official SDK's model.
 */
import { z } from 'zod';
import type { ApiOutcome } from './envelope.ts';
import { CODES, refuse } from './envelope.ts';
import { pageOf, readPageRequest } from './paging.ts';
import type { OrderRecord, ReturnRecord, ShopRecord } from './state.ts';

const ReturnSearchBody = z
  .object({
    order_ids: z.array(z.string()).optional(),
    return_ids: z.array(z.string()).optional(),
  })
  .optional();

export function searchReturns(shop: ShopRecord, query: URLSearchParams, body: unknown): ApiOutcome {
  const page = readPageRequest(query);
  if (!page) return refuse(CODES.badRequest, 'page_size must be 1..100 and page_token valid');
  const parsed = ReturnSearchBody.safeParse(body);
  if (!parsed.success) return refuse(CODES.badRequest, `Invalid body: ${parsed.error.message}`);
  const orderIds = parsed.data?.order_ids;
  const returnIds = parsed.data?.return_ids;
  const matching = [...shop.orders.values()]
    .filter((order) => !orderIds || orderIds.includes(order.id))
    .flatMap((order) => order.returns.map((record) => ({ order, record })))
    .filter(({ record }) => !returnIds || returnIds.includes(record.id));
  const { items, nextPageToken } = pageOf(matching, page);
  return {
    ok: true,
    data: {
      return_orders: items.map(({ order, record }) => toReturnView(order, record)),
      next_page_token: nextPageToken,
      total_count: matching.length,
    },
  };
}

function toReturnView(order: OrderRecord, record: ReturnRecord): Record<string, unknown> {
  return {
    return_id: record.id,
    order_id: order.id,
    return_type: record.type,
    return_status: record.status,
    create_time: record.createTime,
    update_time: record.updateTime,
    return_line_items: record.lines.map((line) => {
      const item = order.lineItems.find((l) => l.id === line.orderLineItemId);
      return {
        return_line_item_id: line.id,
        order_line_item_id: line.orderLineItemId,
        sku_id: item?.skuId ?? '',
        seller_sku: item?.sellerSku ?? '',
        sku_name: item?.skuName ?? '',
      };
    }),
  };
}
