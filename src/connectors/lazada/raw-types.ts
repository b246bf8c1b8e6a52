/**
 * Lazada payloads as the platform sends them (lazada.md §3.4, §3.5, §3.7, §3.9), as zod schemas:
 * every answer the connector reads goes through one of these, so an answer that does not conform
 * becomes ConnectorError('BAD_PAYLOAD') rather than a crash deeper in. Only the fields StockPool
 * uses are declared; others are dropped.
 */
import { z } from 'zod';

/** Ids come as strings or numbers depending on the API; both read as the decimal string. */
const RawId = z.union([z.string().min(1), z.number().int()]).transform(String);

/** A count that some APIs send as a string ("5") and others as a number. */
const RawCount = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/** Unix seconds, at most 9999-12-31 (beyond, ms would leave safe integers). */
const RawSeconds = z.number().int().nonnegative().max(253_402_300_799);

/**
 * Lazada's date-times: "2023-11-14 10:00:00 +0800" in order answers (LZ-DOC GetOrders examples),
 * ISO 8601 elsewhere. Read into epoch ms; anything else does not conform.
 */
export const RawDateTime = z.string().transform((text, context) => {
  const ms = parseLazadaDateTime(text);
  if (ms === null) {
    context.addIssue({ code: 'custom', message: `not a Lazada date-time: ${text}` });
    return z.NEVER;
  }
  return ms;
});

/** Epoch ms of a Lazada date-time, or null when it is neither form. */
export function parseLazadaDateTime(text: string): number | null {
  const spaced = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})$/.exec(text);
  const iso = spaced ? `${spaced[1]}T${spaced[2]}${spaced[3]}:${spaced[4]}` : text;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** One entry of a stock update's `detail[]`: a SKU that was not updated (§3.7) [L shape]. */
export const RawStockDetail = z.object({
  item_id: RawId.nullish().transform((id) => id ?? undefined),
  sku_id: RawId.nullish().transform((id) => id ?? undefined),
  seller_sku: z.string().nullish(),
  field: z.string().nullish(),
  code: z.union([z.string(), z.number()]).transform(String).optional(),
  message: z.string().default(''),
});
export type RawStockDetail = z.infer<typeof RawStockDetail>;

/** A stock update's `data` is `{}` (§3.7): nothing in it is read. */
export const RawStockUpdateData = z.unknown();

/** Every answer's envelope (§3.5): `code` "0" is success; errors add type/message. */
export const RawEnvelope = z.object({
  code: z.union([z.string(), z.number()]).transform(String),
  type: z.string().optional(),
  message: z.string().optional(),
  request_id: z.string().optional(),
  data: z.unknown().optional(),
  detail: z.array(RawStockDetail).optional(),
});
export type RawEnvelope = z.infer<typeof RawEnvelope>;

const RawWarehouseInventory = z.object({
  warehouseCode: z.string().min(1),
  sellableQuantity: RawCount,
  occupyQuantity: RawCount.default(0),
  withholdQuantity: RawCount.default(0),
});

const RawSku = z.object({
  SkuId: RawId,
  SellerSku: z.string().default(''),
  quantity: RawCount.optional(),
  Available: RawCount.optional(),
  multiWarehouseInventories: z.array(RawWarehouseInventory).default([]),
});

/** A product of products/get with its SKUs and their stock buckets (§3.7, `options=1`). */
export const RawProduct = z.object({
  item_id: RawId,
  status: z.string().optional(),
  attributes: z
    .object({ name: z.string().default('') })
    .partial()
    .default({}),
  skus: z.array(RawSku).default([]),
});
export type RawProduct = z.infer<typeof RawProduct>;

/** products/get `data` (§3.7). An empty shop may answer without `products`. */
export const RawProductsData = z.object({
  total_products: RawCount.optional(),
  products: z.array(RawProduct).default([]),
});

/** An order header of orders/get (§3.7); the lines come from the order items. */
export const RawOrderHeader = z.object({
  order_id: RawId,
  created_at: RawDateTime,
  updated_at: RawDateTime,
  statuses: z.array(z.string()).default([]),
  warehouse_code: z.string().optional(),
});
export type RawOrderHeader = z.infer<typeof RawOrderHeader>;

/** orders/get `data` (§3.7, §3.10). */
export const RawOrdersData = z.object({
  count: RawCount.default(0),
  countTotal: RawCount.default(0),
  orders: z.array(RawOrderHeader).default([]),
});

/** One order item: one unit of one SKU (§3.7 GetOrderItems: "one entry per item unit"). */
export const RawOrderItem = z.object({
  order_item_id: RawId,
  order_id: RawId,
  status: z.string().min(1),
  sku: z.string().default(''),
  sku_id: RawId,
  product_id: RawId,
  warehouse_code: z.string().optional(),
  created_at: RawDateTime,
  updated_at: RawDateTime,
});
export type RawOrderItem = z.infer<typeof RawOrderItem>;

/** GetMultipleOrderItems `data`: one entry per order found; unknown ids are absent. */
export const RawMultipleOrderItemsData = z
  .array(z.object({ order_id: RawId, order_items: z.array(RawOrderItem).default([]) }))
  .nullish()
  .transform((data) => data ?? []);

/** OrderCancelValidate `data` (LZ-DOC ordercancelvalidate: tip and reason options). */
export const RawCancelValidateData = z.object({
  tip_content: z.string().optional(),
  tip_type: z.string().optional(),
  reason_options: z.array(z.object({ reason_id: RawId, reason_name: z.string() })).default([]),
});

/** InitReverseOrderCancel `data`: the reverse order it opened, when it says. */
export const RawCancelCreateData = z
  .object({ reverse_order_id: RawId.optional() })
  .nullish()
  .transform((data) => data ?? {});

/** Token refresh answer, top level, no `data` wrapper (§3.4); lifetimes in seconds from now. */
export const RawTokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: RawCount,
  refresh_expires_in: RawCount.optional(),
});

/** A push body (§3.9). */
export const RawPush = z.object({
  seller_id: RawId,
  message_type: z.number().int(),
  data: z.unknown(),
  timestamp: z.number().int().nonnegative().optional(),
  site: z.string().optional(),
});

/** Trade order push data (message_type 0, §3.9). */
export const RawTradeOrderPushData = z.object({
  order_status: z.string().min(1),
  trade_order_id: RawId,
  trade_order_line_id: RawId.optional(),
  status_update_time: RawSeconds,
});

/** Reverse order push data (message_type 10, §3.9): the order it concerns, and when. */
export const RawReverseOrderPushData = z.object({
  trade_order_id: RawId,
  reverse_order_id: RawId.optional(),
  reverse_status: z.string().optional(),
  status_update_time: RawSeconds,
});
