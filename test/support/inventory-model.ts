/**
 * A deliberately naive model of one tenant's stock, written from the rules rather than
 * from the code: plain maps of on_hand / reserved, a list of holds and transfers, and functions
 * that say what a command must return and how the model changes if it succeeds. The model-based
 * property test (src/inventory/inventory.property.test.ts) compares StockPool with it after
 * every step.
 */
import type { DomainErrorCode } from '../../src/domain/outcome.ts';

export const WAREHOUSES = ['W1', 'W2'] as const;
/** Plain SKUs in creation (= id) order; C allows back-orders. */
export const PLAIN_SKUS = ['A', 'B', 'C'] as const;
export const BACKORDER_SKUS: ReadonlySet<string> = new Set(['C']);
/** Bundles: KIT = 2×A + 1×B; MIX = 1×B + 2×C (a bundle with a back-ordering component). */
export const BUNDLES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  KIT: { A: 2, B: 1 },
  MIX: { B: 1, C: 2 },
};
export const ALL_SKUS = [...PLAIN_SKUS, ...Object.keys(BUNDLES)];
export const DEFAULT_EXPIRY_MINUTES = 15;

export type ModelHoldStatus = 'held' | 'confirmed' | 'shipped' | 'released' | 'expired';
export type TransitionAction = 'confirm' | 'ship' | 'release';

export interface Line {
  sku: string;
  quantity: number;
}

export interface ModelHold {
  id: string;
  warehouse: string;
  lines: Line[];
  status: ModelHoldStatus;
  expiresAtMs: number | null;
}

export interface ModelTransfer {
  id: string;
  from: string;
  to: string;
  lines: Line[];
  status: 'in_transit' | 'received';
}

export interface Level {
  onHand: number;
  reserved: number;
}

export interface InventoryModel {
  nowMs: number;
  levels: Map<string, Level>;
  holds: ModelHold[];
  transfers: ModelTransfer[];
}

/** A command's required result: a success that updates the model, or a typed failure. */
export type Expectation<T> =
  | { ok: true; commit: (result: T) => void }
  | { ok: false; code: DomainErrorCode; details?: Record<string, unknown> };

export function newModel(nowMs: number): InventoryModel {
  return { nowMs, levels: new Map(), holds: [], transfers: [] };
}

export const levelKey = (sku: string, warehouse: string): string => `${sku}@${warehouse}`;

export function levelOf(m: InventoryModel, sku: string, warehouse: string): Level {
  let level = m.levels.get(levelKey(sku, warehouse));
  if (!level) m.levels.set(levelKey(sku, warehouse), (level = { onHand: 0, reserved: 0 }));
  return level;
}

export const availableIn = (m: InventoryModel, sku: string, warehouse: string): number =>
  levelOf(m, sku, warehouse).onHand - levelOf(m, sku, warehouse).reserved;

export function failure<T>(
  code: DomainErrorCode,
  details?: Record<string, unknown>,
): Expectation<T> {
  return details ? { ok: false, code, details } : { ok: false, code };
}

/** The lines a hold of `quantity` × `sku` reserves, in SKU-id order (A < B < C). */
export function holdLinesOf(sku: string, quantity: number): Line[] {
  const bundle = BUNDLES[sku];
  if (!bundle) return [{ sku, quantity }];
  return PLAIN_SKUS.filter((s) => bundle[s] !== undefined).map((s) => ({
    sku: s,
    quantity: (bundle[s] ?? 0) * quantity,
  }));
}

/** Physical stock lines (receipts, counts, returns, transfers) name distinct, known, plain SKUs. */
export function stockLinesError<T>(skus: readonly string[]): Expectation<T> | null {
  const seen = new Set<string>();
  for (const sku of skus) {
    if (seen.has(sku)) return failure('DUPLICATE_LINE', { sku });
    seen.add(sku);
  }
  for (const sku of skus) {
    if (!ALL_SKUS.includes(sku)) return failure('SKU_NOT_FOUND', { sku });
    if (BUNDLES[sku]) return failure('BUNDLE_NOT_STOCKABLE', { sku });
  }
  return null;
}

export function isKnownWarehouse(code: string): boolean {
  return (WAREHOUSES as readonly string[]).includes(code);
}

/** The sweeper's job: every unpaid hold whose time has come, and only those, expires. */
export function expireDueHolds(m: InventoryModel): ModelHold[] {
  const due = m.holds.filter(
    (h) => h.status === 'held' && h.expiresAtMs !== null && h.expiresAtMs <= m.nowMs,
  );
  for (const hold of due) {
    hold.status = 'expired';
    for (const line of hold.lines) levelOf(m, line.sku, hold.warehouse).reserved -= line.quantity;
  }
  return due;
}
