/**
 * Applies a platform order to stock: records the order (only forward in the platform's update
 * time), ties its lines to SKUs, and runs each line's lifecycle steps exactly once. Lines with no
 * SKU leave the order `unmatched` (applied later, once mapped); a line that cannot be filled makes
 * the order `unfillable` (see last-unit.ts), after paid orders have had their precedence.
 */
import type { Kysely } from 'kysely';
import type { PlatformOrder } from '../connectors/contract.ts';
import { decideLifecycle, type LifecycleStep } from '../domain/sync/order-lifecycle.ts';
import { isOrderState, type OrderState } from '../domain/sync/order-state.ts';
import type { InventoryService } from '../inventory/inventory-service.ts';
import type { Clock } from '../ports/clock.ts';
import type { Ids } from '../ports/ids.ts';
import { raiseAlert, resolveAlert } from '../store/alerts-repo.ts';
import {
  findChannelOrder,
  insertOrderLines,
  claimOrder,
  linesOfOrder,
  releaseOrderClaim,
  setOrderOutcome,
  updateOrderLine,
  type ChannelOrderLineRecord,
  type ChannelOrderRecord,
  type OrderOutcome,
} from '../store/channel-orders-repo.ts';
import { findListingByRef } from '../store/listings-repo.ts';
import type { DB } from '../store/schema.ts';
import type { ShopRecord } from '../store/shops-repo.ts';
import { abandonOrder, makeRoomForPaidLine } from './last-unit.ts';
import { recordOrder, type RecordedOrder } from './order-record.ts';
import { claimOrderWaiting, isOrderBusy, ORDER_CLAIM_MS, OrderBusyError } from './order-claim.ts';
import { runStep, type LineToApply, type StepContext } from './line-steps.ts';
import { listingForLine, withMapping } from './resolve-order-lines.ts';
import { shopSettingsOf } from './shop-settings.ts';
import { findSkusByIds, findWarehousesByIds } from '../store/catalog-lookup.ts';
import type { OrderBatchLookup } from './order-batch-lookup.ts';
import { adoptInterruptedHolds } from './interrupted-holds.ts';

export interface OrderApplierDeps {
  db: Kysely<DB>;
  inventory: InventoryService;
  ids: Ids;
  clock: Clock;
  /** Loads any shop of the tenant (a paid order may take the last unit from another shop's order). */
  loadShop: (tenantId: string, shopId: string) => Promise<ShopRecord | null>;
}

export type ApplyOutcome = OrderOutcome | 'stale';

export interface AppliedOrder {
  orderId: string;
  outcome: ApplyOutcome;
  /**
   * This read is the first of the order or of its cancellation, both of which the platform applied
   * to its own figure (see push-marks.ts forgetShownFigures).
   */
  platformMovedStock: boolean;
  /** Master SKUs and listings of the order's lines (for the pushes that follow). */
  skuIds: number[];
  listingIds: string[];
}

/** Records a platform order and applies it; `stale` when a newer status was already applied. */
export async function applyPlatformOrder(
  deps: OrderApplierDeps,
  shop: ShopRecord,
  order: PlatformOrder,
  batch?: OrderBatchLookup,
): Promise<AppliedOrder> {
  const nowMs = deps.clock.nowMs();
  const knownNew = batch !== undefined && !batch.maybeStored(order.orderId);
  const stored = await recordOrder(deps, shop, order, nowMs, knownNew);
  if (!stored.fresh)
    return {
      ...touchedBy(await linesOfOrder(deps.db, stored.record.id)),
      orderId: stored.record.id,
      outcome: 'stale',
      platformMovedStock: false,
    };
  // A first sight was inserted claimed; a stored order is claimed now (order-claim.ts).
  const claimed =
    stored.firstSight ||
    (await claimOrder(deps.db, stored.record.id, { nowMs, untilMs: nowMs + ORDER_CLAIM_MS }));
  if (!claimed) throw new OrderBusyError(order.orderId);
  try {
    return await applyClaimedOrder(deps, shop, order, stored, batch);
  } finally {
    await releaseOrderClaim(deps.db, stored.record.id);
  }
}

async function applyClaimedOrder(
  deps: OrderApplierDeps,
  shop: ShopRecord,
  order: PlatformOrder,
  stored: RecordedOrder,
  batch: OrderBatchLookup | undefined,
): Promise<AppliedOrder> {
  const nowMs = deps.clock.nowMs();
  // A first sight has no stored lines yet: the query is saved (it is most of a burst's orders).
  const storedLines = stored.firstSight ? [] : await linesOfOrder(deps.db, stored.record.id);
  const known = new Set(storedLines.map((l) => l.lineId));
  const fresh: ChannelOrderLineRecord[] = [];
  const skuCodes = new Map<number, string>();
  // A line the platform fulfils from a warehouse it runs (Amazon FBA) takes nothing from the pool:
  // the platform has already committed it, so it must never be found short and cancelled, and a
  // platform-run warehouse kept in StockPool follows the platform's own report (reconciliation).
  const poolLines = order.lines.filter((l) => !l.fulfilledByPlatform);
  for (const line of poolLines.filter((l) => !known.has(l.lineId))) {
    const listing = await listingForLine(
      deps.db,
      { shop, ids: deps.ids, nowMs },
      line,
      batch?.listing(line.itemId, line.variantId),
    );
    if (listing?.skuId != null && listing.skuCode !== null)
      skuCodes.set(listing.skuId, listing.skuCode);
    const base: ChannelOrderLineRecord = {
      orderId: stored.record.id,
      lineId: line.lineId,
      itemId: line.itemId,
      variantId: line.variantId,
      sellerSku: line.sellerSku,
      quantity: line.quantity,
      listingId: null,
      skuId: null,
      warehouseId: null,
      units: null,
      holdId: null,
      appliedState: null,
    };
    fresh.push(withMapping(base, listing));
  }
  // On first sight the lines are written once, after their steps (see applyStoredOrder); a line
  // new to a stored order is written now, and its step updates it.
  if (!stored.firstSight) await insertOrderLines(deps.db, shop.tenantId, fresh);
  const justMapped = stored.firstSight ? { lines: fresh, skuCodes } : undefined;
  const outcome = await applyStoredOrder(deps, shop, stored.record, justMapped);
  return {
    ...touchedBy([...storedLines, ...fresh]),
    orderId: stored.record.id,
    outcome,
    platformMovedStock:
      stored.firstSight || (order.state === 'cancelled' && stored.previousState !== 'cancelled'),
  };
}

function touchedBy(lines: ChannelOrderLineRecord[]): { skuIds: number[]; listingIds: string[] } {
  return {
    skuIds: [...new Set(lines.flatMap((l) => (l.skuId === null ? [] : [l.skuId])))],
    listingIds: [
      ...new Set(
        lines.flatMap((l) => (l.skuId === null || l.listingId === null ? [] : [l.listingId])),
      ),
    ],
  };
}

/**
 * Applies the stored order's current state to every line that can be applied. `firstSight`: the
 * order was stored just now and its lines (mapped, with their SKU codes) are not written yet; they
 * are inserted once with the state their steps reached, saving a write per line. Before an
 * abandon, and on any error, they are written as they stand, so whatever holds their steps took
 * are on record (a crash in between is replayed: each step's key is derived from the line).
 */
export async function applyStoredOrder(
  deps: OrderApplierDeps,
  shop: ShopRecord,
  order: ChannelOrderRecord,
  firstSight?: { lines: ChannelOrderLineRecord[]; skuCodes: Map<number, string> },
): Promise<OrderOutcome> {
  const state = isOrderState(order.state) ? order.state : null;
  const lines =
    firstSight?.lines ??
    (await adoptInterruptedHolds(
      deps.db,
      { tenantId: shop.tenantId, orderRef: orderRefOf(shop, order) },
      await currentLines(deps, shop, order),
    ));
  const unwritten = firstSight ? [...lines] : null;
  const writeLine = async (line: ChannelOrderLineRecord) => {
    const i = unwritten?.findIndex((l) => l.lineId === line.lineId) ?? -1;
    if (unwritten && i >= 0) unwritten[i] = line;
    else await updateOrderLine(deps.db, { orderId: order.id, lineId: line.lineId }, line);
  };
  const writeUnwritten = () =>
    unwritten ? insertOrderLines(deps.db, shop.tenantId, unwritten) : undefined;
  const ctx = await stepContext(deps, shop);
  let unmatched = 0;
  try {
    for (const line of lines) {
      if (line.skuId === null || line.units === null) {
        unmatched += 1;
        continue;
      }
      const result = await applyLine(deps, {
        ctx,
        shop,
        order,
        line,
        state,
        skuCode: firstSight?.skuCodes.get(line.skuId),
        writeLine,
      });
      if (result === 'unfillable') {
        await writeUnwritten();
        await abandonOrder(deps, { shop, order, reason: 'out_of_stock' });
        return (
          (
            await findChannelOrder(deps.db, {
              shopId: shop.id,
              platformOrderId: order.platformOrderId,
            })
          )?.outcome ?? 'unfillable'
        );
      }
    }
  } catch (error) {
    await writeUnwritten();
    throw error;
  }
  await writeUnwritten();
  return settleOutcome(deps, order, unmatched);
}

/** applyStoredOrder for paths outside the inbox (a seller's retry, a listing mapped): claimed. */
export async function applyStoredOrderClaimed(
  deps: OrderApplierDeps,
  shop: ShopRecord,
  order: ChannelOrderRecord,
  first?: () => Promise<void>,
): Promise<OrderOutcome> {
  const deadline = deps.clock.nowMs() + 5_000;
  let firstDone = false;
  for (;;) {
    // One 5 s budget for the claim and the retries together.
    await claimOrderWaiting(deps.db, order, deps.clock, Math.max(0, deadline - deps.clock.nowMs()));
    try {
      if (first && !firstDone) {
        await first();
        firstDone = true;
      }
      return await applyStoredOrder(deps, shop, order);
    } catch (error) {
      // Another order it would take a unit from was being applied (last-unit.ts preempt).
      if (!isOrderBusy(error) || deps.clock.nowMs() >= deadline) throw error;
    } finally {
      await releaseOrderClaim(deps.db, order.id);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The order reference its holds carry (shown in the ledger). */
function orderRefOf(shop: ShopRecord, order: ChannelOrderRecord): string {
  return `${shop.platform}:${order.platformOrderId}`;
}

async function currentLines(deps: OrderApplierDeps, shop: ShopRecord, order: ChannelOrderRecord) {
  const stored = await linesOfOrder(deps.db, order.id);
  const lines: ChannelOrderLineRecord[] = [];
  for (const line of stored) {
    if (line.skuId !== null && line.holdId !== null) {
      lines.push(line);
      continue;
    }
    const listing = await findListingByRef(deps.db, {
      shopId: shop.id,
      itemId: line.itemId,
      variantId: line.variantId,
    });
    lines.push(withMapping(line, listing));
  }
  return lines;
}

async function stepContext(deps: OrderApplierDeps, shop: ShopRecord): Promise<StepContext> {
  const settings = shopSettingsOf(shop.settingsJson);
  return {
    inventory: deps.inventory,
    actor: { tenantId: shop.tenantId, name: `shop:${shop.platform}:${shop.name}` },
    // The seller's own warehouses: the platform's own stock never ships the seller's orders.
    warehouseCodes: shop.warehouses.filter((w) => !w.platformRun).map((w) => w.warehouseCode),
    returnWarehouseCode:
      settings.returns.mode === 'quarantine' ? settings.returns.quarantineWarehouse : null,
  };
}

/**
 * Steps that claim units as paid: a paid hold, and a payment or shipment whose unpaid hold lapsed
 * (re-held in line-steps.ts). Without the last two, a buyer paying after the expiry lost the unit
 * to an order placed unpaid meanwhile, against first-paid-wins (domain/sync/last-unit.ts).
 */
const CLAIMS_AS_PAID: ReadonlySet<LifecycleStep> = new Set(['hold-paid', 'confirm', 'ship']);

async function applyLine(
  deps: OrderApplierDeps,
  a: {
    ctx: StepContext;
    shop: ShopRecord;
    order: ChannelOrderRecord;
    line: ChannelOrderLineRecord;
    state: OrderState | null;
    /** The line's SKU code when the caller knows it (saves a lookup). */
    skuCode?: string;
    /** Records the line as its steps left it. */
    writeLine: (line: ChannelOrderLineRecord) => Promise<void>;
  },
): Promise<'ok' | 'unfillable'> {
  const { line } = a;
  const decision = decideLifecycle(
    isOrderState(line.appliedState) ? line.appliedState : null,
    a.state,
  );
  if (decision.steps.length === 0 && decision.applied === line.appliedState) return 'ok';
  const skuCode =
    a.skuCode ??
    (await findSkusByIds(deps.db, a.shop.tenantId, [line.skuId ?? 0])).get(line.skuId ?? 0)?.code;
  if (!skuCode) throw new Error(`SKU ${line.skuId} of order ${a.order.id} vanished`);
  const warehouseCode =
    line.warehouseId === null
      ? null
      : ((await findWarehousesByIds(deps.db, a.shop.tenantId, [line.warehouseId])).get(
          line.warehouseId,
        )?.code ?? null);
  let current: LineToApply = {
    orderId: a.order.id,
    orderRef: orderRefOf(a.shop, a.order),
    lineId: line.lineId,
    skuCode,
    units: line.units ?? line.quantity,
    holdId: line.holdId,
    warehouseCode,
  };
  for (const step of decision.steps) {
    let result = await runStep(a.ctx, current, step);
    if (!result.ok && result.unfillable && CLAIMS_AS_PAID.has(step)) {
      // Paid orders come first: free units held by unpaid orders, or by later payments.
      if (
        await makeRoomForPaidLine(deps, {
          shop: a.shop,
          order: a.order,
          skuId: line.skuId ?? 0,
          units: current.units,
        })
      )
        result = await runStep(a.ctx, current, step);
    }
    if (!result.ok && result.unfillable) return 'unfillable';
    if (!result.ok)
      throw new Error(`order ${a.order.platformOrderId} line ${line.lineId}: ${result.error.code}`);
    current = { ...current, holdId: result.holdId, warehouseCode: result.warehouseCode };
  }
  const warehouseId =
    a.shop.warehouses.find((w) => w.warehouseCode === current.warehouseCode)?.warehouseId ??
    line.warehouseId;
  await a.writeLine({
    ...line,
    appliedState: decision.applied,
    holdId: current.holdId,
    warehouseId,
    units: current.units,
  });
  return 'ok';
}

async function settleOutcome(
  deps: OrderApplierDeps,
  order: ChannelOrderRecord,
  unmatched: number,
): Promise<OrderOutcome> {
  const nowMs = deps.clock.nowMs();
  const alert = { tenantId: order.tenantId, kind: 'unmatched_order', subject: order.id, nowMs };
  if (unmatched > 0) {
    await setOrderOutcome(deps.db, order.id, { outcome: 'unmatched', nowMs });
    await raiseAlert(deps.db, {
      ...alert,
      level: 'orange',
      params: { order: order.platformOrderId, shopId: order.shopId, lines: unmatched },
      newId: () => deps.ids.next('alr'),
    });
    return 'unmatched';
  }
  if (order.outcome === 'unmatched') {
    await setOrderOutcome(deps.db, order.id, { outcome: 'applied', nowMs });
    await resolveAlert(deps.db, alert);
  }
  return order.outcome === 'unmatched' ? 'applied' : order.outcome;
}
