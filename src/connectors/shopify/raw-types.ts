/**
 * The shapes Shopify answers with, validated with zod: the GraphQL envelope with its cost
 * extension (§5.5), the data of each query and mutation StockPool sends (§5.3, §5.4), and the
 * REST JSON order a webhook carries (§5.4). Only the fields StockPool reads.
 */
import { z } from 'zod';

export const RawThrottleStatus = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number(),
});
export type RawThrottleStatus = z.output<typeof RawThrottleStatus>;

export const RawCost = z.object({
  requestedQueryCost: z.number(),
  actualQueryCost: z.number().nullable().optional(),
  throttleStatus: RawThrottleStatus,
});

export const RawGraphqlError = z.object({
  message: z.string(),
  extensions: z.object({ code: z.string().optional() }).passthrough().optional(),
});

/** Every GraphQL answer: data and/or errors, and the cost extension. */
export const RawGraphqlEnvelope = z.object({
  data: z.unknown().optional(),
  errors: z.array(RawGraphqlError).optional(),
  extensions: z.object({ cost: RawCost.optional() }).passthrough().optional(),
});
export type RawGraphqlEnvelope = z.output<typeof RawGraphqlEnvelope>;

const PageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

const RawQuantity = z.object({ name: z.string(), quantity: z.number().int() });

export const RawInventoryLevel = z.object({
  updatedAt: z.string().nullable().optional(),
  location: z.object({ legacyResourceId: z.string() }),
  quantities: z.array(RawQuantity),
});
export type RawInventoryLevel = z.output<typeof RawInventoryLevel>;

export const RawVariant = z.object({
  legacyResourceId: z.string(),
  sku: z.string().nullable(),
  product: z.object({ legacyResourceId: z.string(), title: z.string() }),
  inventoryItem: z.object({
    id: z.string(),
    inventoryLevels: z.object({ nodes: z.array(RawInventoryLevel) }),
  }),
});
export type RawVariant = z.output<typeof RawVariant>;

export const RawCatalogData = z.object({
  productVariants: z.object({ pageInfo: PageInfo, nodes: z.array(RawVariant) }),
});

/** `nodes(ids:)` answers null for an id that names nothing (or something else). */
export const RawVariantNodesData = z.object({
  nodes: z.array(RawVariant.partial().nullable()),
});

const RawLineItem = z.object({
  id: z.string(),
  sku: z.string().nullable(),
  quantity: z.number().int(),
  variant: z.object({ legacyResourceId: z.string() }).nullable(),
  product: z.object({ legacyResourceId: z.string() }).nullable(),
});

export const RawOrder = z.object({
  legacyResourceId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
  displayFinancialStatus: z.string().nullable(),
  displayFulfillmentStatus: z.string(),
  lineItems: z.object({ pageInfo: PageInfo, nodes: z.array(RawLineItem) }),
  transactions: z.array(
    z.object({ kind: z.string(), status: z.string(), processedAt: z.string().nullable() }),
  ),
});
export type RawOrder = z.output<typeof RawOrder>;
export type RawLineItem = z.output<typeof RawLineItem>;

export const RawOrdersData = z.object({
  orders: z.object({ pageInfo: PageInfo, nodes: z.array(RawOrder) }),
});

export const RawOrderNodesData = z.object({ nodes: z.array(RawOrder.partial().nullable()) });

export const RawOrderLinesData = z.object({
  node: z.object({ lineItems: z.object({ pageInfo: PageInfo, nodes: z.array(RawLineItem) }) }),
});

const RawUserError = z.object({
  code: z.string().nullable().optional(),
  field: z.array(z.string()).nullable().optional(),
  message: z.string(),
});
export type RawUserError = z.output<typeof RawUserError>;

export const RawSetQuantitiesData = z.object({
  inventorySetQuantities: z.object({
    inventoryAdjustmentGroup: z.object({ id: z.string().optional() }).passthrough().nullable(),
    userErrors: z.array(RawUserError),
  }),
});

export const RawOrderCancelData = z.object({
  orderCancel: z.object({
    job: z.object({ id: z.string(), done: z.boolean().optional() }).nullable(),
    orderCancelUserErrors: z.array(RawUserError),
  }),
});

/** The REST order JSON of an orders/* webhook (§5.4): the fields StockPool reads. */
export const RawRestOrder = z.object({
  id: z.number().or(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  cancelled_at: z.string().nullable().optional(),
  financial_status: z.string().nullable().optional(),
  fulfillment_status: z.string().nullable().optional(),
  processed_at: z.string().nullable().optional(),
  line_items: z.array(
    z.object({
      id: z.number().or(z.string()),
      product_id: z.number().or(z.string()).nullable(),
      variant_id: z.number().or(z.string()).nullable(),
      sku: z.string().nullable().optional(),
      quantity: z.number().int(),
    }),
  ),
});
export type RawRestOrder = z.output<typeof RawRestOrder>;

/** The Refund JSON of a refunds/create webhook: it names the order, not the whole order. */
export const RawRestRefund = z.object({
  id: z.number().or(z.string()),
  order_id: z.number().or(z.string()),
  created_at: z.string(),
  processed_at: z.string().nullable().optional(),
});
