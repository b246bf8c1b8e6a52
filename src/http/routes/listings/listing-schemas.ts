/** Listing request and response shapes: the paged list, and a mapping to a SKU or bundle. */
import { z } from 'zod';
import { Code, label } from '../../schemas/common.ts';

/** The most listings one page returns (and the default). */
export const MAX_LISTINGS_PAGE = 500;
const DEFAULT_LISTINGS_PAGE = 100;

export const ListingQuery = z.object({
  shop: label(100).optional().meta({ description: 'Only this shop (its id)' }),
  unmatched: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: 'true: only listings waiting for a mapping' }),
  sku: Code.optional().meta({ description: 'Only listings mapped to this SKU or bundle' }),
  limit: z.coerce.number().int().min(1).max(MAX_LISTINGS_PAGE).default(DEFAULT_LISTINGS_PAGE),
  after: label(100).optional().meta({ description: "The previous page's nextAfter" }),
});

export const ListingMapping = z.strictObject({
  sku: Code.nullable().meta({ description: 'The SKU or bundle it sells; null unmaps it' }),
  unitsPerListing: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .meta({ description: 'Units of the SKU one listing unit takes (a 3-pack: 3)' }),
});

const iso = z.string().nullable();

export const ListingView = z
  .object({
    id: z.string(),
    shopId: z.string(),
    itemId: z.string(),
    variantId: z.string(),
    sellerSku: z.string(),
    title: z.string(),
    sku: z.string().nullable().meta({ description: 'The mapped SKU or bundle; null: unmatched' }),
    unitsPerListing: z.number(),
    match: z.string().meta({ description: 'auto | manual | unmatched' }),
    targetQuantity: z.number().nullable().meta({ description: 'What the listing should show' }),
    pushedQuantity: z.number().nullable().meta({ description: 'What was last pushed' }),
    pushedAt: iso,
    platformQuantity: z.number().nullable().meta({ description: 'What the platform showed' }),
    checkedAt: iso,
    outOfSyncSince: iso,
  })
  .meta({ id: 'Listing' });

export const ListingPage = z.object({
  items: z.array(ListingView),
  nextAfter: z.string().nullable().meta({ description: 'Pass as `after` for the next page' }),
});

export const ListingParams = z.object({ id: label(100) });
