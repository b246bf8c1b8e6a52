/** Platform order request and response shapes: the list by outcome or shop, and one order. */
import { z } from 'zod';
import type { OrderOutcome } from '../../../store/channel-orders-repo.ts';
import { label } from '../../schemas/common.ts';

const ORDER_OUTCOMES = [
  'applied',
  'unmatched',
  'unfillable',
  'cancelled_oos',
  'parked',
] as const satisfies readonly OrderOutcome[];

const Outcome = z.enum(ORDER_OUTCOMES).meta({
  description:
    'applied: stock held or moved; unmatched: waits for a listing mapping; unfillable: being ' +
    'cancelled for lack of stock; cancelled_oos: cancelled for lack of stock; parked: waits for ' +
    'the seller to retry or cancel it',
});

export const ChannelOrderQuery = z.object({
  outcome: Outcome.optional(),
  shop: label(100).optional().meta({ description: 'Only this shop (its id)' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const OrderLine = z.object({
  lineId: z.string(),
  sellerSku: z.string(),
  quantity: z.number(),
  listingId: z.string().nullable(),
  units: z.number().nullable().meta({ description: 'Units of the SKU the line takes' }),
  holdId: z.string().nullable(),
  appliedState: z.string().nullable(),
});

const orderFields = {
  id: z.string(),
  shopId: z.string(),
  platformOrderId: z.string(),
  status: z.string().meta({ description: "The platform's own status" }),
  state: z.string().nullable(),
  outcome: Outcome,
  paidAt: z.string().nullable(),
  platformUpdatedAt: z.string(),
  cancelReference: z.string().nullable(),
};

export const ChannelOrderSummary = z.object(orderFields).meta({ id: 'ChannelOrderSummary' });

export const ChannelOrderView = z
  .object({ ...orderFields, lines: z.array(OrderLine) })
  .meta({ id: 'ChannelOrder' });

export const ChannelOrderParams = z.object({ id: label(100) });
