/**
 * SKUs (with bundle definitions) and warehouses. Not stock: catalogue changes never touch the
 * ledger. Bundle rules: components are existing plain SKUs with positive quantities.
 */
import type { Kysely } from 'kysely';
import { validateBundleDefinition } from '../domain/bundles.ts';
import { fail, succeed, type Outcome } from '../domain/outcome.ts';
import type { Clock } from '../ports/clock.ts';
import { findSkusByCodes } from '../store/catalog-lookup.ts';
import type { DB } from '../store/schema.ts';
import {
  findSku,
  insertSku,
  replaceBundleComponents,
  updateSku,
  type SkuFields,
  type SkuRecord,
} from '../store/skus-repo.ts';
import {
  findWarehouse,
  insertWarehouse,
  updateWarehouse,
  type WarehouseFields,
  type WarehouseRecord,
} from '../store/warehouses-repo.ts';

export interface SkuInput extends Partial<SkuFields> {
  code: string;
  name: string;
  /** Present (non-empty) for a bundle or multi-pack. */
  components?: { sku: string; quantity: number }[];
}

export const SKU_DEFAULTS: SkuFields = {
  name: '',
  barcode: null,
  unitCostMinor: null,
  currency: null,
  lowStockThreshold: null,
  allowBackorder: false,
  active: true,
};

export class CatalogService {
  constructor(private readonly deps: { db: Kysely<DB>; clock: Clock }) {}

  createSku(tenantId: string, input: SkuInput): Promise<Outcome<SkuRecord>> {
    return this.deps.db.transaction().execute(async (trx) => {
      const isBundle = (input.components?.length ?? 0) > 0;
      const resolved = isBundle
        ? await resolveComponents(trx, tenantId, input.code, input.components ?? [])
        : succeed([]);
      if (!resolved.ok) return resolved;
      const { components: _omit, ...fields } = input;
      void _omit;
      // An explicit `undefined` means "not given": it must not override a default.
      const id = await insertSku(trx, tenantId, {
        ...SKU_DEFAULTS,
        ...withoutUndefined(fields),
        code: input.code,
        name: input.name,
        isBundle,
        nowMs: this.deps.clock.nowMs(),
      });
      if (id === null) return fail('SKU_EXISTS', { sku: input.code });
      await replaceBundleComponents(trx, tenantId, id, resolved.value);
      return succeed(await mustFindSku(trx, tenantId, input.code));
    });
  }

  /** Changes a SKU's fields; `components` may only be given for a bundle (it replaces them). */
  updateSku(
    tenantId: string,
    code: string,
    patch: Partial<SkuFields> & { components?: { sku: string; quantity: number }[] },
  ): Promise<Outcome<SkuRecord>> {
    return this.deps.db.transaction().execute(async (trx) => {
      const existing = await findSku(trx, tenantId, code);
      if (!existing) return fail('SKU_NOT_FOUND', { sku: code });
      const { components, ...fields } = patch;
      if (components !== undefined) {
        if (!existing.isBundle) return fail('NOT_A_BUNDLE', { sku: code });
        const resolved = await resolveComponents(trx, tenantId, code, components);
        if (!resolved.ok) return resolved;
        await replaceBundleComponents(trx, tenantId, existing.id, resolved.value);
      }
      await updateSku(trx, tenantId, code, { ...fields, nowMs: this.deps.clock.nowMs() });
      return succeed(await mustFindSku(trx, tenantId, code));
    });
  }

  async createWarehouse(
    tenantId: string,
    input: Partial<WarehouseFields> & { code: string; name: string; kind: WarehouseFields['kind'] },
  ): Promise<Outcome<WarehouseRecord>> {
    const created = await insertWarehouse(this.deps.db, tenantId, {
      country: null,
      active: true,
      ...input,
      nowMs: this.deps.clock.nowMs(),
    });
    if (!created) return fail('WAREHOUSE_EXISTS', { warehouse: input.code });
    const record = await findWarehouse(this.deps.db, tenantId, input.code);
    return record ? succeed(record) : fail('WAREHOUSE_NOT_FOUND', { warehouse: input.code });
  }

  async updateWarehouse(
    tenantId: string,
    code: string,
    patch: Partial<WarehouseFields>,
  ): Promise<Outcome<WarehouseRecord>> {
    const record = await updateWarehouse(this.deps.db, tenantId, code, {
      ...patch,
      nowMs: this.deps.clock.nowMs(),
    });
    return record ? succeed(record) : fail('WAREHOUSE_NOT_FOUND', { warehouse: code });
  }
}

async function mustFindSku(db: Kysely<DB>, tenantId: string, code: string): Promise<SkuRecord> {
  const sku = await findSku(db, tenantId, code);
  if (!sku) throw new Error(`SKU ${code} vanished inside its own transaction`);
  return sku;
}

async function resolveComponents(
  db: Kysely<DB>,
  tenantId: string,
  bundleCode: string,
  components: readonly { sku: string; quantity: number }[],
): Promise<Outcome<{ skuId: number; quantity: number }[]>> {
  if (components.some((c) => c.sku === bundleCode))
    return fail('INVALID_BUNDLE', { sku: bundleCode, reason: 'a bundle cannot contain itself' });
  const found = await findSkusByCodes(
    db,
    tenantId,
    components.map((c) => c.sku),
  );
  const resolved: { skuId: number; quantity: number }[] = [];
  for (const c of components) {
    const ref = found.get(c.sku);
    if (!ref) return fail('SKU_NOT_FOUND', { sku: c.sku, bundle: bundleCode });
    if (ref.isBundle)
      return fail('INVALID_BUNDLE', {
        sku: bundleCode,
        component: c.sku,
        reason: 'a component must be a plain SKU',
      });
    if (resolved.some((r) => r.skuId === ref.id))
      return fail('INVALID_BUNDLE', {
        sku: bundleCode,
        component: c.sku,
        reason: 'component listed twice',
      });
    resolved.push({ skuId: ref.id, quantity: c.quantity });
  }
  const problem = validateBundleDefinition(null, resolved);
  return problem ? fail('INVALID_BUNDLE', { sku: bundleCode, reason: problem }) : succeed(resolved);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
