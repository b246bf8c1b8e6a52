/**
 * Allocation policies for the API: read and set the tenant's default or one SKU's policy
 * (validated by the domain's rules), shop groups with their own policies (`groups`), and show how
 * a SKU's stock is split now, per warehouse, allocation unit, group and shop, with what each
 * listing shows.
 */
import type { Kysely } from 'kysely';
import {
  groupUnitKey,
  invalidPolicyDetails,
  validatePolicy,
  type AllocationPolicy,
  type GroupedAllocationResult,
} from '../domain/allocation/index.ts';
import { fail, succeed, type Outcome } from '../domain/outcome.ts';
import type { Actor } from '../inventory/command-context.ts';
import type { Clock } from '../ports/clock.ts';
import { listingsOfSkus } from '../store/listings-repo.ts';
import type { DB } from '../store/schema.ts';
import type { ShopRecord } from '../store/shops-repo.ts';
import {
  BUILT_IN_POLICY,
  TENANT_DEFAULT_SKU_ID,
  policiesFor,
  savePolicy,
} from './allocation-policies.ts';
import { findSkusByCodes, findWarehousesByIds } from '../store/catalog-lookup.ts';
import { allocateSkus, computeTargets } from './listing-targets.ts';
import { markSkusForPush } from './push-marks.ts';
import { ShopGroupService } from './shop-group-service.ts';
import { listShopGroups } from '../store/shop-groups-repo.ts';

export interface PolicyView {
  sku: string | null;
  policy: AllocationPolicy;
  source: 'sku' | 'tenant' | 'built-in';
}

export interface AllocationView {
  sku: string;
  policy: AllocationPolicy;
  warehouses: Array<{
    warehouse: string;
    available: number;
    buffer: number;
    modeUsed: string;
    shares: Array<{ shopId: string; units: number }>;
    /** The SKU policy's level: shares per ungrouped shop id or group key (`group:<id>`). */
    units: Array<{ unit: string; units: number; modeUsed: string }>;
    /** Each group taking part: its unit's share split among its members by its own policy. */
    groups: Array<{
      groupId: number;
      name: string;
      unitKey: string;
      policy: AllocationPolicy;
      available: number;
      buffer: number;
      modeUsed: string;
      shares: Array<{ shopId: string; units: number; modeUsed: string }>;
    }>;
  }>;
  listings: Array<{
    listingId: string;
    shopId: string;
    unitsPerListing: number;
    target: number;
    pushed: number | null;
  }>;
}

export interface PolicyServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  tenantShops: (tenantId: string) => Promise<Map<string, ShopRecord>>;
}

export class PolicyService {
  /** Shop groups: the other holders of an allocation policy (besides SKUs and the tenant). */
  readonly groups: ShopGroupService;

  constructor(private readonly deps: PolicyServiceDeps) {
    this.groups = new ShopGroupService({ db: deps.db, clock: deps.clock });
  }

  async get(actor: Actor, skuCode: string | null): Promise<Outcome<PolicyView>> {
    const skuId =
      skuCode === null ? TENANT_DEFAULT_SKU_ID : await this.skuId(actor.tenantId, skuCode);
    if (skuId === null) return fail('SKU_NOT_FOUND', { sku: skuCode });
    const own = await this.deps.db
      .selectFrom('allocation_policies')
      .select('policy_json')
      .where('tenant_id', '=', actor.tenantId)
      .where('sku_id', '=', skuId)
      .executeTakeFirst();
    if (own)
      return succeed({
        sku: skuCode,
        policy: JSON.parse(own.policy_json) as AllocationPolicy,
        source: skuCode === null ? 'tenant' : 'sku',
      });
    const inherited =
      (await policiesFor(this.deps.db, actor.tenantId, [skuId])).get(skuId) ?? BUILT_IN_POLICY;
    return succeed({
      sku: skuCode,
      policy: inherited,
      source: inherited === BUILT_IN_POLICY ? 'built-in' : 'tenant',
    });
  }

  async set(
    actor: Actor,
    skuCode: string | null,
    policy: AllocationPolicy,
  ): Promise<Outcome<PolicyView>> {
    const problems = validatePolicy(policy);
    if (problems.length > 0) return fail('INVALID_POLICY', invalidPolicyDetails(problems));
    const skuId =
      skuCode === null ? TENANT_DEFAULT_SKU_ID : await this.skuId(actor.tenantId, skuCode);
    if (skuId === null) return fail('SKU_NOT_FOUND', { sku: skuCode });
    const nowMs = this.deps.clock.nowMs();
    await savePolicy(this.deps.db, { tenantId: actor.tenantId, skuId, policy, nowMs });
    // What every listing shows may change: a default touches every SKU with listings.
    const skuIds =
      skuId === TENANT_DEFAULT_SKU_ID
        ? (
            await this.deps.db
              .selectFrom('listings')
              .select('sku_id')
              .distinct()
              .where('tenant_id', '=', actor.tenantId)
              .where('sku_id', 'is not', null)
              .execute()
          ).map((r) => Number(r.sku_id))
        : [skuId];
    await markSkusForPush(this.deps.db, {
      tenantId: actor.tenantId,
      skuIds,
      originAtMs: nowMs,
      nowMs,
    });
    return succeed({ sku: skuCode, policy, source: skuCode === null ? 'tenant' : 'sku' });
  }

  async allocation(actor: Actor, skuCode: string): Promise<Outcome<AllocationView>> {
    const skuId = await this.skuId(actor.tenantId, skuCode);
    if (skuId === null) return fail('SKU_NOT_FOUND', { sku: skuCode });
    const shops = await this.deps.tenantShops(actor.tenantId);
    const nowMs = this.deps.clock.nowMs();
    const allocation = (
      await allocateSkus(this.deps.db, actor.tenantId, [skuId], shops, nowMs)
    ).get(skuId);
    const listings = await listingsOfSkus(this.deps.db, actor.tenantId, [skuId]);
    const targets = await computeTargets(this.deps.db, actor.tenantId, listings, shops, nowMs);
    const warehouses = await findWarehousesByIds(this.deps.db, actor.tenantId, [
      ...(allocation?.byWarehouse.keys() ?? []),
    ]);
    const groups = new Map(
      (await listShopGroups(this.deps.db, actor.tenantId)).map((g) => [String(g.id), g]),
    );
    return succeed({
      sku: skuCode,
      policy: allocation?.policy ?? BUILT_IN_POLICY,
      warehouses: [...(allocation?.byWarehouse ?? new Map<number, GroupedAllocationResult>())].map(
        ([id, r]) => ({
          warehouse: warehouses.get(id)?.code ?? String(id),
          available: r.availableUnits,
          buffer: r.bufferUnits,
          modeUsed: r.modeUsed,
          shares: [...r.shares].map(([shopId, units]) => ({ shopId, units })),
          units: [...r.units.shares].map(([unit, units]) => ({
            unit,
            units,
            modeUsed: r.units.modeUsed,
          })),
          groups: [...r.groups].map(([groupId, g]) => ({
            groupId: Number(groupId),
            name: groups.get(groupId)?.name ?? groupId,
            unitKey: groupUnitKey(groupId),
            policy: groups.get(groupId)?.policy ?? BUILT_IN_POLICY,
            available: g.availableUnits,
            buffer: g.bufferUnits,
            modeUsed: g.modeUsed,
            shares: [...g.shares].map(([shopId, units]) => ({
              shopId,
              units,
              modeUsed: r.modeByShop.get(shopId) ?? g.modeUsed,
            })),
          })),
        }),
      ),
      listings: listings.map((l) => ({
        listingId: l.id,
        shopId: l.shopId,
        unitsPerListing: l.unitsPerListing,
        target: targets.find((t) => t.listingId === l.id)?.quantity ?? 0,
        pushed: l.pushedQuantity,
      })),
    });
  }

  private async skuId(tenantId: string, code: string): Promise<number | null> {
    return (await findSkusByCodes(this.deps.db, tenantId, [code])).get(code)?.id ?? null;
  }
}
