/**
 * Request and response shapes of /v1/stock: the board's query (two views), its rows in each view
 * (a discriminated union on `view`), and one SKU's stock in every warehouse.
 */
import { z } from 'zod';
import type { StockStatus } from '../../../domain/stock-level.ts';
import { STOCK_SORT_KEYS } from '../../../store/stock-board-repo.ts';
import { SKU_BOARD_SORT_KEYS, type SkuBoardSortKey } from '../../../store/stock-board-sku-view.ts';
import { Code, Limit, Offset, enumList, label } from '../../schemas/common.ts';

const STATUSES = ['zero', 'low', 'normal'] as const satisfies readonly StockStatus[];
const Status = z.enum(STATUSES);

export const BoardQuery = z
  .object({
    view: z
      .enum(['sku', 'warehouse'])
      .default('sku')
      .meta({
        description:
          'sku (default): one row per SKU, bundles included, its figures summed over the ' +
          'warehouses in scope. warehouse: one row per plain SKU per warehouse (no bundles).',
      }),
    warehouse: Code.optional().meta({
      description:
        'Only this warehouse (a code): its rows (view=warehouse) or only its stock in the sums ' +
        '(view=sku). An unknown code matches nothing.',
    }),
    status: enumList(STATUSES)
      .optional()
      .meta({ description: 'zero, low, normal; comma-separated' }),
    q: label(100).optional().meta({ description: 'Matches SKU code, name or barcode' }),
    sort: z
      .enum(STOCK_SORT_KEYS)
      .default('sku')
      .meta({
        description:
          'warehouse only with view=warehouse. With view=sku, sorting by onHand or reserved ' +
          'puts bundles (null) last in either order.',
      }),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: Limit,
    offset: Offset,
  })
  .refine((v) => v.view === 'warehouse' || isSkuBoardSortKey(v.sort), {
    path: ['sort'],
    message: 'sort=warehouse needs view=warehouse',
  });

export function isSkuBoardSortKey(key: string): key is SkuBoardSortKey {
  return (SKU_BOARD_SORT_KEYS as readonly string[]).includes(key);
}

const statusFields = {
  status: Status,
  lowStockThreshold: z.number().meta({ description: "The SKU's own threshold, else the tenant's" }),
};

const WarehouseBoardRow = z
  .object({
    sku: z.string(),
    name: z.string(),
    warehouse: z.string(),
    onHand: z.number(),
    reserved: z.number(),
    available: z.number(),
    ...statusFields,
  })
  .meta({ id: 'StockRow' });

const SkuBoardRow = z
  .object({
    sku: z.string(),
    name: z.string(),
    isBundle: z.boolean(),
    onHand: z.number().nullable().meta({
      description: 'Sum over the warehouses in scope; null for a bundle (no stock of its own)',
    }),
    reserved: z.number().nullable().meta({ description: 'As onHand; null for a bundle' }),
    available: z.number().meta({
      description:
        'A plain SKU: on hand − reserved, summed. A bundle: in each warehouse, min over its ' +
        'components of floor(max(0, component available) / quantity), summed over the warehouses.',
    }),
    ...statusFields,
  })
  .meta({ id: 'SkuBoardRow' });

const paged = { total: z.number(), limit: z.number(), offset: z.number() };
export const StockBoard = z
  .discriminatedUnion('view', [
    z.object({ view: z.literal('sku'), items: z.array(SkuBoardRow), ...paged }),
    z.object({ view: z.literal('warehouse'), items: z.array(WarehouseBoardRow), ...paged }),
  ])
  .meta({
    id: 'StockBoard',
    description: 'One page of the board, in the view asked for',
    discriminator: { propertyName: 'view' },
  });

export const SkuStock = z
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
        inTransit: z
          .number()
          .nullable()
          .meta({ description: 'on its way here by open transfers; null for a bundle' }),
      }),
    ),
    total: z.object({
      onHand: z.number().nullable(),
      reserved: z.number().nullable(),
      available: z.number(),
      inTransit: z.number().nullable(),
    }),
  })
  .meta({ id: 'SkuStock' });
