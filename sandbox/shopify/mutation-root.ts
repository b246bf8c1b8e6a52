/**
 * The Mutation root the emulator serves: inventorySetQuantities (inventory-set.ts) and
 * orderCancel (shopify.md §5.4): the seller cancels a whole open order with a reason, restocking
 * when asked and refunding a paid order; the answer is a job, done at once here.
 */
import type { EmulatorContext } from './context.ts';
import type { GqlObject } from './graphql-exec.ts';
import { GqlError } from './graphql-exec.ts';
import { inventorySetQuantities } from './inventory-set.ts';
import { cancelOrder } from './order-flow.ts';
import type { Shop } from './state.ts';
import { gid } from './views.ts';

const CANCEL_REASONS = new Set(['CUSTOMER', 'DECLINED', 'FRAUD', 'INVENTORY', 'OTHER', 'STAFF']);

export function mutationRoot(
  context: EmulatorContext,
  shop: Shop,
  directives: { idempotencyKey: string | null },
): GqlObject {
  return {
    __typename: 'Mutation',
    inventorySetQuantities: (args: { input?: Record<string, unknown> }) => {
      if (!args.input) throw new GqlError('input is required', 'missingRequiredArguments');
      return inventorySetQuantities(context, shop, args.input, directives.idempotencyKey);
    },
    orderCancel: (args: Record<string, unknown>) => orderCancel(context, shop, args),
  };
}

function orderCancel(
  context: EmulatorContext,
  shop: Shop,
  args: Record<string, unknown>,
): GqlObject {
  const reason = typeof args.reason === 'string' ? args.reason : '';
  if (!CANCEL_REASONS.has(reason))
    throw new GqlError(`Invalid OrderCancelReason '${reason}'`, 'argumentLiteralsIncompatible');
  if (typeof args.restock !== 'boolean')
    throw new GqlError('restock is required', 'missingRequiredArguments');
  const orderId = /^gid:\/\/shopify\/Order\/(\d+)$/.exec(String(args.orderId))?.[1] ?? '';
  const order = shop.orders.get(orderId);
  const refuse = (code: string, message: string) =>
    payload(null, [{ code, field: ['orderId'], message }]);
  if (!order) return refuse('ORDER_NOT_FOUND', 'Order does not exist.');
  if (order.cancelledAtMs !== null) return refuse('INVALID', 'Order has already been cancelled.');
  if (order.fulfillmentStatus === 'fulfilled')
    return refuse('INVALID', 'Cannot cancel a fulfilled order.');
  const refundMethod = args.refundMethod as
    { originalPaymentMethodsRefund?: unknown } | null | undefined;
  const refund = args.refund === true || refundMethod?.originalPaymentMethodsRefund === true;
  cancelOrder(context, shop.seed.platformShopId, orderId, {
    reason: reason.toLowerCase(),
    restock: args.restock,
    refund,
  });
  context.stats.sellerCancellations.push({ orderId, reason });
  return payload({ __typename: 'Job', id: gid('Job', context.state.nextNumber()), done: true }, []);
}

function payload(
  job: GqlObject | null,
  errors: Array<{ code: string; field: string[]; message: string }>,
): GqlObject {
  const userErrors = errors.map((e) => ({ __typename: 'OrderCancelUserError', ...e }));
  return { __typename: 'OrderCancelPayload', job, orderCancelUserErrors: userErrors, userErrors };
}
