/** SKU request and response shapes. Money travels as a decimal string with its currency. */
import { z } from 'zod';
import { formatMinorAsDecimal } from '../../../domain/money.ts';
import type { SkuRecord } from '../../../store/skus-repo.ts';
import { Code, isoOf, label, text } from '../../schemas/common.ts';

const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .meta({ description: 'ISO 4217', example: 'USD' });
const UnitCost = z
  .string()
  .regex(/^\d{1,13}(\.\d{1,4})?$/)
  .meta({ description: 'Decimal string in the currency, e.g. "12.50"', example: '12.50' });
const Threshold = z.number().int().min(0).max(1_000_000_000);

const Component = z.strictObject({ sku: Code, quantity: z.number().int().min(1).max(10_000) });

const skuFields = {
  name: label(200),
  barcode: text(64).nullable().optional(),
  unitCost: UnitCost.nullable().optional(),
  currency: Currency.nullable().optional(),
  lowStockThreshold: Threshold.nullable().optional().meta({
    description: "Below this available quantity the SKU shows as low; null uses the tenant's",
  }),
  allowBackorder: z.boolean().optional(),
  active: z.boolean().optional(),
};

const costNeedsCurrency = (b: { unitCost?: string | null; currency?: string | null }) =>
  b.unitCost === undefined || b.unitCost === null || typeof b.currency === 'string';

export const SkuCreate = z
  .strictObject({
    code: Code,
    ...skuFields,
    components: z.array(Component).min(1).max(50).optional().meta({
      description: 'Makes this SKU a bundle (or multi-pack) of these plain SKUs; fixed at creation',
    }),
  })
  .refine(costNeedsCurrency, { path: ['currency'], message: 'required with unitCost' });

export const SkuPatch = z
  .strictObject({
    name: skuFields.name.optional(),
    barcode: skuFields.barcode,
    unitCost: skuFields.unitCost,
    currency: skuFields.currency,
    lowStockThreshold: skuFields.lowStockThreshold,
    allowBackorder: skuFields.allowBackorder,
    active: skuFields.active,
    components: z.array(Component).min(1).max(50).optional(),
  })
  .refine(costNeedsCurrency, { path: ['currency'], message: 'required with unitCost' });

const skuViewFields = {
  code: z.string(),
  name: z.string(),
  barcode: z.string().nullable(),
  unitCost: z.string().nullable(),
  currency: z.string().nullable(),
  lowStockThreshold: z.number().nullable(),
  allowBackorder: z.boolean(),
  isBundle: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const SkuSummaryView = z.object(skuViewFields).meta({ id: 'SkuSummary' });
export const SkuView = z
  .object({
    ...skuViewFields,
    components: z.array(z.object({ sku: z.string(), quantity: z.number() })),
  })
  .meta({ id: 'Sku' });

export const SkuPage = z.object({
  items: z.array(SkuSummaryView),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});

export function toSkuSummary(s: Omit<SkuRecord, 'components'>): z.output<typeof SkuSummaryView> {
  return {
    code: s.code,
    name: s.name,
    barcode: s.barcode,
    unitCost:
      s.unitCostMinor === null || s.currency === null
        ? null
        : formatMinorAsDecimal(s.unitCostMinor, s.currency),
    currency: s.currency,
    lowStockThreshold: s.lowStockThreshold,
    allowBackorder: s.allowBackorder,
    isBundle: s.isBundle,
    active: s.active,
    createdAt: isoOf(s.createdAtMs),
    updatedAt: isoOf(s.updatedAtMs),
  };
}

export function toSkuView(s: SkuRecord): z.output<typeof SkuView> {
  return { ...toSkuSummary(s), components: s.components };
}
