/**
 * Listings Items 2021-08-01 (amazon.md §4.3): getListingsItem, searchListingsItems (pageSize 1–20,
 * pageToken, sortBy/sortOrder) and patchListingsItem (its body's rules in listing-patch.ts).
 * Accepted patches apply at once here (Amazon queues them: ACCEPTED is asynchronous).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { invalidInput, notFound, sendBody, sendError } from './answers.ts';
import type { AmazonContext } from './context.ts';
import { admitApiCall, finish, queryOf } from './gate.ts';
import { applyPatch, checkPatchBody, validatePatch } from './listing-patch.ts';
import type { PatchBody } from './listing-patch.ts';
import type { ListingRecord, ShopRecord } from './state.ts';

const BASE = '/listings/2021-08-01/items';
const MAX_PAGE_SIZE = 20;
const DEFAULT_PAGE_SIZE = 10;

type SellerParams = { Params: { sellerId: string } };
type SkuParams = { Params: { sellerId: string; sku: string } };

export function registerListingsRoutes(app: FastifyInstance, context: AmazonContext): void {
  app.get<SellerParams>(`${BASE}/:sellerId`, async (request, reply) => {
    const { sellerId } = request.params;
    const caller = await admitApiCall(context, request, reply, {
      operation: 'searchListingsItems',
      sellerId,
    });
    if (!caller) return reply;
    const query = queryOf(request);
    const problem = checkMarketplace(caller.shop, query);
    if (problem) return sendError(reply, invalidInput(problem));
    const pageSize = Number(query.get('pageSize') ?? DEFAULT_PAGE_SIZE);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
      return sendError(reply, invalidInput(`pageSize must be between 1 and ${MAX_PAGE_SIZE}`));
    const offset = decodePageToken(query.get('pageToken'));
    if (offset === null) return sendError(reply, invalidInput('Invalid pageToken'));
    const order = sortOf(query);
    if (!order) return sendError(reply, invalidInput('Invalid sortBy or sortOrder'));
    const all = [...caller.shop.listings.values()].sort(order);
    const page = all.slice(offset, offset + pageSize);
    const included = includedData(query);
    const next = offset + pageSize < all.length ? encodePageToken(offset + pageSize) : undefined;
    return sendBody(
      reply,
      {
        numberOfResults: all.length,
        pagination: next ? { nextToken: next } : {},
        items: page.map((listing) => listingJson(caller.shop, listing, included)),
      },
      context.rateOf('searchListingsItems'),
    );
  });

  app.get<SkuParams>(`${BASE}/:sellerId/:sku`, async (request, reply) => {
    const { sellerId, sku } = request.params;
    const caller = await admitApiCall(context, request, reply, {
      operation: 'getListingsItem',
      sellerId,
    });
    if (!caller) return reply;
    const query = queryOf(request);
    const problem = checkMarketplace(caller.shop, query);
    if (problem) return sendError(reply, invalidInput(problem));
    const listing = caller.shop.listings.get(sku);
    if (!listing) return skuNotFound(reply, caller.shop, sku);
    return sendBody(
      reply,
      listingJson(caller.shop, listing, includedData(query)),
      context.rateOf('getListingsItem'),
    );
  });

  app.patch<SkuParams>(`${BASE}/:sellerId/:sku`, async (request, reply) => {
    const { sellerId, sku } = request.params;
    const caller = await admitApiCall(context, request, reply, {
      operation: 'patchListingsItem',
      sellerId,
    });
    if (!caller) return reply;
    const query = queryOf(request);
    const problem = checkMarketplace(caller.shop, query) ?? checkPatchBody(request.body);
    if (problem) return sendError(reply, invalidInput(problem));
    const listing = caller.shop.listings.get(sku);
    if (!listing) return skuNotFound(reply, caller.shop, sku);
    const body = request.body as PatchBody;
    const issues = validatePatch(listing, body);
    const preview = query.get('mode') === 'VALIDATION_PREVIEW';
    const status = issues.length > 0 ? 'INVALID' : preview ? 'VALID' : 'ACCEPTED';
    if (status === 'ACCEPTED') applyPatch(context, listing, body);
    const answer = { sku, status, submissionId: context.nextId('sub-'), issues };
    return finish(caller, reply, () =>
      sendBody(reply, answer, context.rateOf('patchListingsItem')),
    );
  });
}

function checkMarketplace(shop: ShopRecord, query: URLSearchParams): string | null {
  const ids = (query.get('marketplaceIds') ?? '').split(',').filter(Boolean);
  if (ids.length === 0) return 'Missing required parameter: marketplaceIds';
  if (ids.some((id) => id !== shop.marketplaceId))
    return `Invalid marketplaceIds: ${ids.join(',')}`;
  return null;
}

function listingJson(shop: ShopRecord, listing: ListingRecord, included: Set<string>): unknown {
  return {
    sku: listing.sku,
    ...(included.has('summaries')
      ? {
          summaries: [
            {
              marketplaceId: shop.marketplaceId,
              asin: listing.asin,
              productType: listing.productType,
              conditionType: 'new_new',
              status: ['BUYABLE', 'DISCOVERABLE'],
              itemName: listing.title,
              createdDate: '2024-01-01T00:00:00Z',
              lastUpdatedDate: '2024-01-01T00:00:00Z',
            },
          ],
        }
      : {}),
    ...(included.has('fulfillmentAvailability')
      ? {
          fulfillmentAvailability: [...listing.channels].map(([code, stock]) => ({
            fulfillmentChannelCode: code,
            quantity: stock.quantity,
          })),
        }
      : {}),
  };
}

/**
 * searchListingsItems' order: lastUpdatedDate DESC by default (listingsItems model), so a page
 * token over the default order skips or repeats listings updated while paging; sortBy=sku is
 * stable.
 */
function sortOf(query: URLSearchParams): ((a: ListingRecord, b: ListingRecord) => number) | null {
  const by = query.get('sortBy') ?? 'lastUpdatedDate';
  const direction = query.get('sortOrder') ?? 'DESC';
  if (!['ASC', 'DESC'].includes(direction)) return null;
  const sign = direction === 'ASC' ? 1 : -1;
  const keys: Record<string, (l: ListingRecord) => number | string> = {
    sku: (l) => l.sku,
    createdDate: (l) => l.createdMs,
    lastUpdatedDate: (l) => l.updatedMs,
  };
  const key = keys[by];
  if (!key) return null;
  return (a, b) => {
    const [x, y] = [key(a), key(b)];
    return (x < y ? -1 : x > y ? 1 : a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0) * sign;
  };
}

/** includedData defaults to summaries (listingsItems model). */
function includedData(query: URLSearchParams): Set<string> {
  const raw = query.get('includedData');
  return new Set(raw ? raw.split(',') : ['summaries']);
}

function skuNotFound(reply: FastifyReply, shop: ShopRecord, sku: string): FastifyReply {
  return sendError(
    reply,
    notFound('NOT_FOUND', `SKU '${sku}' not found in marketplace ${shop.marketplaceId}`),
  );
}

function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodePageToken(token: string | null): number | null {
  if (token === null || token === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    return Number.isInteger(parsed.o) && (parsed.o as number) >= 0 ? (parsed.o as number) : null;
  } catch {
    return null;
  }
}
