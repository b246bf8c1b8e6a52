/**
 * patchListingsItem's body (amazon.md §4.3): JSON Patch operations on top-level attributes only,
 * the listing's product type required and matched, and for `fulfillment_availability` a whole
 * quantity of at least 0 on the DEFAULT channel; a quantity for an FBA channel is refused (Amazon
 * counts FBA stock itself). Problems with the request are InvalidInput; problems with the listing
 * are issues of an INVALID submission.
 */
import type { AmazonContext } from './context.ts';
import { MFN_CHANNEL } from './order-flow.ts';
import type { ListingRecord } from './state.ts';

interface Issue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING';
  attributeNames?: string[];
}

export interface PatchBody {
  productType: string;
  patches: Array<{ op: string; path: string; value?: unknown[] }>;
}

export function checkPatchBody(body: unknown): string | null {
  const b = body as Partial<PatchBody> | undefined;
  if (!b || typeof b.productType !== 'string' || b.productType === '')
    return 'productType is required';
  if (!Array.isArray(b.patches) || b.patches.length === 0) return 'patches is required';
  for (const patch of b.patches) {
    if (!['add', 'replace', 'merge', 'delete'].includes(patch?.op))
      return `Invalid op: ${String(patch?.op)}`;
    // Only top-level attributes can be patched (§4.3).
    if (typeof patch.path !== 'string' || !/^\/attributes\/[a-z0-9_]+$/.test(patch.path))
      return `Invalid path: ${String(patch.path)}`;
  }
  return null;
}

export function validatePatch(listing: ListingRecord, body: PatchBody): Issue[] {
  const issues: Issue[] = [];
  if (body.productType !== listing.productType)
    issues.push({
      code: '4000003',
      message: `The provided product type '${body.productType}' does not match the listing's product type '${listing.productType}'.`,
      severity: 'ERROR',
    });
  for (const patch of body.patches) {
    if (patch.path !== '/attributes/fulfillment_availability' || patch.op === 'delete') continue;
    for (const entry of patch.value ?? []) issues.push(...availabilityIssues(entry));
  }
  return issues;
}

function availabilityIssues(entry: unknown): Issue[] {
  const e = entry as { fulfillment_channel_code?: unknown; quantity?: unknown };
  const attributeNames = ['fulfillment_availability'];
  if (typeof e?.fulfillment_channel_code !== 'string')
    return [
      {
        code: '90220',
        message: "'fulfillment_channel_code' is required",
        severity: 'ERROR',
        attributeNames,
      },
    ];
  if (e.fulfillment_channel_code !== MFN_CHANNEL && e.quantity !== undefined)
    return [
      {
        code: '8541',
        message: `quantity cannot be set for channel ${e.fulfillment_channel_code}: Amazon fulfils it`,
        severity: 'ERROR',
        attributeNames,
      },
    ];
  if (
    e.fulfillment_channel_code === MFN_CHANNEL &&
    !(Number.isInteger(e.quantity) && (e.quantity as number) >= 0)
  )
    return [
      {
        code: '90244',
        message: "'quantity' must be a whole number of at least 0",
        severity: 'ERROR',
        attributeNames,
      },
    ];
  return [];
}

export function applyPatch(context: AmazonContext, listing: ListingRecord, body: PatchBody): void {
  for (const patch of body.patches) {
    if (patch.path !== '/attributes/fulfillment_availability' || patch.op === 'delete') continue;
    for (const entry of patch.value ?? []) {
      const e = entry as { fulfillment_channel_code: string; quantity?: number };
      if (e.fulfillment_channel_code !== MFN_CHANNEL || e.quantity === undefined) continue;
      const stock = listing.channels.get(MFN_CHANNEL) ?? { quantity: 0, withheld: 0 };
      stock.quantity = e.quantity;
      listing.updatedMs = context.nowMs();
      listing.channels.set(MFN_CHANNEL, stock);
      context.stats.stockWrites += 1;
    }
  }
}
