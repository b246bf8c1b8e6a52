/**
 * Seller cancellation (lazada.md §3.7): OrderCancelValidate for the reasons this order allows,
 * then InitReverseOrderCancel with the out-of-stock one, per order item. Lazada lets the seller
 * cancel only from pending to ready-to-ship: an unpaid order is refused (Lazada releases it
 * itself after 30 minutes, §3.8). The out-of-stock reason makes Lazada set the SKU's stock to 0
 * (LZ-DOC OrderCancelValidate tip "stock will be set as 0"), so the SKU shows 0 until StockPool
 * pushes it again.
 */
import type { CancelOrderInput, CancelOrderResult } from '../contract.ts';
import { ConnectorError } from '../errors.ts';
import type { LazadaClient } from './client.ts';
import { LAZADA_PATHS } from './options.ts';
import { RawCancelCreateData, RawCancelValidateData } from './raw-types.ts';

/** The reason Lazada names "Out of stock" (reason_id 1000017 in the doc's example). */
const OUT_OF_STOCK = /out of stock/i;

/**
 * Cancels the given order items as the seller.
 * @throws ConnectorError REJECTED when Lazada refuses (an unpaid or shipped item, E0123) or
 *   offers no out-of-stock reason for the order.
 */
export async function cancelAsSeller(
  client: LazadaClient,
  input: CancelOrderInput,
  itemIds: string[],
): Promise<CancelOrderResult> {
  const common = { order_id: input.orderId, order_item_id_list: `[${itemIds.join(',')}]` };
  const { data: validation } = await client.call({
    method: 'GET',
    path: LAZADA_PATHS.cancelValidate,
    params: common,
    schema: RawCancelValidateData,
  });
  const reason = validation.reason_options.find((option) => OUT_OF_STOCK.test(option.reason_name));
  if (!reason) {
    const offered = validation.reason_options.map((option) => option.reason_name).join(', ');
    throw new ConnectorError(
      'REJECTED',
      `Lazada offers no out-of-stock reason for order ${input.orderId} (offered: ${offered})`,
    );
  }
  const { data, envelope } = await client.call({
    method: 'GET',
    path: LAZADA_PATHS.cancelCreate,
    params: { ...common, reason_id: reason.reason_id },
    schema: RawCancelCreateData,
  });
  const fallback = envelope.request_id ?? `${input.orderId}:${itemIds.join(',')}`;
  return { reference: data.reverse_order_id ?? fallback };
}
