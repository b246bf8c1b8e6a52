/**
 * Allocation policy shapes. The request schema checks only structure and size (numbers are
 * numbers, records are bounded); the rules (counts are whole and non-negative, a minimum not
 * above its cap, adaptive needs its settings, ...) are the domain's validatePolicy, whose
 * problems answer 400 INVALID_POLICY with every broken rule named.
 */
import { z } from 'zod';
import {
  ALLOCATION_MODES,
  MAX_POLICY_UNITS,
  MAX_ROUND_TRIP_SECONDS,
  MAX_SAFETY_FACTOR,
  MAX_WEIGHT,
} from '../../../domain/allocation/index.ts';
import { Code, text } from '../../schemas/common.ts';

const MAX_SHOPS_PER_POLICY = 1000;
const units = `0 to ${MAX_POLICY_UNITS.toLocaleString('en-US')}`;
const ShopId = text(100).meta({ description: "A shop's id" });

function perShop(description: string) {
  return z
    .record(ShopId, z.number())
    .refine((r) => Object.keys(r).length <= MAX_SHOPS_PER_POLICY, {
      message: `at most ${MAX_SHOPS_PER_POLICY} shops`,
    })
    .optional()
    .meta({ description });
}

export const AllocationPolicySchema = z
  .strictObject({
    mode: z.enum(ALLOCATION_MODES).meta({
      description:
        'shared: every shop shows the whole pool; partitioned: the pool is split by weight; ' +
        'adaptive: shared while the pool covers the sales expected in one sync round-trip',
    }),
    bufferUnits: z
      .number()
      .optional()
      .meta({ description: `Units held back from every shop (${units})` }),
    bufferPercent: z
      .number()
      .optional()
      .meta({ description: 'Percent (0–100, two decimals) held back; the larger buffer wins' }),
    weights: perShop(
      `Partitioned: weight per shop id, 0 to ${MAX_WEIGHT.toLocaleString('en-US')} (a missing shop: 1)`,
    ),
    minPerShop: perShop(
      `Partitioned: units a shop shows at least, stock allowing (${units}, not above its maxPerShop)`,
    ),
    defaultMinPerShop: z
      .number()
      .optional()
      .meta({ description: `Partitioned: the minimum of a shop without its own (${units})` }),
    maxPerShop: perShop(`The most a shop is shown, in units (${units})`),
    priority: z
      .array(ShopId)
      .max(MAX_SHOPS_PER_POLICY)
      .optional()
      .meta({ description: 'Shop ids served first when stock is short' }),
    adaptive: z
      .strictObject({
        roundTripSeconds: z.number().meta({
          description: `Seconds from a sale to every shop showing it: more than 0, at most ${MAX_ROUND_TRIP_SECONDS}`,
        }),
        safetyFactor: z
          .number()
          .optional()
          .meta({ description: `1 to ${MAX_SAFETY_FACTOR}; default 2` }),
      })
      .optional()
      .meta({ description: 'Required when mode is adaptive' }),
  })
  .meta({ id: 'AllocationPolicy' });

export const PolicyView = z
  .object({
    sku: z.string().nullable().meta({ description: "The SKU; null for the tenant's default" }),
    policy: AllocationPolicySchema,
    source: z.enum(['sku', 'tenant', 'built-in']).meta({
      description: "Where the policy comes from: the SKU's own, the tenant default, or built in",
    }),
  })
  .meta({ id: 'AllocationPolicyView' });

export const AllocationView = z
  .object({
    sku: z.string(),
    policy: AllocationPolicySchema,
    warehouses: z.array(
      z.object({
        warehouse: z.string(),
        available: z.number(),
        buffer: z.number().meta({ description: 'Units held back from every shop' }),
        modeUsed: z.string().meta({
          description:
            'shared or partitioned (what adaptive chose); with groups, partitioned when any shop was split at either level',
        }),
        shares: z.array(z.object({ shopId: z.string(), units: z.number() })).meta({
          description: 'What each shop is given, after both levels when shops are grouped',
        }),
        units: z
          .array(z.object({ unit: z.string(), units: z.number(), modeUsed: z.string() }))
          .meta({
            description:
              "The SKU policy's level: each ungrouped shop id and each group's key (group:<id>)",
          }),
        groups: z
          .array(
            z.object({
              groupId: z.number(),
              name: z.string(),
              unitKey: z.string(),
              policy: AllocationPolicySchema,
              available: z.number().meta({ description: "The group's share at the SKU level" }),
              buffer: z.number().meta({ description: "Units the group's policy holds back" }),
              modeUsed: z.string(),
              shares: z.array(
                z.object({
                  shopId: z.string(),
                  units: z.number(),
                  modeUsed: z.string().meta({
                    description: 'partitioned when either level split this shop',
                  }),
                }),
              ),
            }),
          )
          .meta({ description: "Each group taking part, split by the group's own policy" }),
      }),
    ),
    listings: z.array(
      z.object({
        listingId: z.string(),
        shopId: z.string(),
        unitsPerListing: z.number(),
        target: z.number().meta({ description: 'What the listing should show (listing units)' }),
        pushed: z.number().nullable().meta({ description: 'What was last pushed' }),
      }),
    ),
  })
  .meta({ id: 'Allocation' });

export const SkuParams = z.object({ sku: Code });
