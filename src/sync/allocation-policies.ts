/**
 * Allocation policies as stored: one per SKU, else the tenant's default (sku_id 0), else shared
 * with no buffer; and per shop group (shop-groups-repo.ts). Stored policies were validated when
 * saved (validatePolicy).
 */
import type { Kysely } from 'kysely';
import type { AllocationPolicy, ShopGroupSpec } from '../domain/allocation/index.ts';
import type { DB } from '../store/schema.ts';
import { listShopGroups } from '../store/shop-groups-repo.ts';

export const TENANT_DEFAULT_SKU_ID = 0;
export const BUILT_IN_POLICY: AllocationPolicy = { mode: 'shared' };

export async function policiesFor(
  db: Kysely<DB>,
  tenantId: string,
  skuIds: number[],
): Promise<Map<number, AllocationPolicy>> {
  const rows = await db
    .selectFrom('allocation_policies')
    .select(['sku_id', 'policy_json'])
    .where('tenant_id', '=', tenantId)
    .where('sku_id', 'in', [TENANT_DEFAULT_SKU_ID, ...skuIds])
    .execute();
  const stored = new Map(
    rows.map((r) => [Number(r.sku_id), JSON.parse(r.policy_json) as AllocationPolicy]),
  );
  const fallback = stored.get(TENANT_DEFAULT_SKU_ID) ?? BUILT_IN_POLICY;
  return new Map(skuIds.map((id) => [id, stored.get(id) ?? fallback]));
}

export async function savePolicy(
  db: Kysely<DB>,
  q: { tenantId: string; skuId: number; policy: AllocationPolicy; nowMs: number },
): Promise<void> {
  const policyJson = JSON.stringify(q.policy);
  await db
    .insertInto('allocation_policies')
    .values({
      tenant_id: q.tenantId,
      sku_id: q.skuId,
      policy_json: policyJson,
      updated_at: q.nowMs,
    })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'sku_id'])
        .doUpdateSet({ policy_json: policyJson, updated_at: q.nowMs }),
    )
    .execute();
}

/** The tenant's shop groups as the allocator reads them (ids as strings: `group:<id>` keys). */
export async function groupsFor(db: Kysely<DB>, tenantId: string): Promise<ShopGroupSpec[]> {
  return (await listShopGroups(db, tenantId)).map((g) => ({
    id: String(g.id),
    policy: g.policy,
    shopIds: g.shopIds,
  }));
}
