/**
 * Shop groups for the API: a named set of the tenant's shops with its own allocation policy
 * (domain/allocation/grouped-shares.ts). Create, read, rename or re-policy, delete, and add or
 * remove members. Any change that can move a figure marks the listings it may move for a push:
 * every listing of the SKUs the affected shops list (the SKU level splits among those SKUs'
 * listers, so shops outside the group can move too).
 */
import type { Kysely } from 'kysely';
import {
  groupUnitKey,
  invalidPolicyDetails,
  validatePolicy,
  type AllocationPolicy,
} from '../domain/allocation/index.ts';
import { fail, succeed, type Outcome } from '../domain/outcome.ts';
import { toIso, type Actor } from '../inventory/command-context.ts';
import type { Clock } from '../ports/clock.ts';
import type { DB } from '../store/schema.ts';
import {
  deleteEmptyShopGroup,
  findShopGroup,
  groupOfShop,
  insertShopGroup,
  isShopGroupNameTaken,
  listShopGroups,
  removeShopFromGroup,
  setShopGroup,
  updateShopGroup,
  type ShopGroupRecord,
} from '../store/shop-groups-repo.ts';
import { markSkusForPush } from './push-marks.ts';

export interface ShopGroupView {
  id: number;
  /** The group's key in a SKU's policy (weights, minPerShop, maxPerShop, priority). */
  unitKey: string;
  name: string;
  policy: AllocationPolicy;
  shopIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ShopGroupServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
}

/** SKU ids per markSkusForPush call: keeps each IN list far below the engines' parameter limits. */
const MARK_BATCH = 500;

export class ShopGroupService {
  constructor(private readonly deps: ShopGroupServiceDeps) {}

  async list(actor: Actor): Promise<ShopGroupView[]> {
    return (await listShopGroups(this.deps.db, actor.tenantId)).map(viewOf);
  }

  async get(actor: Actor, groupId: number): Promise<Outcome<ShopGroupView>> {
    const group = await findShopGroup(this.deps.db, actor.tenantId, groupId);
    return group ? succeed(viewOf(group)) : fail('SHOP_GROUP_NOT_FOUND', { groupId });
  }

  async create(
    actor: Actor,
    input: { name: string; policy: AllocationPolicy },
  ): Promise<Outcome<ShopGroupView>> {
    const invalid = policyProblems(input.policy);
    if (invalid) return invalid;
    const nowMs = this.deps.clock.nowMs();
    const id = await insertShopGroup(this.deps.db, { tenantId: actor.tenantId, ...input, nowMs });
    if (id === null) return fail('SHOP_GROUP_EXISTS', { name: input.name });
    return this.get(actor, id);
  }

  /** Renames a group or replaces its policy; a new policy moves its members' figures. */
  async update(
    actor: Actor,
    groupId: number,
    input: { name?: string; policy?: AllocationPolicy },
  ): Promise<Outcome<ShopGroupView>> {
    if (input.policy !== undefined) {
      const invalid = policyProblems(input.policy);
      if (invalid) return invalid;
    }
    const { db } = this.deps;
    const group = await findShopGroup(db, actor.tenantId, groupId);
    if (!group) return fail('SHOP_GROUP_NOT_FOUND', { groupId });
    const name = input.name;
    if (name !== undefined && name !== group.name) {
      const taken = await isShopGroupNameTaken(db, {
        tenantId: actor.tenantId,
        name,
        exceptId: groupId,
      });
      if (taken) return fail('SHOP_GROUP_EXISTS', { name });
    }
    const nowMs = this.deps.clock.nowMs();
    const updated = await updateShopGroup(db, {
      tenantId: actor.tenantId,
      groupId,
      ...input,
      nowMs,
    });
    // Another rename or a create took the name since the check above: the same 409, nothing changed.
    if (updated === 'name-taken') return fail('SHOP_GROUP_EXISTS', { name });
    if (input.policy !== undefined) await this.markShopsForPush(actor, group.shopIds, nowMs);
    return this.get(actor, groupId);
  }

  /**
   * Deletes a group without members. One with members is refused (409 SHOP_GROUP_NOT_EMPTY)
   * rather than emptied: deleting it would silently move every member's figures, so the seller
   * removes the members first, each change visible on its own.
   */
  async delete(actor: Actor, groupId: number): Promise<Outcome<{ id: number; deleted: true }>> {
    if (await deleteEmptyShopGroup(this.deps.db, actor.tenantId, groupId))
      return succeed({ id: groupId, deleted: true });
    const group = await findShopGroup(this.deps.db, actor.tenantId, groupId);
    if (!group) return fail('SHOP_GROUP_NOT_FOUND', { groupId });
    return fail('SHOP_GROUP_NOT_EMPTY', { groupId, members: group.shopIds.length });
  }

  /** Puts one of the tenant's shops in the group, moving it out of the group it was in. */
  async addShop(actor: Actor, groupId: number, shopId: string): Promise<Outcome<ShopGroupView>> {
    const { db } = this.deps;
    const group = await findShopGroup(db, actor.tenantId, groupId);
    if (!group) return fail('SHOP_GROUP_NOT_FOUND', { groupId });
    if (!(await this.isTenantShop(actor.tenantId, shopId)))
      return fail('SHOP_NOT_FOUND', { shopId });
    if ((await groupOfShop(db, actor.tenantId, shopId)) === groupId) return succeed(viewOf(group));
    const nowMs = this.deps.clock.nowMs();
    await setShopGroup(db, { tenantId: actor.tenantId, shopId, groupId, nowMs });
    await this.markShopsForPush(actor, [shopId], nowMs);
    return this.get(actor, groupId);
  }

  /** Takes a shop out of the group; a shop that is not in it leaves the group as it is. */
  async removeShop(actor: Actor, groupId: number, shopId: string): Promise<Outcome<ShopGroupView>> {
    const { db } = this.deps;
    const group = await findShopGroup(db, actor.tenantId, groupId);
    if (!group) return fail('SHOP_GROUP_NOT_FOUND', { groupId });
    if (!(await this.isTenantShop(actor.tenantId, shopId)))
      return fail('SHOP_NOT_FOUND', { shopId });
    if (await removeShopFromGroup(db, { tenantId: actor.tenantId, shopId, groupId }))
      await this.markShopsForPush(actor, [shopId], this.deps.clock.nowMs());
    return this.get(actor, groupId);
  }

  private async isTenantShop(tenantId: string, shopId: string): Promise<boolean> {
    const row = await this.deps.db
      .selectFrom('shops')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', shopId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Marks every listing of the SKUs (and bundles) the shops list, as a SKU policy change does. */
  private async markShopsForPush(actor: Actor, shopIds: string[], nowMs: number): Promise<void> {
    if (shopIds.length === 0) return;
    const rows = await this.deps.db
      .selectFrom('listings')
      .select('sku_id')
      .distinct()
      .where('tenant_id', '=', actor.tenantId)
      .where('shop_id', 'in', shopIds)
      .where('sku_id', 'is not', null)
      .execute();
    const skuIds = rows.map((r) => Number(r.sku_id));
    for (let i = 0; i < skuIds.length; i += MARK_BATCH) {
      await markSkusForPush(this.deps.db, {
        tenantId: actor.tenantId,
        skuIds: skuIds.slice(i, i + MARK_BATCH),
        originAtMs: nowMs,
        nowMs,
      });
    }
  }
}

function policyProblems(policy: AllocationPolicy): Outcome<never> | null {
  const problems = validatePolicy(policy);
  if (problems.length === 0) return null;
  return fail('INVALID_POLICY', invalidPolicyDetails(problems));
}

function viewOf(group: ShopGroupRecord): ShopGroupView {
  return {
    id: group.id,
    unitKey: groupUnitKey(String(group.id)),
    name: group.name,
    policy: group.policy,
    shopIds: group.shopIds,
    createdAt: toIso(group.createdAtMs),
    updatedAt: toIso(group.updatedAtMs),
  };
}
