/**
 * Roles within a tenant. owner: everything, including users, tokens and settings; operator: stock
 * and catalogue writes; viewer: reads only. Tenant administration is a separate `admin` flag.
 */
export const ROLES = ['owner', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, owner: 2 };

/** Whether a holder of `role` may do what needs `required`. */
export function hasRole(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/** A token or user may only hand out roles up to its own. */
export function canGrant(granter: Role, granted: Role): boolean {
  return RANK[granter] >= RANK[granted];
}
