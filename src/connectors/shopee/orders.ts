/**
 * Order reads for Shopee (shopee.md §2.7, §2.10). get_order_list filters on update_time in unix
 * seconds and refuses windows over 15 days (order.order_list_invalid_time), so a longer window is
 * walked in 15-day slices; the page token carries the slice start and Shopee's cursor. Every page
 * of order numbers is completed with get_order_detail, at most 50 order_sn per call. Failures
 * are not retried here: the caller retries a page (http/retry.ts withRetries).
 */
import type { OrderQuery, Page, PlatformOrder } from '../contract.ts';
import { ConnectorError } from '../errors.ts';
import { badPayload } from './envelope.ts';
import { toPlatformOrder } from './mapping.ts';
import {
  DETAIL_BATCH_SIZE,
  ORDER_DETAIL_OPTIONAL_FIELDS,
  ORDER_LIST_PAGE_SIZE,
  ORDER_WINDOW_MAX_SECONDS,
} from './options.ts';
import { RawOrderDetailResponse, RawOrderListResponse } from './raw-types.ts';
import type { ShopeeTransport } from './transport.ts';

const ORDER_LIST_PATH = '/api/v2/order/get_order_list';

/** Where a walk through the window stands: the current 15-day slice and Shopee's cursor in it. */
interface OrderPageToken {
  sliceFromSec: number;
  cursor: string;
}

/** Orders updated in the window (both ends included, widened to whole seconds), full detail. */
export async function listShopeeOrders(
  transport: ShopeeTransport,
  query: OrderQuery,
): Promise<Page<PlatformOrder>> {
  const fromSec = Math.floor(query.updatedFromMs / 1000);
  const toSec = Math.ceil(query.updatedToMs / 1000);
  const token = query.pageToken
    ? decodeToken(query.pageToken)
    : { sliceFromSec: fromSec, cursor: '' };
  if (token.sliceFromSec > toSec) return { items: [], nextPageToken: null };
  const sliceToSec = Math.min(toSec, token.sliceFromSec + ORDER_WINDOW_MAX_SECONDS);
  const { response } = await transport.callShop(
    {
      method: 'GET',
      path: ORDER_LIST_PATH,
      query: {
        time_range_field: 'update_time',
        time_from: String(token.sliceFromSec),
        time_to: String(sliceToSec),
        page_size: String(ORDER_LIST_PAGE_SIZE),
        ...(token.cursor ? { cursor: token.cursor } : {}),
      },
    },
    RawOrderListResponse,
  );
  const orders = await getShopeeOrders(
    transport,
    (response.order_list ?? []).map((o) => o.order_sn),
  );
  return { items: orders, nextPageToken: nextToken(token, sliceToSec, toSec, response) };
}

function nextToken(
  token: OrderPageToken,
  sliceToSec: number,
  toSec: number,
  response: RawOrderListResponse,
): string | null {
  if (response.more) {
    // Without a cursor the walk could never end.
    if (!response.next_cursor) throw badPayload(ORDER_LIST_PATH, null, 'more without next_cursor');
    return encodeToken({ sliceFromSec: token.sliceFromSec, cursor: response.next_cursor });
  }
  // Both ends are inclusive, so the next slice starts one second later.
  return sliceToSec < toSec ? encodeToken({ sliceFromSec: sliceToSec + 1, cursor: '' }) : null;
}

/** Full detail of the given orders, 50 per call, in the order asked; unknown ones are left out. */
export async function getShopeeOrders(
  transport: ShopeeTransport,
  orderIds: string[],
): Promise<PlatformOrder[]> {
  const unique = [...new Set(orderIds)];
  const found = new Map<string, PlatformOrder>();
  for (let start = 0; start < unique.length; start += DETAIL_BATCH_SIZE) {
    const batch = unique.slice(start, start + DETAIL_BATCH_SIZE);
    const { response } = await transport.callShop(
      {
        method: 'GET',
        path: '/api/v2/order/get_order_detail',
        query: {
          order_sn_list: batch.join(','),
          response_optional_fields: ORDER_DETAIL_OPTIONAL_FIELDS.join(','),
        },
      },
      RawOrderDetailResponse,
    );
    for (const raw of response.order_list ?? []) found.set(raw.order_sn, toPlatformOrder(raw));
  }
  return unique.flatMap((id) => found.get(id) ?? []);
}

function encodeToken(token: OrderPageToken): string {
  return Buffer.from(JSON.stringify([token.sliceFromSec, token.cursor])).toString('base64url');
}

function decodeToken(pageToken: string): OrderPageToken {
  try {
    const value = JSON.parse(Buffer.from(pageToken, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && Number.isInteger(value[0]) && typeof value[1] === 'string') {
      return { sliceFromSec: value[0] as number, cursor: value[1] };
    }
  } catch {
    // Falls through to the error below.
  }
  throw new ConnectorError('REJECTED', 'not a Shopee order page token');
}
