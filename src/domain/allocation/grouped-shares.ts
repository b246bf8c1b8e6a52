/**
 * Two-level allocation with shop groups. A shop group is a named set of a tenant's shops with its
 * own policy. For one SKU in one warehouse, the SKU's policy first splits the available units
 * among allocation units — every ungrouped eligible shop, and every group with at least one
 * eligible member (keyed `group:<id>` in the SKU's weights, minimums, caps and priority) — and
 * then each group's policy splits its unit's share among its eligible members. Both levels are
 * allocateWarehouse (shares.ts), so buffers, caps, minimums, rounding and adaptive behave at each
 * level exactly as they do for a single SKU policy.
 */
import { allocateWarehouse, type AllocationResult } from './shares.ts';
import type { AllocationPolicy, AppliedMode, ShopId } from './policy.ts';

/** The prefix of a group's key among allocation units: `group:<id>`. */
export const GROUP_UNIT_PREFIX = 'group:';

/** A group's key in the SKU policy's per-shop settings (weights, minPerShop, maxPerShop, priority). */
export function groupUnitKey(groupId: string): string {
  return `${GROUP_UNIT_PREFIX}${groupId}`;
}

/** One shop group as the allocator sees it. */
export interface ShopGroupSpec {
  /** The group's id (the store's, as a string); its unit key is groupUnitKey(id). */
  id: string;
  /** Splits the group's share among its members; per-shop settings name member shop ids. */
  policy: AllocationPolicy;
  /** Member shop ids; order and repeats do not matter. A shop in several groups (a caller's
   * bug; the store forbids it) belongs to the one whose id sorts first. */
  shopIds: readonly ShopId[];
}

/** One SKU in one warehouse, its eligible shops, the SKU's policy and the tenant's groups. */
export interface AllocateGroupedInput {
  /** Available units (on hand − reserved): floored; below 0 counts as 0. */
  available: number;
  /** Ids of the shops that may ship from this warehouse; order and repeats do not matter. Ids
   * beginning with `group:` are reserved for group units: such a shop is given 0. */
  shops: readonly ShopId[];
  /** The SKU's policy (its own, else the tenant default, else shared). */
  policy: AllocationPolicy;
  /** The tenant's groups; groups without an eligible member take no part. Order does not matter. */
  groups: readonly ShopGroupSpec[];
  /** The SKU's expected sales over the eligible shops, units per second (adaptive, both levels). */
  expectedSalesPerSecond?: number;
}

/**
 * The allocation of one SKU in one warehouse across both levels. The AllocationResult fields are
 * what listing-targets reads and keep their meaning: availableUnits, bufferUnits, poolUnits,
 * policyMode and adaptiveThresholdUnits are the top (SKU policy) level's; `shares` holds one entry
 * per distinct eligible shop, in serving order (the top level's order, each group's members in
 * the group's order where the group stands). `modeUsed` is 'partitioned' when any shop's mode is
 * (the conservative reading for callers that look at one mode per warehouse).
 */
export interface GroupedAllocationResult extends AllocationResult {
  /**
   * Per shop, the mode that bounded it: 'partitioned' when the top level or its group's level
   * applied partitioned (its figure is a split share, not the pool as it is), else 'shared'.
   */
  modeByShop: ReadonlyMap<ShopId, AppliedMode>;
  /** The top level: shares per allocation unit (ungrouped shop id, or group unit key). */
  units: AllocationResult;
  /** Per group id with an eligible member: its level, whose availableUnits is its unit's share. */
  groups: ReadonlyMap<string, AllocationResult>;
}

/**
 * Allocates one SKU's available units in one warehouse in two levels (see the file's comment).
 * Invariants: every shop's share ≤ availableUnits; when every level applied partitioned, the
 * shares sum to at most poolUnits; a partitioned level never hands out more than it splits;
 * minimums are met at each level whenever that level's stock allows. Deterministic whatever the
 * order of shops, groups and members. With no group taking part, the AllocationResult fields are
 * exactly allocateWarehouse's.
 */
export function allocateGrouped(input: AllocateGroupedInput): GroupedAllocationResult {
  const eligible = [...new Set(input.shops)].filter((id) => !id.startsWith(GROUP_UNIT_PREFIX));
  const membersByGroup = eligibleMembers(input.groups, eligible);
  const grouped = new Set([...membersByGroup.values()].flatMap((g) => g.members));
  const unitKeys = [
    ...eligible.filter((id) => !grouped.has(id)),
    ...[...membersByGroup.keys()].map(groupUnitKey),
  ];
  const rate = input.expectedSalesPerSecond;
  const units = allocateWarehouse({
    available: input.available,
    shops: unitKeys,
    policy: input.policy,
    expectedSalesPerSecond: rate,
  });
  const groups = new Map<string, AllocationResult>();
  for (const [groupId, { policy, members }] of membersByGroup) {
    const available = units.shares.get(groupUnitKey(groupId)) ?? 0;
    groups.set(
      groupId,
      allocateWarehouse({ available, shops: members, policy, expectedSalesPerSecond: rate }),
    );
  }
  return combine(input.shops, units, groups);
}

/**
 * The groups taking part (with at least one eligible member) and their eligible members, in
 * group-id order. A shop listed by several groups stays in the first only, so it is never given
 * two shares; a repeated group id (a caller's bug) counts once, as its first entry in id order
 * (the sort is stable, so equal ids keep their input order: give distinct ids).
 */
function eligibleMembers(
  groups: readonly ShopGroupSpec[],
  eligible: readonly ShopId[],
): Map<string, { policy: AllocationPolicy; members: ShopId[] }> {
  const isEligible = new Set(eligible);
  const taken = new Set<ShopId>();
  const seen = new Set<string>();
  const byGroup = new Map<string, { policy: AllocationPolicy; members: ShopId[] }>();
  const ordered = [...groups].sort((a, b) => compareIds(a.id, b.id));
  for (const group of ordered) {
    if (seen.has(group.id)) continue;
    seen.add(group.id);
    const members = [...new Set(group.shopIds)].filter((s) => isEligible.has(s) && !taken.has(s));
    for (const s of members) taken.add(s);
    if (members.length > 0)
      byGroup.set(group.id, { policy: group.policy, members: members.sort(compareIds) });
  }
  return byGroup;
}

/** Flattens both levels into per-shop shares, keeping the top level's figures. */
function combine(
  shops: readonly ShopId[],
  units: AllocationResult,
  groups: ReadonlyMap<string, AllocationResult>,
): GroupedAllocationResult {
  const shares = new Map<ShopId, number>();
  const modeByShop = new Map<ShopId, AppliedMode>();
  for (const [unit, share] of units.shares) {
    const group = unit.startsWith(GROUP_UNIT_PREFIX)
      ? groups.get(unit.slice(GROUP_UNIT_PREFIX.length))
      : undefined;
    if (group === undefined) {
      shares.set(unit, share);
      modeByShop.set(unit, units.modeUsed);
      continue;
    }
    const bounded = units.modeUsed === 'partitioned' ? 'partitioned' : group.modeUsed;
    for (const [shopId, memberShare] of group.shares) {
      shares.set(shopId, memberShare);
      modeByShop.set(shopId, bounded);
    }
  }
  // Reserved ids (a shop named like a group unit) are shown nothing rather than a group's share.
  const reserved = [...new Set(shops)]
    .filter((id) => id.startsWith(GROUP_UNIT_PREFIX))
    .sort(compareIds);
  for (const id of reserved) {
    shares.set(id, 0);
    modeByShop.set(id, 'partitioned');
  }
  // With no group and no reserved id every shop has the top level's mode: keep it as it is, so
  // the result is allocateWarehouse's exactly (even with no shop at all).
  const plain = groups.size === 0 && reserved.length === 0;
  const anyPartitioned = [...modeByShop.values()].includes('partitioned');
  return {
    ...units,
    modeUsed: plain ? units.modeUsed : anyPartitioned ? 'partitioned' : 'shared',
    shares,
    modeByShop,
    units,
    groups,
  };
}

/** Code-unit order, as servingOrder uses: the same on every machine and locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
