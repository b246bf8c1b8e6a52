/**
 * listCatalog for Shopee (shopee.md §2.7, §2.10): one connector page is one get_item_list page
 * (offset/page_size ≤ 100, NORMAL items), completed with get_item_base_info (≤ 50 ids per call)
 * and get_model_list for each item that has models. The page token is Shopee's next_offset.
 * Failures are not retried here: the caller retries a page (http/retry.ts withRetries).
 */
import type { Page, PlatformListing } from '../contract.ts';
import { ConnectorError } from '../errors.ts';
import { toItemListings } from './mapping.ts';
import { DETAIL_BATCH_SIZE, ITEM_LIST_PAGE_SIZE } from './options.ts';
import {
  RawItemBaseInfoResponse,
  RawItemListResponse,
  RawModelListResponse,
  type RawItemBaseInfo,
  type RawModel,
} from './raw-types.ts';
import type { ShopeeTransport } from './transport.ts';

/** One page of the shop's NORMAL listings with their seller stock. */
export async function listShopeeCatalog(
  transport: ShopeeTransport,
  pageToken: string | null,
): Promise<Page<PlatformListing>> {
  const offset = parseOffset(pageToken);
  const page = await transport.callShop(
    {
      method: 'GET',
      path: '/api/v2/product/get_item_list',
      query: {
        offset: String(offset),
        page_size: String(ITEM_LIST_PAGE_SIZE),
        item_status: 'NORMAL',
      },
    },
    RawItemListResponse,
  );
  const itemIds = (page.response.item ?? []).map((item) => item.item_id);
  const items = await fetchBaseInfo(transport, itemIds);
  const listings: PlatformListing[] = [];
  for (const item of items) {
    const models = item.has_model ? await fetchModels(transport, item.item_id) : [];
    listings.push(...toItemListings(item, models));
  }
  const { has_next_page: more, next_offset: nextOffset } = page.response;
  return {
    items: listings,
    nextPageToken: more ? String(nextOffset ?? offset + itemIds.length) : null,
  };
}

/** Base info in list order, 50 ids per call. */
async function fetchBaseInfo(
  transport: ShopeeTransport,
  itemIds: number[],
): Promise<RawItemBaseInfo[]> {
  const found = new Map<number, RawItemBaseInfo>();
  for (let start = 0; start < itemIds.length; start += DETAIL_BATCH_SIZE) {
    const batch = itemIds.slice(start, start + DETAIL_BATCH_SIZE);
    const { response } = await transport.callShop(
      {
        method: 'GET',
        path: '/api/v2/product/get_item_base_info',
        query: { item_id_list: batch.join(',') },
      },
      RawItemBaseInfoResponse,
    );
    for (const item of response.item_list ?? []) found.set(item.item_id, item);
  }
  // An item deleted between the two calls is simply absent.
  return itemIds.flatMap((id) => found.get(id) ?? []);
}

async function fetchModels(transport: ShopeeTransport, itemId: number): Promise<RawModel[]> {
  const { response } = await transport.callShop(
    { method: 'GET', path: '/api/v2/product/get_model_list', query: { item_id: String(itemId) } },
    RawModelListResponse,
  );
  return response.model ?? [];
}

function parseOffset(pageToken: string | null): number {
  if (pageToken === null || pageToken === '') return 0;
  if (!/^\d{1,9}$/.test(pageToken)) {
    throw new ConnectorError('REJECTED', `not a Shopee catalogue page token: ${pageToken}`);
  }
  return Number(pageToken);
}
