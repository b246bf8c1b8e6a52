/**
 * /v1/stock: the stock board (each plain SKU in each warehouse, with status) and one SKU's stock
 * in every warehouse; a bundle shows what its components allow (min over components).
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
import {
  levelsByWarehouse,
  listStockBoard,
  STOCK_SORT_KEYS,
} from '../../../store/stock-board-repo.ts';
import { readTenantSettings } from '../../../store/tenant-settings-repo.ts';
import { findSku } from '../../../store/skus-repo.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { principalOf } from '../../auth.ts';
import { sendError } from '../../error-reply.ts';
import { Code, Limit, Offset, enumList, label, withErrors } from '../../schemas/common.ts';

const tags = ['stock'];
const STATUSES = ['zero', 'low', 'normal'] as const satisfies readonly StockStatus[];
const Status = z.enum(STATUSES);

const BoardQuery = z.object({
  warehouse: Code.optional(),
  status: enumList(STATUSES).optional().meta({ description: 'zero, low, normal; comma-separated' }),
  q: label(100).optional().meta({ description: 'Matches SKU code, name or barcode' }),
  sort: z.enum(STOCK_SORT_KEYS).default('sku'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: Limit,
  offset: Offset,
});

const BoardRow = z
  .object({
    sku: z.string(),
    name: z.string(),
    warehouse: z.string(),
    onHand: z.number(),
    reserved: z.number(),
    available: z.number(),
    status: Status,
    lowStockThreshold: z.number(),
  })
  .meta({ id: 'StockRow' });

const SkuStock = z
  .object({
    sku: z.string(),
    isBundle: z.boolean(),
    lowStockThreshold: z.number(),
    warehouses: z.array(
      z.object({
        warehouse: z.string(),
        onHand: z.number().nullable().meta({ description: 'null for a bundle' }),
        reserved: z.number().nullable(),
        available: z.number(),
        status: Status,
      }),
    ),
    total: z.object({
      onHand: z.number().nullable(),
      reserved: z.number().nullable(),
      available: z.number(),
    }),
  })
  .meta({ id: 'SkuStock' });

export function registerStockRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/v1/stock',
    {
      schema: {
        tags,
        summary: 'The stock board: every plain SKU in every warehouse, filtered, sorted and paged',
        querystring: BoardQuery,
        response: withErrors({
          200: z.object({
            items: z.array(BoardRow),
            total: z.number(),
            limit: z.number(),
            offset: z.number(),
          }),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const { rows, total } = await listStockBoard(
        deps.database.db,
        principalOf(request).tenantId,
        {
          warehouse: q.warehouse,
          statuses: q.status,
          text: q.q,
          sort: q.sort,
          descending: q.order === 'desc',
          limit: q.limit,
          offset: q.offset,
        },
      );
      const items = rows.map((r) => {
        const available = availableOf(r);
        return { ...r, available, status: stockStatusOf(available, r.lowStockThreshold) };
      });
      return { items, total, limit: q.limit, offset: q.offset };
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
  const levels = await levelsByWarehouse(
    db,
    tenantId,
    sku.isBundle ? components.map((c) => c.skuId) : [ref.id],
  );
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
    },
  };
}
