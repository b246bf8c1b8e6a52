/**
 * setStock for Shopee: `POST /api/v2/product/update_stock` takes one item_id per call with 1–50
 * models in stock_list (shopee.md §2.7), so pushes are grouped by item and split into calls of at
 * most 50 distinct models (a repeated model_id would fail the whole call: "Repeat model_id.").
 * Results are per listing, in the order given. Pushes are not retried here: the outbox does. One
 * call failing while the others go through fails only its own listings (../stock-calls.ts).
 */
import type { ListingRef, SetStockOptions, StockPushItem, StockPushResult } from '../contract.ts';
import { isConnectorError } from '../errors.ts';
import { STOCK_WRITE_TIMEOUT_MS } from '../http/send-request.ts';
import { runStockCalls } from '../stock-calls.ts';
import { toStockListEntry, toStockPushResults } from './mapping.ts';
import { SHOPEE_PUSH_CONCURRENCY, STOCK_LIST_MAX } from './options.ts';
import { RawUpdateStockResponse } from './raw-types.ts';
import type { ShopeeTransport } from './transport.ts';

const UPDATE_STOCK_PATH = '/api/v2/product/update_stock';
const DECIMAL_ID = /^\d{1,16}$/;

interface IndexedItem {
  index: number;
  item: StockPushItem;
}

/** Pushes absolute seller stock; whole-call refusals of one item fail that item's listings only. */
export async function pushShopeeStock(
  transport: ShopeeTransport,
  items: StockPushItem[],
  options?: SetStockOptions,
): Promise<StockPushResult[]> {
  const results: StockPushResult[] = new Array<StockPushResult>(items.length);
  const valid: IndexedItem[] = [];
  items.forEach((item, index) => {
    if (isShopeeRef(item.listing)) valid.push({ index, item });
    else results[index] = invalidRef(item.listing);
  });
  // A few items at a time (the client limiter paces them to the shop's rate): one at a time, a
  // round of 30 items at 150 ms each took seconds, and one slow answer held all behind it. A call
  // failing at random while the others go through fails only its own listings (../stock-calls.ts).
  const calls = toCalls(valid);
  const perCall = await runStockCalls(calls, {
    concurrency: SHOPEE_PUSH_CONCURRENCY,
    onCallAnswered: options?.onCallAnswered,
    listingsOf: (call) => call.map((entry) => entry.item.listing),
    send: (call) => pushOneCall(transport, call),
  });
  calls.forEach((call, c) =>
    call.forEach((entry, i) => {
      results[entry.index] = perCall[c]?.[i] ?? notReported(entry.item.listing);
    }),
  );
  return results;
}

async function pushOneCall(
  transport: ShopeeTransport,
  call: IndexedItem[],
): Promise<StockPushResult[]> {
  const listings = call.map((entry) => entry.item.listing);
  try {
    const { envelope, response } = await transport.callShop(
      {
        method: 'POST',
        path: UPDATE_STOCK_PATH,
        body: {
          item_id: Number(listings[0]?.itemId),
          stock_list: call.map((entry) => toStockListEntry(entry.item)),
        },
        // A partial failure comes with this top-level error and both lists (§2.7).
        acceptErrors: ['error_busi_update_stock_failed'],
        timeoutCapMs: STOCK_WRITE_TIMEOUT_MS,
      },
      RawUpdateStockResponse,
    );
    return toStockPushResults(listings, response, envelope.error ?? '');
  } catch (error) {
    if (!isConnectorError(error) || error.code !== 'REJECTED') throw error;
    // The item itself was refused (not found, wrong location, below reserved): only its listings fail.
    const platformCode = error.platformCode ?? 'REJECTED';
    return listings.map((listing) => ({
      listing,
      ok: false,
      platformCode,
      message: error.message,
      retryable: false,
    }));
  }
}

/** Groups by item (first-seen order), then cuts at 50 models or at a repeated model. */
function toCalls(items: IndexedItem[]): IndexedItem[][] {
  const byItem = new Map<string, IndexedItem[][]>();
  for (const entry of items) {
    const calls = byItem.get(entry.item.listing.itemId) ?? [];
    byItem.set(entry.item.listing.itemId, calls);
    const modelId = modelIdOf(entry.item.listing);
    const last = calls[calls.length - 1];
    const fits =
      last !== undefined &&
      last.length < STOCK_LIST_MAX &&
      !last.some((other) => modelIdOf(other.item.listing) === modelId);
    if (fits) last.push(entry);
    else calls.push([entry]);
  }
  return [...byItem.values()].flat();
}

function modelIdOf(listing: ListingRef): string {
  return listing.variantId === '' ? '0' : listing.variantId;
}

function isShopeeRef(listing: ListingRef): boolean {
  return (
    DECIMAL_ID.test(listing.itemId) &&
    (listing.variantId === '' || DECIMAL_ID.test(listing.variantId))
  );
}

function invalidRef(listing: ListingRef): StockPushResult {
  const message = 'item_id and model_id must be Shopee decimal ids';
  return { listing, ok: false, platformCode: 'invalid_listing_ref', message, retryable: false };
}

function notReported(listing: ListingRef): StockPushResult {
  const message = 'update_stock did not report this model';
  return { listing, ok: false, platformCode: 'not_reported', message, retryable: true };
}
