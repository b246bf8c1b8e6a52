/**
 * Lookups commands need inside their transaction: SKUs and warehouses by the codes sellers use,
 * and bundle definitions.
 */
import { sql } from 'kysely';
import type { BundleComponent } from '../domain/bundles.ts';
import { toOperationRecord, type OperationRecord } from './operations-repo.ts';
import type { Tx } from './write-executor.ts';

export interface SkuRef {
  id: number;
  code: string;
  isBundle: boolean;
  allowBackorder: boolean;
}

export interface WarehouseRef {
  id: number;
  code: string;
}

export async function findSkusByCodes(
  trx: Tx,
  tenantId: string,
  codes: readonly string[],
): Promise<Map<string, SkuRef>> {
  if (codes.length === 0) return new Map();
  const rows = await trx
    .selectFrom('skus')
    .select(['id', 'code', 'is_bundle', 'allow_backorder'])
    .where('tenant_id', '=', tenantId)
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, toSkuRef(r)]));
}

export async function findSkusByIds(
  trx: Tx,
  tenantId: string,
  ids: readonly number[],
): Promise<Map<number, SkuRef>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('skus')
    .select(['id', 'code', 'is_bundle', 'allow_backorder'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toSkuRef(r)]));
}

/** What a hold must know before it writes: the key's earlier operation, the SKU, the warehouse. */
export interface HoldTarget {
  operation: OperationRecord | null;
  sku: SkuRef | null;
  warehouse: WarehouseRef | null;
}

/** The one row the hold-target lookup returns (every column null where nothing matched). */
export interface HoldTargetRow {
  sku_id: number | null;
  sku_code: string | null;
  is_bundle: number | null;
  allow_backorder: number | null;
  warehouse_id: number | null;
  warehouse_code: string | null;
  op_kind: string | null;
  op_request_hash: string | null;
  op_result_json: string | null;
}

export interface HoldTargetQuery {
  tenantId: string;
  operationKey: string;
  skuCode: string;
  warehouseCode: string;
}

/** An engine's own way to run the lookup below (the same SQL, prepared once: see dialects/). */
export type HoldTargetReader = (q: HoldTargetQuery) => HoldTargetRow | undefined;

const engineTargetReaders = new WeakMap<Tx, HoldTargetReader>();

/** Called by a write executor for each transaction it hands to commands. */
export function useEngineHoldTargetReader(trx: Tx, reader: HoldTargetReader): void {
  engineTargetReaders.set(trx, reader);
}

/** Reads a hold's target in one statement (one round trip on PostgreSQL instead of three). */
export async function findHoldTarget(trx: Tx, q: HoldTargetQuery): Promise<HoldTarget> {
  const engine = engineTargetReaders.get(trx);
  const row = engine ? engine(q) : (await holdTargetQuery(q).execute(trx)).rows[0];
  if (!row) throw new Error('a one-row select returned no row');
  return toHoldTarget(row);
}

function holdTargetQuery(q: HoldTargetQuery) {
  return sql<HoldTargetRow>`
    select s.id as sku_id, s.code as sku_code, s.is_bundle, s.allow_backorder,
      w.id as warehouse_id, w.code as warehouse_code,
      o.kind as op_kind, o.request_hash as op_request_hash, o.result_json as op_result_json
    from (select 1 as one) as target
    left join skus as s on s.tenant_id = ${q.tenantId} and s.code = ${q.skuCode}
    left join warehouses as w on w.tenant_id = ${q.tenantId} and w.code = ${q.warehouseCode}
    left join operations as o on o.tenant_id = ${q.tenantId} and o.key = ${q.operationKey}
  `;
}

function toHoldTarget(r: HoldTargetRow): HoldTarget {
  return {
    operation:
      r.op_kind !== null && r.op_request_hash !== null && r.op_result_json !== null
        ? toOperationRecord({
            kind: r.op_kind,
            request_hash: r.op_request_hash,
            result_json: r.op_result_json,
          })
        : null,
    sku:
      r.sku_id !== null && r.sku_code !== null
        ? toSkuRef({
            id: r.sku_id,
            code: r.sku_code,
            is_bundle: r.is_bundle ?? 0,
            allow_backorder: r.allow_backorder ?? 0,
          })
        : null,
    warehouse:
      r.warehouse_id !== null && r.warehouse_code !== null
        ? { id: r.warehouse_id, code: r.warehouse_code }
        : null,
  };
}

function toSkuRef(r: {
  id: number;
  code: string;
  is_bundle: number;
  allow_backorder: number;
}): SkuRef {
  return {
    id: r.id,
    code: r.code,
    isBundle: r.is_bundle === 1,
    allowBackorder: r.allow_backorder === 1,
  };
}

export async function findWarehouseByCode(
  trx: Tx,
  tenantId: string,
  code: string,
): Promise<WarehouseRef | null> {
  const row = await trx
    .selectFrom('warehouses')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row ?? null;
}

export async function findWarehousesByIds(
  trx: Tx,
  tenantId: string,
  ids: readonly number[],
): Promise<Map<number, WarehouseRef>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('warehouses')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Components of one bundle SKU; empty for a plain SKU. */
export async function findBundleComponents(
  trx: Tx,
  tenantId: string,
  bundleSkuId: number,
): Promise<BundleComponent[]> {
  const rows = await trx
    .selectFrom('bundle_components')
    .select(['component_sku_id', 'quantity'])
    .where('tenant_id', '=', tenantId)
    .where('bundle_sku_id', '=', bundleSkuId)
    .execute();
  return rows.map((r) => ({ skuId: r.component_sku_id, quantity: r.quantity }));
}
