/**
 * zod schemas of the Shopee answers the connector reads (shopee.md §2.4–§2.9), so a
 * non-conforming answer becomes ConnectorError('BAD_PAYLOAD') instead of a crash deep in mapping.
 * Only the fields we use are declared; unknown fields are ignored (Shopee adds fields often).
 * Ids are int64 JSON numbers on Shopee; every id we meet is far below 2^53.
 */
import { z } from 'zod';

const id = z.number().int().nonnegative();
// At most 9999-12-31: beyond, ms would leave Date's range and safe integers.
const seconds = z.number().int().nonnegative().max(253_402_300_799);
const count = z.number().int();

/** The envelope every answer shares: `error` "" (or absent) means success (§2.5). */
export const RawEnvelope = z.object({
  error: z.string().optional(),
  message: z.string().optional(),
  // Some APIs send warning as a string, others as a list.
  warning: z.unknown().optional(),
  request_id: z.string().optional(),
  response: z.unknown().optional(),
});
export type RawEnvelope = z.infer<typeof RawEnvelope>;

/** stock_info_v2 of an item without models or of one model (§2.7). */
export const RawStockInfoV2 = z.object({
  summary_info: z
    .object({
      total_reserved_stock: count.optional(),
      total_available_stock: count.optional(),
    })
    .optional(),
  seller_stock: z
    .array(
      z.object({
        location_id: z.string().optional(),
        stock: count,
        if_saleable: z.boolean().optional(),
      }),
    )
    .optional(),
});
export type RawStockInfoV2 = z.infer<typeof RawStockInfoV2>;

/** GET product/get_item_list → response. `item` is left out when the page is empty. */
export const RawItemListResponse = z.object({
  item: z
    .array(z.object({ item_id: id, item_status: z.string(), update_time: seconds.optional() }))
    .optional(),
  total_count: count.optional(),
  has_next_page: z.boolean(),
  next_offset: count.optional(),
});
export type RawItemListResponse = z.infer<typeof RawItemListResponse>;

/** One item of get_item_base_info; stock_info_v2 is what counts for items without models. */
export const RawItemBaseInfo = z.object({
  item_id: id,
  item_name: z.string().optional(),
  item_sku: z.string().optional(),
  item_status: z.string().optional(),
  has_model: z.boolean(),
  update_time: seconds.optional(),
  stock_info_v2: RawStockInfoV2.optional(),
});
export type RawItemBaseInfo = z.infer<typeof RawItemBaseInfo>;

/** GET product/get_item_base_info → response. */
export const RawItemBaseInfoResponse = z.object({
  item_list: z.array(RawItemBaseInfo).optional(),
});

/** One model (variant) of get_model_list. */
export const RawModel = z.object({
  model_id: id,
  model_sku: z.string().optional(),
  model_name: z.string().optional(),
  model_status: z.string().optional(),
  stock_info_v2: RawStockInfoV2.optional(),
});
export type RawModel = z.infer<typeof RawModel>;

/** GET product/get_model_list → response. */
export const RawModelListResponse = z.object({ model: z.array(RawModel).optional() });

/** POST product/update_stock → response (also sent with error_busi_update_stock_failed). */
export const RawUpdateStockResponse = z.object({
  success_list: z
    .array(z.object({ model_id: id, location_id: z.string().optional(), stock: count.optional() }))
    .optional(),
  failure_list: z.array(z.object({ model_id: id, failed_reason: z.string() })).optional(),
});
export type RawUpdateStockResponse = z.infer<typeof RawUpdateStockResponse>;

/** GET order/get_order_list → response (§2.7, §2.10). */
export const RawOrderListResponse = z.object({
  more: z.boolean(),
  next_cursor: z.string().optional(),
  order_list: z
    .array(z.object({ order_sn: z.string().min(1), order_status: z.string().optional() }))
    .optional(),
});
export type RawOrderListResponse = z.infer<typeof RawOrderListResponse>;

/** One entry of get_order_detail's item_list. */
export const RawOrderItem = z.object({
  item_id: id,
  item_sku: z.string().optional(),
  model_id: id,
  model_sku: z.string().optional(),
  model_quantity_purchased: z.number().int().nonnegative(),
  order_item_id: id,
  promotion_group_id: z.number().int().optional(),
  // SP-SCHEMA types it as a string; a list is tolerated and its first entry used.
  product_location_id: z.union([z.string(), z.array(z.string())]).optional(),
});
export type RawOrderItem = z.infer<typeof RawOrderItem>;

/** One order of get_order_detail, asked with item_list, pay_time, cancel_by, cancel_reason. */
export const RawOrderDetail = z.object({
  order_sn: z.string().min(1),
  order_status: z.string().min(1),
  create_time: seconds,
  update_time: seconds,
  // "NULL when order is not paid yet" (SP-SCHEMA get_order_detail).
  pay_time: seconds.nullable().optional(),
  cancel_by: z.string().optional(),
  cancel_reason: z.string().optional(),
  item_list: z.array(RawOrderItem).optional(),
});
export type RawOrderDetail = z.infer<typeof RawOrderDetail>;

/** GET order/get_order_detail → response. */
export const RawOrderDetailResponse = z.object({ order_list: z.array(RawOrderDetail).optional() });

/** POST order/cancel_order → response. */
export const RawCancelOrderResponse = z.object({ update_time: seconds });

/** POST auth/access_token/get: the tokens sit beside the envelope fields, not in `response` (§2.4). */
export const RawRefreshAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expire_in: z.number().int().positive(),
});

/** A push as Shopee POSTs it (§2.9). `data` depends on `code`. */
export const RawShopeePush = z.object({
  data: z.unknown(),
  shop_id: id.optional(),
  code: z.number().int(),
  timestamp: seconds.optional(),
});

/** `data` of an order status push (code 3); the push says `ordersn`, the API `order_sn`. */
export const RawOrderStatusPushData = z.object({
  ordersn: z.string().min(1),
  status: z.string().min(1),
  update_time: seconds,
});

/**
 * GET push/get_lost_push_message → response (SP-SCHEMA v2.push.get_lost_push_message): the
 * earliest 100 unconfirmed pushes lost in the last 3 days, `data` being the push body as a string.
 */
export const RawLostPushResponse = z.object({
  push_message_list: z
    .array(
      z.object({
        shop_id: id.optional(),
        code: z.number().int(),
        timestamp: seconds.optional(),
        data: z.string(),
      }),
    )
    .optional(),
  has_next_page: z.boolean().optional(),
  last_message_id: id.optional(),
});
