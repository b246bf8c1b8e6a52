/**
 * Bundles and multi-packs: a sellable SKU made of component SKUs. A bundle has no stock of its own;
 * what it can sell follows from its components, and holding it holds every component.
 */
export interface BundleComponent {
  skuId: number;
  /** Units of the component in one bundle; a positive integer. */
  quantity: number;
}

/** One SKU line to reserve or move, after a bundle has been expanded. */
export interface ComponentLine {
  skuId: number;
  quantity: number;
}

/**
 * Bundles sellable from the given component availabilities:
 * min over components of floor(component available / quantity per bundle), never below 0.
 * A bundle with no components can sell nothing.
 */
export function bundleAvailable(
  components: readonly BundleComponent[],
  availableOf: (skuId: number) => number,
): number {
  if (components.length === 0) return 0;
  let result = Number.POSITIVE_INFINITY;
  // Per unit of the bundle: a component listed twice is needed twice, exactly as expansion holds it.
  for (const c of expandToComponents(0, 1, components)) {
    result = Math.min(result, Math.floor(Math.max(0, availableOf(c.skuId)) / c.quantity));
  }
  return result;
}

/**
 * The lines to reserve for `quantity` units of a SKU: itself for a plain SKU, or each component
 * times its per-bundle quantity. Components repeated in a definition are merged, and lines come
 * sorted by SKU id so concurrent writers lock rows in one order.
 */
export function expandToComponents(
  skuId: number,
  quantity: number,
  components: readonly BundleComponent[] | null,
): ComponentLine[] {
  if (!components || components.length === 0) return [{ skuId, quantity }];
  const merged = new Map<number, number>();
  for (const c of components)
    merged.set(c.skuId, (merged.get(c.skuId) ?? 0) + c.quantity * quantity);
  return [...merged.entries()]
    .sort(([a], [b]) => a - b)
    .map(([id, qty]) => ({ skuId: id, quantity: qty }));
}

/** A bundle may not contain itself, nothing, a component twice, or non-positive quantities. */
export function validateBundleDefinition(
  bundleSkuId: number | null,
  components: readonly BundleComponent[],
): string | null {
  if (components.length === 0) return 'a bundle needs at least one component';
  if (new Set(components.map((c) => c.skuId)).size !== components.length)
    return 'a component may be listed only once';
  for (const c of components) {
    if (!Number.isInteger(c.quantity) || c.quantity <= 0)
      return 'component quantity must be a positive integer';
    if (bundleSkuId !== null && c.skuId === bundleSkuId) return 'a bundle cannot contain itself';
  }
  return null;
}
