/**
 * Shop group shapes. A group's policy is the same AllocationPolicy as a SKU's, checked for
 * structure here and by the domain's validatePolicy in the service (400 INVALID_POLICY); its
 * per-shop settings name member shops, and a SKU's policy names the group by its unitKey.
 */
import { z } from 'zod';
import { label } from '../../schemas/common.ts';
import { AllocationPolicySchema } from './allocation-schemas.ts';

const GroupName = label(100).meta({ description: "The group's name, unique in the tenant" });

export const ShopGroupCreate = z
  .strictObject({ name: GroupName, policy: AllocationPolicySchema })
  .meta({ id: 'ShopGroupCreate' });

export const ShopGroupPatch = z
  .strictObject({ name: GroupName.optional(), policy: AllocationPolicySchema.optional() })
  .refine((p) => p.name !== undefined || p.policy !== undefined, {
    message: 'give a name, a policy or both',
  })
  .meta({ id: 'ShopGroupPatch' });

export const ShopGroupView = z
  .object({
    id: z.number(),
    unitKey: z.string().meta({
      description: "The group's key in a SKU's policy (weights, minPerShop, maxPerShop, priority)",
      example: 'group:1',
    }),
    name: z.string(),
    policy: AllocationPolicySchema,
    shopIds: z
      .array(z.string())
      .meta({ description: 'Member shops (a shop is in one group at most)' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ShopGroup' });

export const ShopGroupList = z.object({ items: z.array(ShopGroupView) });

export const ShopGroupDeleted = z.object({ id: z.number(), deleted: z.literal(true) });

const GroupId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const ShopGroupParams = z.object({ id: GroupId });

export const ShopGroupMemberParams = z.object({ id: GroupId, shop: label(100) });
