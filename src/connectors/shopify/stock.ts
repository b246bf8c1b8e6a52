/**
 * setStock for Shopify (§5.3): read the listings' current `available` per location, then one
 * `inventorySetQuantities` with compare-and-set and an idempotency key per batch. User errors are
 * per-listing failures inside a success answer. The mutation is all-or-nothing: when some
 * quantities are refused, none is applied, so the rest is sent once more on its own. A stale
 * `changeFromQuantity` (the quantity moved since the read: a buyer order, another push) is read
 * again: a listing that already shows the figure is done, any other is a retryable failure, so
 * the figure is recomputed by StockPool instead of overwriting an order it has not seen.
 */
import { createHash } from 'node:crypto';
import type { StockPushItem, StockPushResult } from '../contract.ts';
import { STOCK_WRITE_TIMEOUT_MS } from '../http/send-request.ts';
import type { ShopifyClient } from './client.ts';
import { toGid } from './ids.ts';
import { SHOPIFY_MAX_PAGE } from './options.ts';
import {
  MUTATION_COST,
  setQuantitiesMutation,
  VARIANT_STOCK_QUERY,
  variantStockCost,
} from './queries.ts';
import type { RawUserError, RawVariant } from './raw-types.ts';
import { RawSetQuantitiesData, RawVariantNodesData } from './raw-types.ts';
import type { PlannedQuantity } from './stock-plan.ts';
import { planStockPush } from './stock-plan.ts';

/** The user error code of a compare-and-set mismatch (2026-01+). */
export const STALE_CODE = 'CHANGE_FROM_QUANTITY_STALE';

/** Stale codes: the 2026-01 name and the `compareQuantity` one before it (§5.3). */
const STALE_CODES = new Set([STALE_CODE, 'COMPARE_QUANTITY_STALE']);

/** Pushes one batch (≤ SHOPIFY_MAX_PUSH_BATCH listings); results in the order given. */
export async function pushStockBatch(
  client: ShopifyClient,
  items: StockPushItem[],
): Promise<StockPushResult[]> {
  const plan = planStockPush(items, await readVariants(client, items));
  const failures = plan.failures;
  const stale = new Set<number>();
  let pending = plan.quantities;
  for (let round = 0; round < 2 && pending.length > 0; round++) {
    const answer = await sendQuantities(client, pending);
    for (const [q, error] of answer.errors) {
      const planned = pending[q];
      if (!planned || failures.has(planned.item)) continue;
      if (STALE_CODES.has(error.code ?? '')) stale.add(planned.item);
      else failures.set(planned.item, failed(items[planned.item]!, error, false));
    }
    // All or nothing: the quantities without an error were not applied either.
    pending = answer.applied ? [] : pending.filter((_, q) => !answer.errors.has(q));
    pending = pending.filter((p) => !failures.has(p.item) && !stale.has(p.item));
  }
  if (stale.size > 0) await recheckStale(client, items, stale, failures);
  return items.map(
    (item, index) => failures.get(index) ?? { listing: item.listing, ok: true as const },
  );
}

async function readVariants(
  client: ShopifyClient,
  items: StockPushItem[],
): Promise<Map<string, RawVariant>> {
  const ids = [...new Set(items.map((item) => item.listing.variantId).filter((id) => id !== ''))];
  const found = new Map<string, RawVariant>();
  if (ids.length === 0) return found;
  const data = await client.call({
    query: VARIANT_STOCK_QUERY,
    variables: { ids: ids.map((id) => toGid('ProductVariant', id)) },
    cost: variantStockCost(ids.length),
    schema: RawVariantNodesData,
  });
  for (const node of data.nodes) {
    if (node?.legacyResourceId && node.product && node.inventoryItem)
      found.set(node.legacyResourceId, node as RawVariant);
  }
  return found;
}

/** One mutation per 250 quantities (input arrays are capped at 250). */
async function sendQuantities(
  client: ShopifyClient,
  quantities: PlannedQuantity[],
): Promise<{ applied: boolean; errors: Map<number, RawUserError> }> {
  const errors = new Map<number, RawUserError>();
  let applied = true;
  for (let start = 0; start < quantities.length; start += SHOPIFY_MAX_PAGE) {
    const chunk = quantities.slice(start, start + SHOPIFY_MAX_PAGE);
    const data = await client.call({
      query: setQuantitiesMutation(idempotencyKeyOf(chunk)),
      variables: {
        input: {
          name: 'available',
          reason: 'correction',
          referenceDocumentUri: 'gid://stockpool/StockPush/1',
          quantities: chunk.map((q) => ({
            inventoryItemId: q.inventoryItemId,
            locationId: q.locationId,
            quantity: q.quantity,
            changeFromQuantity: q.changeFromQuantity,
          })),
        },
      },
      cost: MUTATION_COST,
      schema: RawSetQuantitiesData,
      timeoutCapMs: STOCK_WRITE_TIMEOUT_MS,
    });
    const result = data.inventorySetQuantities;
    if (result.userErrors.length > 0 && result.inventoryAdjustmentGroup === null) applied = false;
    for (const error of result.userErrors) {
      const index = quantityIndexOf(error);
      // An error naming no quantity fails the whole chunk.
      const targets = index === null ? chunk.map((_, i) => i) : [index];
      for (const i of targets) if (i < chunk.length) errors.set(start + i, error);
    }
  }
  return { applied, errors };
}

/** `field: ["input", "quantities", "3", "changeFromQuantity"]` → 3. */
function quantityIndexOf(error: RawUserError): number | null {
  const field = error.field ?? [];
  const at = field.indexOf('quantities');
  const index = at === -1 ? NaN : Number(field[at + 1]);
  return Number.isInteger(index) ? index : null;
}

/**
 * The same push repeated (a retry after a lost answer) gets the same key and is applied once; a
 * later push of the same figures over a level that changed meanwhile (its update time, to the
 * second, or its committed units) is a new one. Only a level put back to the very same state
 * within the same second would be taken for the earlier push (see the connector guide).
 */
function idempotencyKeyOf(chunk: PlannedQuantity[]): string {
  const content = chunk.map((q) => [
    q.inventoryItemId,
    q.locationId,
    q.quantity,
    q.changeFromQuantity,
    q.levelUpdatedAt,
    q.committed,
  ]);
  const hex = createHash('sha256').update(JSON.stringify(content)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

async function recheckStale(
  client: ShopifyClient,
  items: StockPushItem[],
  stale: Set<number>,
  failures: Map<number, StockPushResult>,
): Promise<void> {
  const subset = [...stale].map((index) => items[index]!);
  const again = planStockPush(subset, await readVariants(client, subset));
  [...stale].forEach((index, s) => {
    const moved = again.failures.get(s) ?? again.quantities.some((q) => q.item === s);
    if (!moved) return;
    const error = { code: STALE_CODE, message: 'the quantity changed since it was read' };
    failures.set(index, failed(items[index]!, error, true));
  });
}

function failed(item: StockPushItem, error: RawUserError, retryable: boolean): StockPushResult {
  return {
    listing: item.listing,
    ok: false,
    platformCode: error.code ?? 'USER_ERROR',
    message: error.message,
    retryable,
  };
}
