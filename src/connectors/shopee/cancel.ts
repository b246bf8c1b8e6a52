/**
 * cancelOrder for Shopee: `POST /api/v2/order/cancel_order` with cancel_reason OUT_OF_STOCK,
 * which requires item_list [{item_id, model_id}] (shopee.md §2.7). Shopee cancels before
 * shipping only and answers `{update_time}`. Not retried here: the caller decides.
 */
import type { CancelOrderInput, CancelOrderResult, PlatformOrderLine } from '../contract.ts';
import { ConnectorError } from '../errors.ts';
import { getShopeeOrders } from './orders.ts';
import { RawCancelOrderResponse } from './raw-types.ts';
import type { ShopeeTransport } from './transport.ts';

/** Cancels as the seller for lack of stock; the reference is Shopee's new update_time (s). */
export async function cancelShopeeOrder(
  transport: ShopeeTransport,
  input: CancelOrderInput,
): Promise<CancelOrderResult> {
  const lines = input.lines?.length ? input.lines : await linesOf(transport, input.orderId);
  const { response } = await transport.callShop(
    {
      method: 'POST',
      path: '/api/v2/order/cancel_order',
      body: {
        order_sn: input.orderId,
        cancel_reason: 'OUT_OF_STOCK',
        item_list: toItemList(lines),
      },
    },
    RawCancelOrderResponse,
  );
  return { reference: String(response.update_time) };
}

/** Without lines given, the order's own lines are read: OUT_OF_STOCK needs at least one. */
async function linesOf(transport: ShopeeTransport, orderId: string): Promise<PlatformOrderLine[]> {
  const [order] = await getShopeeOrders(transport, [orderId]);
  if (!order || order.lines.length === 0) {
    throw new ConnectorError('REJECTED', `order ${orderId} not found or has no lines`);
  }
  return order.lines;
}

/** One entry per (item, model); a model listed twice would say nothing more. */
function toItemList(lines: PlatformOrderLine[]): Array<{ item_id: number; model_id: number }> {
  const seen = new Map<string, { item_id: number; model_id: number }>();
  for (const line of lines) {
    const entry = { item_id: Number(line.itemId), model_id: Number(line.variantId || '0') };
    seen.set(`${entry.item_id}:${entry.model_id}`, entry);
  }
  return [...seen.values()];
}
