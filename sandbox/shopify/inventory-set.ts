/**
 * `inventorySetQuantities` (shopify.md §5.3): sets `available` (or `on_hand`) per inventory item
 * and location. Each quantity's `changeFromQuantity` must match the current quantity unless null.
 * All or nothing: with any user error nothing is applied and the group is null. The
 * `@idempotent(key:)` directive is required (2026-04): a repeated key gets the first answer and
 * applies nothing again.
 */
import type { EmulatorContext } from './context.ts';
import type { GqlObject } from './graphql-exec.ts';
import { GqlError } from './graphql-exec.ts';
import type { Level, Shop } from './state.ts';
import { gid } from './views.ts';

/** Stale compare code (2026-01+ naming; `COMPARE_QUANTITY_STALE` before). */
export const STALE_CODE = 'CHANGE_FROM_QUANTITY_STALE';

/** The largest quantity Shopify takes. */
const MAX_QUANTITY = 1_000_000_000;

interface QuantityInput {
  inventoryItemId?: unknown;
  locationId?: unknown;
  quantity?: unknown;
  changeFromQuantity?: unknown;
}

type UserError = {
  __typename: 'InventorySetQuantitiesUserError';
  code: string;
  field: string[];
  message: string;
};

export function inventorySetQuantities(
  context: EmulatorContext,
  shop: Shop,
  input: Record<string, unknown>,
  idempotencyKey: string | null,
): GqlObject {
  if (idempotencyKey === null)
    throw new GqlError('The @idempotent directive is required for this mutation.', 'BAD_REQUEST');
  const cached = shop.idempotent.get(idempotencyKey);
  if (cached) return cached as GqlObject;
  const answer = apply(context, shop, input);
  shop.idempotent.set(idempotencyKey, answer);
  return answer;
}

function apply(context: EmulatorContext, shop: Shop, input: Record<string, unknown>): GqlObject {
  const name = input.name;
  if (name !== 'available' && name !== 'on_hand')
    return answer(null, [
      userError(
        'INVALID_NAME',
        ['input', 'name'],
        'The quantity name must be available or on_hand.',
      ),
    ]);
  const quantities = Array.isArray(input.quantities) ? (input.quantities as QuantityInput[]) : [];
  if (quantities.length === 0 || quantities.length > 250)
    throw new GqlError('quantities must hold 1 to 250 entries', 'BAD_REQUEST');
  const errors: UserError[] = [];
  const targets: Array<{ level: Level; quantity: number }> = [];
  quantities.forEach((q, index) => {
    const checked = check(shop, q, index, name);
    if ('error' in checked) errors.push(checked.error);
    else targets.push(checked);
  });
  if (errors.length > 0) return answer(null, errors);
  const now = context.nowMs();
  for (const { level, quantity } of targets) {
    level.available = name === 'available' ? quantity : Math.max(0, quantity - level.committed);
    level.updatedAtMs = now;
  }
  context.stats.stockWrites += targets.length;
  return answer(
    {
      __typename: 'InventoryAdjustmentGroup',
      id: gid('InventoryAdjustmentGroup', context.state.nextNumber()),
      reason: typeof input.reason === 'string' ? input.reason : 'correction',
    },
    [],
  );
}

function check(
  shop: Shop,
  q: QuantityInput,
  index: number,
  name: 'available' | 'on_hand',
): { level: Level; quantity: number } | { error: UserError } {
  const field = (f: string) => ['input', 'quantities', String(index), f];
  const itemNumber = /^gid:\/\/shopify\/InventoryItem\/(\d+)$/.exec(String(q.inventoryItemId))?.[1];
  const variant = shop.variants.get(shop.variantByItem.get(itemNumber ?? '') ?? '');
  if (!variant)
    return {
      error: userError(
        'INVALID_INVENTORY_ITEM',
        field('inventoryItemId'),
        'The specified inventory item could not be found.',
      ),
    };
  const locationNumber = /^gid:\/\/shopify\/Location\/(\d+)$/.exec(String(q.locationId))?.[1] ?? '';
  if (!shop.locations.includes(locationNumber))
    return {
      error: userError(
        'INVALID_LOCATION',
        field('locationId'),
        'The specified location could not be found.',
      ),
    };
  const level = variant.levels.get(locationNumber);
  if (!level)
    return {
      error: userError(
        'ITEM_NOT_STOCKED_AT_LOCATION',
        field('locationId'),
        'The specified inventory item is not stocked at the location.',
      ),
    };
  const quantity = q.quantity;
  if (
    typeof quantity !== 'number' ||
    !Number.isInteger(quantity) ||
    quantity < 0 ||
    quantity > MAX_QUANTITY
  )
    return {
      error: userError(
        'INVALID_QUANTITY_TOO_HIGH',
        field('quantity'),
        'The quantity is not a valid count.',
      ),
    };
  const current = name === 'available' ? level.available : level.available + level.committed;
  if (
    q.changeFromQuantity !== null &&
    q.changeFromQuantity !== undefined &&
    q.changeFromQuantity !== current
  )
    return {
      error: userError(
        STALE_CODE,
        field('changeFromQuantity'),
        'The specified compare quantity does not match the current quantity.',
      ),
    };
  return { level, quantity };
}

function userError(code: string, field: string[], message: string): UserError {
  return { __typename: 'InventorySetQuantitiesUserError', code, field, message };
}

function answer(group: GqlObject | null, userErrors: UserError[]): GqlObject {
  return {
    __typename: 'InventorySetQuantitiesPayload',
    inventoryAdjustmentGroup: group,
    userErrors,
  };
}
