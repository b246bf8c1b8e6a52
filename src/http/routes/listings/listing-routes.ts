/**
 * /v1/listings: each shop's platform listings, with the unmatched ones the seller must map, and
 * the mapping itself (a new mapping re-applies the orders that waited for it).
 */
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { actorOf } from '../../auth.ts';
import { sendOutcome } from '../../error-reply.ts';
import { withErrors } from '../../schemas/common.ts';
import {
  ListingMapping,
  ListingPage,
  ListingParams,
  ListingQuery,
  ListingView,
} from './listing-schemas.ts';

const tags = ['listings'];

export function registerListingRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/v1/listings',
    {
      schema: {
        tags,
        summary: 'Listings by id, by shop, SKU or unmatched; page on with `after`',
        querystring: ListingQuery,
        response: withErrors({ 200: ListingPage }),
      },
    },
    async (request) => {
      const q = request.query;
      // One row more than asked tells whether another page follows.
      const rows = await deps.sync.listings.list(actorOf(request), {
        shopId: q.shop,
        unmatchedOnly: q.unmatched,
        sku: q.sku,
        limit: q.limit + 1,
        after: q.after,
      });
      const items = rows.slice(0, q.limit);
      const more = rows.length > q.limit;
      return { items, nextAfter: more ? (items.at(-1)?.id ?? null) : null };
    },
  );

  app.patch(
    '/v1/listings/:id',
    {
      schema: {
        tags,
        summary: 'Map a listing to a SKU or bundle (or unmap it with sku null)',
        params: ListingParams,
        body: ListingMapping,
        response: withErrors({ 200: ListingView }),
      },
    },
    async (request, reply) => {
      const outcome = await deps.sync.listings.map(
        actorOf(request),
        request.params.id,
        request.body,
      );
      return sendOutcome(request, reply, outcome, { view: (v) => v });
    },
  );
}
