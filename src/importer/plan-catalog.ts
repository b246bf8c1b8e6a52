/**
 * Compares the warehouses, SKUs and bundles a file describes with what the database holds: what
 * to create, what to change (only details the file gives and that differ), and what cannot be
 * done (a new SKU without a name, a component nobody knows, a plain SKU turned into a bundle).
 * Pure over the draft and the existing state.
 */
import type { SkuFields } from '../store/skus-repo.ts';
import type { WarehouseFields, WarehouseKind } from '../store/warehouses-repo.ts';
import type { ImportDraft, SkuDraft } from './assemble.ts';
import type { ExistingSku, ExistingState } from './existing-state.ts';
import type { ComponentSpec } from './parse-cell.ts';
import type { Report } from './plan-report.ts';

export interface WarehouseCreate {
  code: string;
  name: string;
  kind: WarehouseKind;
  country: string | null;
  /** Named only by stock rows of a file without a Warehouses sheet. */
  autoCreated: boolean;
}

export interface SkuCreate extends SkuFields {
  code: string;
  components?: ComponentSpec[];
}

export interface CatalogPlan {
  warehousesToCreate: WarehouseCreate[];
  warehousesToUpdate: { code: string; patch: Partial<WarehouseFields> }[];
  skusToCreate: SkuCreate[];
  bundlesToCreate: SkuCreate[];
  skusToUpdate: { code: string; patch: Partial<SkuFields> & { components?: ComponentSpec[] } }[];
}

export function planCatalog(draft: ImportDraft, state: ExistingState, report: Report): CatalogPlan {
  const plan: CatalogPlan = {
    warehousesToCreate: [],
    warehousesToUpdate: [],
    skusToCreate: [],
    bundlesToCreate: [],
    skusToUpdate: [],
  };
  planWarehouses(draft, state, plan);
  for (const sku of draft.skus.values()) {
    const existing = state.skus.get(sku.code);
    if (existing) planExistingSku(sku, existing, { draft, state, report, plan });
    else planNewSku(sku, { draft, state, report, plan });
  }
  return plan;
}

function planWarehouses(draft: ImportDraft, state: ExistingState, plan: CatalogPlan): void {
  for (const w of draft.warehouses.values()) {
    const existing = state.warehouses.get(w.code);
    if (!existing) {
      const { code, name = code, kind = 'domestic', country = null } = w;
      plan.warehousesToCreate.push({ code, name, kind, country, autoCreated: false });
      continue;
    }
    const patch: Partial<WarehouseFields> = {};
    if (w.name !== undefined && w.name !== existing.name) patch.name = w.name;
    if (w.kind !== undefined && w.kind !== existing.kind) patch.kind = w.kind;
    if (w.country !== undefined && w.country !== existing.country) patch.country = w.country;
    if (Object.keys(patch).length > 0) plan.warehousesToUpdate.push({ code: w.code, patch });
  }
  if (draft.hasWarehouseSheet) return;
  const named = new Set(draft.stock.map((line) => line.warehouse));
  for (const code of named) {
    if (!state.warehouses.has(code) && !draft.warehouses.has(code))
      plan.warehousesToCreate.push({
        code,
        name: code,
        kind: 'domestic',
        country: null,
        autoCreated: true,
      });
  }
}

interface Ctx {
  draft: ImportDraft;
  state: ExistingState;
  report: Report;
  plan: CatalogPlan;
}

function fieldsOf(sku: SkuDraft): Partial<SkuFields> {
  const d = sku.details;
  const fields: Partial<SkuFields> = {};
  if (d.name !== undefined) fields.name = d.name;
  if (d.barcode !== undefined) fields.barcode = d.barcode;
  if (d.costMinor !== undefined) fields.unitCostMinor = d.costMinor;
  if (d.currency !== undefined) fields.currency = d.currency;
  if (d.lowStockThreshold !== undefined) fields.lowStockThreshold = d.lowStockThreshold;
  if (d.allowBackorder !== undefined) fields.allowBackorder = d.allowBackorder;
  return fields;
}

function planExistingSku(sku: SkuDraft, existing: ExistingSku, ctx: Ctx): void {
  const components = sku.details.components;
  if (components && !existing.isBundle && sku.origin.components)
    return ctx.report(sku.origin.components, 'components', 'PLAIN_SKU_CANNOT_BECOME_BUNDLE', {
      sku: sku.code,
    });
  const patch: CatalogPlan['skusToUpdate'][number]['patch'] = {};
  const current: Record<string, unknown> = { ...existing };
  for (const [field, value] of Object.entries(fieldsOf(sku))) {
    if (current[field] !== value) (patch as Record<string, unknown>)[field] = value;
  }
  if (components && !sameComponents(components, existing.components) && checkComponents(sku, ctx))
    patch.components = components;
  if (Object.keys(patch).length > 0) ctx.plan.skusToUpdate.push({ code: sku.code, patch });
}

function planNewSku(sku: SkuDraft, ctx: Ctx): void {
  const fields = fieldsOf(sku);
  const hasDetails = Object.keys(sku.origin).length > 0;
  // A SKU named only by stock rows is reported on those rows (plan-stock.ts).
  if (!hasDetails) return;
  if (fields.name === undefined) {
    const at = Object.values(sku.origin)[0] ?? sku.firstSeen;
    return ctx.report(at, 'name', 'NEW_SKU_NEEDS_NAME', { sku: sku.code }, 'sku');
  }
  const create: SkuCreate = {
    code: sku.code,
    name: fields.name,
    barcode: fields.barcode ?? null,
    unitCostMinor: fields.unitCostMinor ?? null,
    currency: fields.currency ?? null,
    lowStockThreshold: fields.lowStockThreshold ?? null,
    allowBackorder: fields.allowBackorder ?? false,
    active: true,
  };
  const components = sku.details.components;
  if (!components) return void ctx.plan.skusToCreate.push(create);
  if (checkComponents(sku, ctx)) ctx.plan.bundlesToCreate.push({ ...create, components });
}

/** Every component must be a plain SKU that exists or that this file creates. */
function checkComponents(sku: SkuDraft, ctx: Ctx): boolean {
  const at = sku.origin.components;
  for (const c of sku.details.components ?? []) {
    const existing = ctx.state.skus.get(c.sku);
    const inFile = ctx.draft.skus.get(c.sku);
    const willExist = existing !== undefined || inFile?.details.name !== undefined;
    if (at && !willExist) ctx.report(at, 'components', 'UNKNOWN_SKU', { sku: c.sku });
    else if (at && existing?.isBundle)
      ctx.report(at, 'components', 'COMPONENT_IS_BUNDLE', { component: c.sku });
    else continue;
    return false;
  }
  return true;
}

function sameComponents(a: readonly ComponentSpec[], b: readonly ComponentSpec[]): boolean {
  const key = (list: readonly ComponentSpec[]) =>
    list
      .map((c) => `${c.sku}*${c.quantity}`)
      .sort()
      .join('+');
  return key(a) === key(b);
}
