// Proves the bundle rules: what a bundle can sell is the minimum over its components of
// floor(available / per-bundle quantity), expanding a bundle multiplies and merges its components
// in SKU-id order, and a definition with no, zero, fractional or self components is refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  bundleAvailable,
  expandToComponents,
  validateBundleDefinition,
  type BundleComponent,
} from './bundles.ts';

const stock = (map: Record<number, number>) => (id: number) => map[id] ?? 0;

describe('bundleAvailable', () => {
  it('is the minimum of floor(component available / quantity)', () => {
    const kit = [
      { skuId: 1, quantity: 2 },
      { skuId: 2, quantity: 1 },
    ];
    assert.equal(bundleAvailable(kit, stock({ 1: 7, 2: 10 })), 3);
    assert.equal(bundleAvailable(kit, stock({ 1: 10, 2: 2 })), 2);
  });

  it('is zero when a component has none, is missing, or is back-ordered below zero', () => {
    const kit = [
      { skuId: 1, quantity: 1 },
      { skuId: 2, quantity: 1 },
    ];
    assert.equal(bundleAvailable(kit, stock({ 1: 5, 2: 0 })), 0);
    assert.equal(bundleAvailable(kit, stock({ 1: 5 })), 0);
    assert.equal(bundleAvailable(kit, stock({ 1: 5, 2: -3 })), 0);
  });

  it('a bundle with no components can sell nothing', () => {
    assert.equal(
      bundleAvailable([], () => 100),
      0,
    );
  });

  it('a multi-pack of one SKU sells whole packs only', () => {
    assert.equal(bundleAvailable([{ skuId: 1, quantity: 6 }], stock({ 1: 17 })), 2);
  });

  it('counts a component listed twice as many times as it is listed, as expansion does', () => {
    const twice = [
      { skuId: 1, quantity: 1 },
      { skuId: 1, quantity: 1 },
    ];
    assert.deepEqual(expandToComponents(9, 1, twice), [{ skuId: 1, quantity: 2 }]);
    assert.equal(bundleAvailable(twice, stock({ 1: 3 })), 1);
  });
});

describe('expandToComponents', () => {
  it('a plain SKU expands to itself', () => {
    assert.deepEqual(expandToComponents(7, 4, null), [{ skuId: 7, quantity: 4 }]);
    assert.deepEqual(expandToComponents(7, 4, []), [{ skuId: 7, quantity: 4 }]);
  });

  it('multiplies each component, merges repeats and sorts by SKU id', () => {
    const lines = expandToComponents(9, 3, [
      { skuId: 5, quantity: 1 },
      { skuId: 2, quantity: 2 },
      { skuId: 5, quantity: 4 },
    ]);
    assert.deepEqual(lines, [
      { skuId: 2, quantity: 6 },
      { skuId: 5, quantity: 15 },
    ]);
  });
});

describe('validateBundleDefinition', () => {
  it('accepts positive integer quantities of other SKUs', () => {
    assert.equal(validateBundleDefinition(9, [{ skuId: 1, quantity: 2 }]), null);
    assert.equal(validateBundleDefinition(null, [{ skuId: 9, quantity: 1 }]), null);
  });

  it('refuses no components, zero, negative or fractional quantities, and itself', () => {
    assert.match(validateBundleDefinition(9, []) ?? '', /at least one/);
    for (const quantity of [0, -1, 1.5, Number.NaN])
      assert.match(validateBundleDefinition(9, [{ skuId: 1, quantity }]) ?? '', /positive integer/);
    assert.match(validateBundleDefinition(9, [{ skuId: 9, quantity: 1 }]) ?? '', /itself/);
  });
});

describe('bundle properties', () => {
  const distinctComponents = fc.uniqueArray(
    fc.record({
      skuId: fc.integer({ min: 1, max: 50 }),
      quantity: fc.integer({ min: 1, max: 12 }),
    }),
    { minLength: 1, maxLength: 6, selector: (c) => c.skuId },
  );
  const availability = fc.dictionary(
    fc.integer({ min: 1, max: 50 }).map(String),
    fc.integer({ min: -20, max: 500 }),
  );
  const availableIn = (d: Record<string, number>) => (id: number) => d[String(id)] ?? 0;

  it('never exceeds any floor(component / quantity), and equals the smallest', () => {
    fc.assert(
      fc.property(distinctComponents, availability, (components, d) => {
        const n = bundleAvailable(components, availableIn(d));
        const floors = components.map((c) =>
          Math.floor(Math.max(0, availableIn(d)(c.skuId)) / c.quantity),
        );
        for (const f of floors) assert.ok(n <= f);
        assert.equal(n, Math.min(...floors));
      }),
    );
  });

  it('exactly that many bundles fit their expanded lines, and one more does not', () => {
    fc.assert(
      fc.property(distinctComponents, availability, (components, d) => {
        const n = bundleAvailable(components, availableIn(d));
        const fits = (k: number) =>
          expandToComponents(0, k, components).every(
            (l) => l.quantity <= Math.max(0, availableIn(d)(l.skuId)),
          );
        assert.ok(fits(n));
        assert.equal(fits(n + 1), false);
      }),
    );
  });

  it('expanded lines sum to quantity × per-bundle quantity for every component', () => {
    const anyComponents = fc.array(
      fc.record({
        skuId: fc.integer({ min: 1, max: 8 }),
        quantity: fc.integer({ min: 1, max: 9 }),
      }),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(anyComponents, fc.integer({ min: 0, max: 1000 }), (components, quantity) => {
        const lines = expandToComponents(0, quantity, components);
        const ids = lines.map((l) => l.skuId);
        assert.deepEqual(
          ids,
          [...new Set(ids)].sort((a, b) => a - b),
        );
        for (const line of lines) {
          const perBundle = components
            .filter((c) => c.skuId === line.skuId)
            .reduce((sum, c) => sum + c.quantity, 0);
          assert.equal(line.quantity, perBundle * quantity);
        }
        assert.equal(new Set(components.map((c) => c.skuId)).size, lines.length);
      }),
    );
  });

  it('a bundle available count never depends on the order of its components', () => {
    fc.assert(
      fc.property(distinctComponents, availability, (components, d) => {
        const reversed: BundleComponent[] = [...components].reverse();
        assert.equal(
          bundleAvailable(components, availableIn(d)),
          bundleAvailable(reversed, availableIn(d)),
        );
      }),
    );
  });
});
