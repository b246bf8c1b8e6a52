/**
 * /v1/stock: the stock board — by default one row per SKU (bundles included, figures summed over
 * the warehouses in scope), or with view=warehouse each plain SKU in each warehouse — and one
 * SKU's stock in every warehouse; a bundle shows what its components allow (min over components).
 */
import { z } from 'zod';
import { bundleAvailable } from '../../../domain/bundles.ts';
import {
  availableOf,
  effectiveLowThreshold,
  stockStatusOf,
  type StockStatus,
} from '../../../domain/stock-level.ts';
import { findBundleComponents, findSkusByCodes } from '../../../store/catalog-lookup.ts';
import { levelsByWarehouse, listStockBoard } from '../../../store/stock-board-repo.ts';
import { listSkuBoard } from '../../../store/stock-board-sku-view.ts';
import { readTenantSettings } from '../../../store/tenant-settings-repo.ts';
import { inTransitByWarehouse } from '../../../store/transfers-repo.ts';
import { findSku } from '../../../store/skus-repo.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { principalOf } from '../../auth.ts';
import { sendError } from '../../error-reply.ts';
import { Code, withErrors } from '../../schemas/common.ts';
import { BoardQuery, isSkuBoardSortKey, SkuStock, StockBoard } from './stock-schemas.ts';

const tags = ['stock'];

export function registerStockRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/v1/stock',
    {
      schema: {
        tags,
        summary:
          'The stock board: one row per SKU (bundles included), or per plain SKU per warehouse; ' +
          'filtered, sorted and paged',
        querystring: BoardQuery,
        response: withErrors({ 200: StockBoard }),
      },
    },
    async (request): Promise<z.output<typeof StockBoard>> => {
      const q = request.query;
      const tenantId = principalOf(request).tenantId;
      const filters = {
        warehouse: q.warehouse,
        statuses: q.status,
        text: q.q,
        descending: q.order === 'desc',
        limit: q.limit,
        offset: q.offset,
      };
      const paging = { limit: q.limit, offset: q.offset };
      if (q.view === 'warehouse') {
        const { rows, total } = await listStockBoard(deps.database.db, tenantId, {
          ...filters,
          sort: q.sort,
        });
        return { view: 'warehouse', items: rows.map(withStatus), total, ...paging };
      }
      const sort = q.sort;
      if (!isSkuBoardSortKey(sort)) throw new Error('the query schema lets no such sort through');
      const { rows, total } = await listSkuBoard(deps.database.db, tenantId, { ...filters, sort });
      const items = rows.map((r) => ({
        ...r,
        status: stockStatusOf(r.available, r.lowStockThreshold),
      }));
      return { view: 'sku', items, total, ...paging };
    },
  );

  app.get(
    '/v1/stock/:sku',
    {
      schema: {
        tags,
        summary: "One SKU's stock in every warehouse (a bundle's from its components)",
        params: z.object({ sku: Code }),
        response: withErrors({ 200: SkuStock }),
      },
    },
    async (request, reply) => {
      const tenantId = principalOf(request).tenantId;
      const stock = await skuStock(deps, tenantId, request.params.sku);
      return stock ?? sendError(request, reply, 'SKU_NOT_FOUND', { sku: request.params.sku });
    },
  );
}

function withStatus<T extends { onHand: number; reserved: number; lowStockThreshold: number }>(
  row: T,
): T & { available: number; status: StockStatus } {
  const available = availableOf(row);
  return { ...row, available, status: stockStatusOf(available, row.lowStockThreshold) };
}

async function skuStock(
  deps: RouteDeps,
  tenantId: string,
  code: string,
): Promise<z.output<typeof SkuStock> | null> {
  const db = deps.database.db;
  const [sku, ref, settings] = await Promise.all([
    findSku(db, tenantId, code),
    findSkusByCodes(db, tenantId, [code]).then((m) => m.get(code)),
    readTenantSettings(db, tenantId),
  ]);
  if (!sku || !ref) return null;
  const threshold = effectiveLowThreshold(sku.lowStockThreshold, settings?.lowStockThreshold ?? 15);
  const components = sku.isBundle ? await findBundleComponents(db, tenantId, ref.id) : [];
  const [levels, inTransit] = await Promise.all([
    levelsByWarehouse(db, tenantId, sku.isBundle ? components.map((c) => c.skuId) : [ref.id]),
    sku.isBundle ? new Map<string, number>() : inTransitByWarehouse(db, tenantId, ref.id),
  ]);
  const warehouses = [...new Set(levels.map((l) => l.warehouse))].map((warehouse) => {
    const here = levels.filter((l) => l.warehouse === warehouse);
    if (sku.isBundle) {
      const available = bundleAvailable(components, (id) => {
        const level = here.find((l) => l.skuId === id);
        return level ? availableOf(level) : 0;
      });
      return {
        warehouse,
        onHand: null,
        reserved: null,
        available,
        status: stockStatusOf(available, threshold),
        inTransit: null,
      };
    }
    const level = here[0] ?? { onHand: 0, reserved: 0 };
    const available = availableOf(level);
    return {
      warehouse,
      onHand: level.onHand,
      reserved: level.reserved,
      available,
      status: stockStatusOf(available, threshold),
      inTransit: inTransit.get(warehouse) ?? 0,
    };
  });
  const sum = (pick: (w: (typeof warehouses)[number]) => number | null) =>
    warehouses.reduce((acc, w) => acc + (pick(w) ?? 0), 0);
  return {
    sku: sku.code,
    isBundle: sku.isBundle,
    lowStockThreshold: threshold,
    warehouses,
    total: {
      onHand: sku.isBundle ? null : sum((w) => w.onHand),
      reserved: sku.isBundle ? null : sum((w) => w.reserved),
      available: sum((w) => w.available),
      inTransit: sku.isBundle ? null : sum((w) => w.inTransit),
    },
  };
}
