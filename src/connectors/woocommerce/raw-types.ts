/**
 * WooCommerce REST v3 payloads as the store sends them (woocommerce.md §6.2, §6.4), as zod
 * schemas: every answer the connector reads is parsed through one of these, so an answer that does
 * not conform becomes ConnectorError('BAD_PAYLOAD'). Only the fields StockPool uses are declared.
 * Field lists are the standard v3 schema (§8 item 8: [M], not read from the schema itself).
 */
import { z } from 'zod';

/** Ids are integers on the wire; kept as decimal strings. */
const RawId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)])
  .transform(String);

/** A GMT date as WooCommerce writes it: 'YYYY-MM-DDTHH:MM:SS' without a zone. */
const RawGmtDate = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);

/** The error body of every failed call (§6.2): `{code, message, data:{status}}`. */
export const RawWooError = z.object({
  code: z.string().min(1),
  message: z.string().default(''),
  data: z.object({ status: z.number().int().optional() }).passthrough().nullish(),
});
export type RawWooError = z.infer<typeof RawWooError>;

/** Stock fields shared by products and variations (§6.2). `manage_stock` reads 'parent' on variations. */
const stockFields = {
  sku: z
    .string()
    .nullish()
    .transform((sku) => sku ?? ''),
  manage_stock: z.union([z.boolean(), z.literal('parent')]).default(false),
  stock_quantity: z
    .number()
    .int()
    .nullish()
    .transform((q) => q ?? null),
  stock_status: z.string().default('instock'),
};

export const RawProduct = z.object({
  id: RawId,
  name: z.string().default(''),
  type: z.string().default('simple'),
  status: z.string().default('publish'),
  ...stockFields,
});
export type RawProduct = z.infer<typeof RawProduct>;
export const RawProductList = z.array(RawProduct);

export const RawVariation = z.object({
  id: RawId,
  attributes: z
    .array(z.object({ name: z.string().default(''), option: z.string().default('') }))
    .default([]),
  ...stockFields,
});
export type RawVariation = z.infer<typeof RawVariation>;
export const RawVariationList = z.array(RawVariation);

/** One entry of a batch answer's `update[]`: the saved object, or `{id, error}` (§6.2 batch). */
export const RawBatchEntry = z.object({
  id: RawId.optional(),
  error: RawWooError.optional(),
});
export const RawBatchAnswer = z.object({ update: z.array(RawBatchEntry).default([]) });
export type RawBatchAnswer = z.infer<typeof RawBatchAnswer>;

export const RawLineItem = z.object({
  id: RawId,
  product_id: RawId,
  variation_id: RawId.default('0'),
  quantity: z.number().int(),
  sku: z
    .string()
    .nullish()
    .transform((sku) => sku ?? ''),
});

/** An order as the REST API and the webhooks carry it (§6.2, §6.4: the v3 representation). */
export const RawOrder = z.object({
  id: RawId,
  status: z.string().min(1),
  date_created_gmt: RawGmtDate,
  date_modified_gmt: RawGmtDate,
  date_paid_gmt: RawGmtDate.nullish().transform((date) => date ?? null),
  line_items: z.array(RawLineItem),
  _links: z
    .object({ self: z.array(z.object({ href: z.string() })).optional() })
    .passthrough()
    .optional(),
});
export type RawOrder = z.infer<typeof RawOrder>;
export const RawOrderList = z.array(RawOrder);

/** An order note as created (POST orders/{id}/notes). */
export const RawOrderNote = z.object({ id: RawId });
