/**
 * TikTok Shop payloads as the platform sends them (tiktok-shop.md §1.4, §1.5, §1.7, §1.9), as zod
 * schemas: every answer the connector reads is parsed through one of these, so an answer that does
 * not conform becomes ConnectorError('BAD_PAYLOAD') instead of a crash deeper in. Only the fields
 * StockPool uses are declared; others are dropped.
 */
import { z } from 'zod';

/** Ids are strings on the wire; a number is accepted too and turned into its decimal string. */
const RawId = z.union([z.string(), z.number().int()]).transform(String);

/** Unix seconds, at most 9999-12-31: beyond, ms would leave Date's range and safe integers. */
const RawSeconds = z.number().int().nonnegative().max(253_402_300_799);

/** The envelope every API answers with (§1.5); `code` 0 is success. */
export const RawEnvelope = z.object({
  code: z.number().int(),
  message: z.string().default(''),
  request_id: z.string().optional(),
  data: z.unknown().optional(),
});
export type RawEnvelope = z.infer<typeof RawEnvelope>;

/** One entry of inventory update's `data.errors[]`: a SKU that failed inside a code-0 answer. */
export const RawSkuError = z.object({
  code: z.number().int(),
  message: z.string().default(''),
  detail: z
    .object({
      sku_id: RawId.optional(),
      extra_errors: z
        .array(
          z.object({
            warehouse_id: RawId.optional(),
            code: z.number().int().optional(),
            message: z.string().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});
export type RawSkuError = z.infer<typeof RawSkuError>;

/** Inventory update's `data`; absent or empty when every SKU was updated. */
export const RawInventoryUpdateData = z
  .object({ errors: z.array(RawSkuError).default([]) })
  .nullish()
  .transform((data) => data ?? { errors: [] });

const RawSku = z.object({
  id: RawId,
  seller_sku: z.string().default(''),
  inventory: z.array(z.object({ warehouse_id: RawId, quantity: z.number().int() })).default([]),
});

/** A product with its SKUs and their per-warehouse `quantity` (products search, §1.7). */
export const RawProduct = z.object({
  id: RawId,
  title: z.string().default(''),
  status: z.string().optional(),
  skus: z.array(RawSku).default([]),
});
export type RawProduct = z.infer<typeof RawProduct>;

/** Products search `data` (§1.7): one page and the cursor ('' on the last page). */
export const RawProductsSearchData = z.object({
  products: z.array(RawProduct).default([]),
  next_page_token: z.string().default(''),
  total_count: z.number().int().optional(),
});

/** Inventory search `data` (§1.7): available and committed per warehouse. */
export const RawInventorySearchData = z.object({
  inventory: z
    .array(
      z.object({
        product_id: RawId,
        skus: z
          .array(
            z.object({
              id: RawId,
              warehouse_inventory: z
                .array(
                  z.object({
                    warehouse_id: RawId,
                    available_quantity: z.number().int(),
                    committed_quantity: z.number().int().default(0),
                  }),
                )
                .default([]),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});
export type RawInventorySearchData = z.infer<typeof RawInventorySearchData>;

/** One order line item: one unit, no quantity field (§1.7). */
const RawLineItem = z.object({
  id: RawId,
  sku_id: RawId,
  product_id: RawId,
  seller_sku: z.string().default(''),
  display_status: z.string().optional(),
});

/** An order as order search and order detail return it (§1.7). */
export const RawOrder = z.object({
  id: RawId,
  status: z.string(),
  create_time: RawSeconds,
  update_time: RawSeconds,
  paid_time: RawSeconds.optional(),
  warehouse_id: RawId.optional(),
  line_items: z.array(RawLineItem).default([]),
});
export type RawOrder = z.infer<typeof RawOrder>;

/** Order search `data` (§1.7): one page of full orders and the cursor ('' on the last page). */
export const RawOrdersSearchData = z.object({
  orders: z.array(RawOrder).default([]),
  next_page_token: z.string().default(''),
  total_count: z.number().int().optional(),
});

/** Order detail `data` (§1.7); ids the platform does not know are simply absent. */
export const RawOrderDetailData = z.object({ orders: z.array(RawOrder).default([]) });

/** Seller cancellation `data` (§1.7). */
export const RawCancellationData = z.object({
  cancel_id: RawId,
  cancel_status: z.string().optional(),
});

/** Token refresh `data` (§1.4); the `*_expire_in` fields are absolute unix seconds. */
export const RawTokenData = z.object({
  access_token: z.string().min(1),
  access_token_expire_in: RawSeconds,
  refresh_token: z.string().min(1),
  refresh_token_expire_in: RawSeconds,
});

/** Webhook envelope (§1.9). */
export const RawWebhookEnvelope = z.object({
  type: z.number().int(),
  tts_notification_id: RawId.optional(),
  shop_id: RawId.optional(),
  timestamp: RawSeconds.optional(),
  data: z.unknown().optional(),
});

/** ORDER_STATUS_CHANGE (type 1) data (§1.9). */
export const RawOrderStatusChangeData = z.object({
  order_id: RawId,
  order_status: z.string().min(1),
  is_on_hold_order: z.boolean().optional(),
  update_time: RawSeconds,
});

/**
 * RETURN_STATUS_CHANGE (type 12) data: the fields community SDKs agree on (tiktok-shop.md §1.8,
 * §1.9 type 12) [M]; only the order id and the time are needed, since the return is read again.
 */
export const RawReturnStatusChangeData = z.object({
  order_id: RawId,
  return_status: z.string().min(1),
  return_type: z.string().optional(),
  return_id: RawId.optional(),
  update_time: RawSeconds,
});

/** One return of Search Returns (official SDK model ReturnRefund202309SearchReturnsResponse…). */
export const RawReturnOrder = z.object({
  return_id: RawId,
  order_id: RawId,
  return_type: z.string(),
  return_status: z.string(),
  update_time: RawSeconds.optional(),
  return_line_items: z.array(z.object({ order_line_item_id: RawId })).default([]),
});
export type RawReturnOrder = z.infer<typeof RawReturnOrder>;

/** Search Returns `data`: one page and the cursor ('' on the last page). */
export const RawReturnsSearchData = z.object({
  return_orders: z.array(RawReturnOrder).default([]),
  next_page_token: z.string().default(''),
});
