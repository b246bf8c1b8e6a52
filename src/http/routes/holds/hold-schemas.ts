/** Hold (reservation) request and response shapes. */
import { z } from 'zod';
import { HOLD_STATUSES } from '../../../domain/holds.ts';
import { Code, Quantity, label } from '../../schemas/common.ts';

export const HoldCreate = z.strictObject({
  sku: Code.meta({ description: 'A plain SKU or a bundle (all its components are held at once)' }),
  warehouse: Code,
  quantity: Quantity,
  orderRef: label(200).meta({ description: "The marketplace's order id", example: 'TT-5829301' }),
  lineRef: label(200).nullable().optional(),
  paid: z
    .boolean()
    .optional()
    .meta({ description: 'Already paid: starts confirmed and never expires' }),
  expiresInMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .optional()
    .meta({ description: "Unpaid expiry for this hold; default the tenant's (15 minutes)" }),
});

export const HoldView = z
  .object({
    id: z.string(),
    sku: z.string(),
    warehouse: z.string(),
    quantity: z.number(),
    status: z.enum(HOLD_STATUSES),
    orderRef: z.string(),
    lineRef: z.string().nullable(),
    expiresAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lines: z.array(z.object({ sku: z.string(), quantity: z.number() })),
    replayed: z
      .boolean()
      .optional()
      .meta({ description: 'True when an earlier request with this key is answered' }),
  })
  .meta({ id: 'Hold' });

export const HoldQuery = z.object({
  orderRef: label(200).optional(),
  status: z
    .union([z.string().max(100), z.array(z.string().max(20)).max(10)])
    .transform((v) =>
      [v]
        .flat()
        .flatMap((s) => s.split(','))
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(HOLD_STATUSES)).max(20))
    .optional(),
  sku: Code.optional(),
  warehouse: Code.optional(),
  cursor: label(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const HoldParams = z.object({ id: label(100) });
