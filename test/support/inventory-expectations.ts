/**
 * What each inventory command must do to the model (test/support/inventory-model.ts): the
 * result it must return and the change it makes when it succeeds. Written from the issue's
 * rules: holds only from available stock (unless the SKU back-orders), all or nothing; ship and
 * release only open holds; confirm only unexpired unpaid holds; counts below reserved refused
 * unless the SKU back-orders; transfers leave at once and arrive once.
 */
import {
  BACKORDER_SKUS,
  DEFAULT_EXPIRY_MINUTES,
  availableIn,
  failure,
  holdLinesOf,
  isKnownWarehouse,
  levelOf,
  stockLinesError,
  type Expectation,
  type InventoryModel,
  type Line,
  type ModelHold,
  type ModelTransfer,
  type TransitionAction,
} from './inventory-model.ts';

export interface HoldRequest {
  sku: string;
  warehouse: string;
  quantity: number;
  orderRef: string;
  paid?: boolean;
  expiresInMinutes?: number;
}

export interface StocktakeRequest {
  warehouse: string;
  lines: { sku: string; counted: number }[];
}

export interface TransferRequest {
  from: string;
  to: string;
  lines: Line[];
}

export function expectInbound<T>(
  m: InventoryModel,
  req: { warehouse: string; lines: Line[] },
): Expectation<T> {
  if (!isKnownWarehouse(req.warehouse))
    return failure('WAREHOUSE_NOT_FOUND', { warehouse: req.warehouse });
  const bad = stockLinesError<T>(req.lines.map((l) => l.sku));
  if (bad) return bad;
  return {
    ok: true,
    commit: () => {
      for (const l of req.lines) levelOf(m, l.sku, req.warehouse).onHand += l.quantity;
    },
  };
}

export function expectStocktake<T>(m: InventoryModel, req: StocktakeRequest): Expectation<T> {
  if (!isKnownWarehouse(req.warehouse))
    return failure('WAREHOUSE_NOT_FOUND', { warehouse: req.warehouse });
  const bad = stockLinesError<T>(req.lines.map((l) => l.sku));
  if (bad) return bad;
  for (const { sku, counted } of req.lines) {
    const { reserved } = levelOf(m, sku, req.warehouse);
    if (counted < reserved && !BACKORDER_SKUS.has(sku))
      return failure('COUNT_BELOW_RESERVED', { sku, warehouse: req.warehouse, counted, reserved });
  }
  return {
    ok: true,
    commit: () => {
      for (const { sku, counted } of req.lines) levelOf(m, sku, req.warehouse).onHand = counted;
    },
  };
}

export function expectHold<T extends { id: string }>(
  m: InventoryModel,
  req: HoldRequest,
): Expectation<T> {
  const lines = holdLinesOf(req.sku, req.quantity);
  if (!lines.every((l) => stockLinesError([l.sku]) === null))
    return failure('SKU_NOT_FOUND', { sku: req.sku });
  if (!isKnownWarehouse(req.warehouse))
    return failure('WAREHOUSE_NOT_FOUND', { warehouse: req.warehouse });
  for (const line of lines) {
    const available = availableIn(m, line.sku, req.warehouse);
    if (!BACKORDER_SKUS.has(line.sku) && available < line.quantity)
      return failure('INSUFFICIENT_STOCK', {
        sku: line.sku,
        warehouse: req.warehouse,
        requested: line.quantity,
        available,
        ...(line.sku === req.sku ? {} : { bundle: req.sku }),
      });
  }
  const expiresAtMs = req.paid
    ? null
    : m.nowMs + (req.expiresInMinutes ?? DEFAULT_EXPIRY_MINUTES) * 60_000;
  return {
    ok: true,
    commit: (view) => {
      for (const l of lines) levelOf(m, l.sku, req.warehouse).reserved += l.quantity;
      const status = req.paid ? 'confirmed' : 'held';
      m.holds.push({ id: view.id, warehouse: req.warehouse, lines, status, expiresAtMs });
    },
  };
}

const TARGET = { confirm: 'confirmed', ship: 'shipped', release: 'released' } as const;

/** Confirm / ship / release of an existing hold; asking for the status it has is a no-op. */
export function expectTransition<T>(
  m: InventoryModel,
  hold: ModelHold,
  action: TransitionAction,
): Expectation<T> {
  const unchanged: Expectation<T> = { ok: true, commit: () => undefined };
  if (hold.status === TARGET[action]) return unchanged;
  const open = hold.status === 'held' || hold.status === 'confirmed';
  const overdue =
    hold.status === 'held' && hold.expiresAtMs !== null && m.nowMs >= hold.expiresAtMs;
  if (overdue && action !== 'release') return failure('HOLD_EXPIRED');
  const allowed = action === 'confirm' ? hold.status === 'held' : open;
  if (!allowed) return failure('INVALID_HOLD_TRANSITION', { from: hold.status, action });
  if (action === 'ship') {
    for (const line of hold.lines) {
      const level = levelOf(m, line.sku, hold.warehouse);
      if (level.onHand < line.quantity)
        return failure('INSUFFICIENT_STOCK', { sku: line.sku, requested: line.quantity });
    }
  }
  return {
    ok: true,
    commit: () => {
      for (const line of action === 'confirm' ? [] : hold.lines) {
        const level = levelOf(m, line.sku, hold.warehouse);
        level.reserved -= line.quantity;
        if (action === 'ship') level.onHand -= line.quantity;
      }
      hold.status = TARGET[action];
    },
  };
}

export function expectTransfer<T extends { id: string }>(
  m: InventoryModel,
  req: TransferRequest,
): Expectation<T> {
  if (req.from === req.to) return failure('SAME_WAREHOUSE', { warehouse: req.from });
  for (const w of [req.from, req.to])
    if (!isKnownWarehouse(w)) return failure('WAREHOUSE_NOT_FOUND', { warehouse: w });
  const bad = stockLinesError<T>(req.lines.map((l) => l.sku));
  if (bad) return bad;
  for (const line of req.lines) {
    const available = availableIn(m, line.sku, req.from);
    if (available < line.quantity)
      return failure('INSUFFICIENT_STOCK', {
        sku: line.sku,
        warehouse: req.from,
        requested: line.quantity,
        available,
      });
  }
  return {
    ok: true,
    commit: (view) => {
      for (const l of req.lines) levelOf(m, l.sku, req.from).onHand -= l.quantity;
      m.transfers.push({ ...req, id: view.id, status: 'in_transit' });
    },
  };
}

/** Receiving a transfer adds its lines at the destination once; receiving it again is a no-op. */
export function expectReceiveTransfer<T>(m: InventoryModel, t: ModelTransfer): Expectation<T> {
  return {
    ok: true,
    commit: () => {
      if (t.status === 'received') return;
      for (const l of t.lines) levelOf(m, l.sku, t.to).onHand += l.quantity;
      t.status = 'received';
    },
  };
}
