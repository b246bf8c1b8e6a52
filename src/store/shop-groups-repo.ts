/**
 * Shop groups and their members. A group's policy is stored as JSON, validated before it is saved
 * (validatePolicy); a shop is in at most one group (shop_group_members is keyed by shop_id).
 * Every query filters on the tenant.
 */
import type { Kysely } from 'kysely';
import type { AllocationPolicy } from '../domain/allocation/index.ts';
import type { DB } from './schema.ts';
import { isUniqueViolation, type UniqueConstraint } from './unique-violation.ts';

export interface ShopGroupRecord {
  id: number;
  tenantId: string;
  name: string;
  policy: AllocationPolicy;
  /** Member shop ids, in id order. */
  shopIds: string[];
  createdAtMs: number;
  updatedAtMs: number;
}

/** Every group of a tenant with its members, in id order: two queries whatever their number. */
export async function listShopGroups(
  db: Kysely<DB>,
  tenantId: string,
  groupId?: number,
): Promise<ShopGroupRecord[]> {
  let groups = db.selectFrom('shop_groups').selectAll().where('tenant_id', '=', tenantId);
  let members = db
    .selectFrom('shop_group_members')
    .select(['group_id', 'shop_id'])
    .where('tenant_id', '=', tenantId);
  if (groupId !== undefined) {
    groups = groups.where('id', '=', groupId);
    members = members.where('group_id', '=', groupId);
  }
  const [groupRows, memberRows] = await Promise.all([
    groups.orderBy('id').execute(),
    members.orderBy('shop_id').execute(),
  ]);
  const shopsOf = new Map<number, string[]>();
  for (const m of memberRows) {
    const id = Number(m.group_id);
    shopsOf.set(id, [...(shopsOf.get(id) ?? []), m.shop_id]);
  }
  return groupRows.map((r) => ({
    id: Number(r.id),
    tenantId: r.tenant_id,
    name: r.name,
    policy: JSON.parse(r.policy_json) as AllocationPolicy,
    shopIds: shopsOf.get(Number(r.id)) ?? [],
    createdAtMs: Number(r.created_at),
    updatedAtMs: Number(r.updated_at),
  }));
}

export async function findShopGroup(
  db: Kysely<DB>,
  tenantId: string,
  groupId: number,
): Promise<ShopGroupRecord | null> {
  return (await listShopGroups(db, tenantId, groupId))[0] ?? null;
}

/** Inserts a group; null when the tenant already has one of that name. */
export async function insertShopGroup(
  db: Kysely<DB>,
  group: { tenantId: string; name: string; policy: AllocationPolicy; nowMs: number },
): Promise<number | null> {
  const row = await db
    .insertInto('shop_groups')
    .values({
      tenant_id: group.tenantId,
      name: group.name,
      policy_json: JSON.stringify(group.policy),
      created_at: group.nowMs,
      updated_at: group.nowMs,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** Whether another group of the tenant (not `exceptId`) has this name. */
export async function isShopGroupNameTaken(
  db: Kysely<DB>,
  q: { tenantId: string; name: string; exceptId: number },
): Promise<boolean> {
  const row = await db
    .selectFrom('shop_groups')
    .select('id')
    .where('tenant_id', '=', q.tenantId)
    .where('name', '=', q.name)
    .where('id', '!=', q.exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The tenant's group names are unique (migration 2026-11-29T00-shop-groups). */
const GROUP_NAME_CONSTRAINT: UniqueConstraint = {
  name: 'shop_groups_tenant_name',
  table: 'shop_groups',
  columns: ['tenant_id', 'name'],
};

/**
 * Renames a group and/or replaces its policy, in one statement; 'name-taken' (nothing changed)
 * when another group of the tenant has the new name. The service checks the name first, but two
 * renames (or a rename and a create) racing to one name both pass that check: the unique
 * constraint decides, and its violation is this outcome, on either engine, not an error.
 */
export async function updateShopGroup(
  db: Kysely<DB>,
  q: { tenantId: string; groupId: number; name?: string; policy?: AllocationPolicy; nowMs: number },
): Promise<'updated' | 'name-taken'> {
  try {
    await db
      .updateTable('shop_groups')
      .set({
        ...(q.name !== undefined ? { name: q.name } : {}),
        ...(q.policy !== undefined ? { policy_json: JSON.stringify(q.policy) } : {}),
        updated_at: q.nowMs,
      })
      .where('tenant_id', '=', q.tenantId)
      .where('id', '=', q.groupId)
      .execute();
    return 'updated';
  } catch (error) {
    if (isUniqueViolation(error, GROUP_NAME_CONSTRAINT)) return 'name-taken';
    throw error;
  }
}

/**
 * Deletes a group that has no member, in one statement (a member added meanwhile keeps it).
 * Returns whether a row was deleted.
 */
export async function deleteEmptyShopGroup(
  db: Kysely<DB>,
  tenantId: string,
  groupId: number,
): Promise<boolean> {
  const r = await db
    .deleteFrom('shop_groups')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', groupId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('shop_group_members').select('shop_id').where('group_id', '=', groupId),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The group a shop is in now, or null. */
export async function groupOfShop(
  db: Kysely<DB>,
  tenantId: string,
  shopId: string,
): Promise<number | null> {
  const row = await db
    .selectFrom('shop_group_members')
    .select('group_id')
    .where('tenant_id', '=', tenantId)
    .where('shop_id', '=', shopId)
    .executeTakeFirst();
  return row ? Number(row.group_id) : null;
}

/** Puts a shop in a group, moving it out of any other (one row per shop). */
export async function setShopGroup(
  db: Kysely<DB>,
  q: { tenantId: string; shopId: string; groupId: number; nowMs: number },
): Promise<void> {
  await db
    .insertInto('shop_group_members')
    .values({ shop_id: q.shopId, tenant_id: q.tenantId, group_id: q.groupId, added_at: q.nowMs })
    .onConflict((oc) =>
      oc.column('shop_id').doUpdateSet({ group_id: q.groupId, added_at: q.nowMs }),
    )
    .execute();
}

/** Takes a shop out of a group; false when it was not in that group. */
export async function removeShopFromGroup(
  db: Kysely<DB>,
  q: { tenantId: string; shopId: string; groupId: number },
): Promise<boolean> {
  const r = await db
    .deleteFrom('shop_group_members')
    .where('tenant_id', '=', q.tenantId)
    .where('shop_id', '=', q.shopId)
    .where('group_id', '=', q.groupId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
