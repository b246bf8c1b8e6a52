/**
 * Amazon SP-API payloads as the platform sends them (amazon.md §4.1–§4.5), as zod schemas: every
 * answer the connector reads goes through one, so a nonconforming answer is BAD_PAYLOAD rather
 * than a crash deeper in. Only the fields StockPool uses are declared; others are dropped.
 */
import { z } from 'zod';

/** An ISO 8601 date-time as Amazon writes it; kept as epoch ms. */
const RawDateTime = z
  .string()
  .refine((value) => Number.isFinite(Date.parse(value)), 'not an ISO 8601 date-time')
  .transform((value) => Date.parse(value));

/** `{"errors":[{code, message, details}]}` (§4.2, ErrorList). */
export const RawErrorList = z.object({
  errors: z.array(
    z.object({
      code: z.string(),
      message: z.string().default(''),
      details: z.string().optional(),
    }),
  ),
});
export type RawErrorList = z.infer<typeof RawErrorList>;

/** Login with Amazon's token answer (§4.1). No rotation: refresh_token may be absent. */
export const RawLwaToken = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  refresh_token: z.string().optional(),
});

/** Login with Amazon's OAuth error answer. */
export const RawLwaError = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

/** `fulfillmentAvailability[]` of a listing (§4.3). */
export const RawFulfillmentAvailability = z.object({
  fulfillmentChannelCode: z.string(),
  quantity: z.number().int().nonnegative().optional(),
});

/** One listing as getListingsItem and searchListingsItems return it (§4.3). */
export const RawListingsItem = z.object({
  sku: z.string().min(1),
  summaries: z
    .array(
      z.object({
        marketplaceId: z.string(),
        asin: z.string().optional(),
        productType: z.string().optional(),
        itemName: z.string().optional(),
      }),
    )
    .default([]),
  fulfillmentAvailability: z.array(RawFulfillmentAvailability).default([]),
});
export type RawListingsItem = z.infer<typeof RawListingsItem>;

/** searchListingsItems' answer: items and a pageToken cursor (§4.6). */
export const RawListingsSearch = z.object({
  numberOfResults: z.number().int().nonnegative().optional(),
  pagination: z.object({ nextToken: z.string().optional() }).optional(),
  items: z.array(RawListingsItem),
});

/** ListingsItemSubmissionResponse (§4.3). */
export const RawSubmission = z.object({
  sku: z.string(),
  status: z.enum(['ACCEPTED', 'INVALID', 'VALID']),
  submissionId: z.string().optional(),
  issues: z
    .array(
      z.object({
        code: z.string(),
        message: z.string().default(''),
        severity: z.string(),
        attributeNames: z.array(z.string()).optional(),
      }),
    )
    .default([]),
});
export type RawSubmission = z.infer<typeof RawSubmission>;

/** An Orders v0 order (§4.4); only the fields StockPool reads. */
export const RawOrder = z.object({
  AmazonOrderId: z.string().min(1),
  PurchaseDate: RawDateTime,
  LastUpdateDate: RawDateTime,
  OrderStatus: z.string(),
  /** AFN or MFN (the model's own example says "SellerFulfilled": any word is read, AFN is FBA). */
  FulfillmentChannel: z.string().optional(),
  MarketplaceId: z.string().optional(),
});
export type RawOrder = z.infer<typeof RawOrder>;

/** getOrders' `payload` (§4.4). */
export const RawOrdersPayload = z.object({
  Orders: z.array(RawOrder),
  NextToken: z.string().optional(),
  LastUpdatedBefore: z.string().optional(),
});

/** One order item of getOrderItems (§4.4). */
export const RawOrderItem = z.object({
  ASIN: z.string(),
  SellerSKU: z.string().optional(),
  OrderItemId: z.string().min(1),
  QuantityOrdered: z.number().int().nonnegative(),
  QuantityShipped: z.number().int().nonnegative().optional(),
});
export type RawOrderItem = z.infer<typeof RawOrderItem>;

/** getOrderItems' `payload` (§4.4). */
export const RawOrderItemsPayload = z.object({
  AmazonOrderId: z.string(),
  OrderItems: z.array(RawOrderItem),
  NextToken: z.string().optional(),
});

/** Orders v0 wraps its resource: `{payload, errors}` (§4.2). */
export function wrapped<T extends z.ZodType>(payload: T) {
  return z.object({ payload });
}

/** The ORDER_CHANGE notification as it sits in the SQS message body (§4.5). */
export const RawOrderChangeNotification = z.object({
  NotificationType: z.literal('ORDER_CHANGE'),
  EventTime: z.string().optional(),
  Payload: z.object({
    OrderChangeNotification: z.object({
      SellerId: z.string().min(1),
      AmazonOrderId: z.string().min(1),
      OrderChangeType: z.string().optional(),
      OrderChangeTrigger: z
        .object({
          // "null when there is no related timestamp" (OrderChangeNotification schema).
          TimeOfOrderChange: z.string().nullable().optional(),
          ChangeReason: z.string().optional(),
        })
        .optional(),
      Summary: z.object({ OrderStatus: z.string().optional() }).optional(),
    }),
  }),
  NotificationMetadata: z.object({ NotificationId: z.string().min(1) }),
});

/** Any SP-API notification: its type and id, enough to name an event StockPool ignores. */
export const RawNotificationEnvelope = z.object({
  NotificationType: z.string().min(1),
  NotificationMetadata: z.object({ NotificationId: z.string().min(1) }),
  Payload: z.record(z.string(), z.unknown()).optional(),
});
