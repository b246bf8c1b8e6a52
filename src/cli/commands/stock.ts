/**
 * `stockpool stock <sku>`: one SKU's on hand, reserved, available and status in every warehouse.
 * For a bundle, available per warehouse is what its components allow.
 */
import type { Command } from 'commander';
import { bundleAvailable } from '../../domain/bundles.ts';
import {
  effectiveLowThreshold,
  stockStatusOf,
  type StockStatus,
} from '../../domain/stock-level.ts';
import { readSkuStock, tenantLowThreshold, type StockRow } from '../../exporter/stock-query.ts';
import type { StockPool } from '../../main.ts';
import { findSku, type SkuRecord } from '../../store/skus-repo.ts';
import { listWarehouses } from '../../store/warehouses-repo.ts';
import { CliError } from '../cli-error.ts';
import type { Io } from '../io.ts';
import type { CliContext } from '../main.ts';
import { ensureTenant, resolveConfig, withSession } from '../session.ts';
import { renderTable } from '../table.ts';
import { show, text } from '../text.ts';
import { HELP } from '../texts-help.ts';

const T = {
  title: text(
    (p) => `${show(p.sku)} — ${show(p.name)}`,
    (p) => `${show(p.sku)} — ${show(p.name)}`,
  ),
  bundle: text(
    (p) => `Bundle of ${show(p.components)}: available is what the components allow.`,
    (p) => `组合商品，由 ${show(p.components)} 组成：可用库存按组成 SKU 计算。`,
  ),
  noWarehouses: text(
    () => 'There are no warehouses yet.',
    () => '还没有任何仓库。',
  ),
  headers: text(
    () => 'Warehouse|Name|On hand|Reserved|Available|Status',
    () => '仓库|仓库名称|实际库存|占用库存|可用库存|状态',
  ),
  total: text(
    () => 'Total',
    () => '合计',
  ),
};

const STATUS: Record<StockStatus, { en: string; zh: string }> = {
  zero: { en: 'zero', zh: '零库存' },
  low: { en: 'low', zh: '低库存' },
  normal: { en: 'normal', zh: '正常' },
};

export function registerStock(program: Command, ctx: CliContext): void {
  program
    .command('stock')
    .description(ctx.io.t(HELP.stock))
    .argument('<sku>', 'SKU')
    .action(async (skuCode: string, _options: unknown, command: Command) => {
      const globals = ctx.globals(command);
      await withSession(resolveConfig(globals), { mustExist: true }, async (pool) => {
        const tenantId = await ensureTenant(ctx.io, pool, globals.tenant, {
          bootstrap: false,
        });
        const sku = await findSku(pool.database.db, tenantId, skuCode);
        if (!sku) throw new CliError('SKU_NOT_FOUND', { sku: skuCode });
        await printStock(ctx.io, pool, tenantId, sku);
      });
    });
}

interface Line {
  warehouse: string;
  warehouseName: string;
  onHand: number | null;
  reserved: number | null;
  available: number;
}

async function printStock(
  io: Io,
  pool: StockPool,
  tenantId: string,
  sku: SkuRecord,
): Promise<void> {
  const db = pool.database.db;
  const warehouses = await listWarehouses(db, tenantId);
  io.say(T.title, { sku: sku.code, name: sku.name });
  if (sku.isBundle)
    io.say(T.bundle, {
      components: sku.components.map((c) => `${c.sku}×${c.quantity}`).join(' + '),
    });
  if (warehouses.length === 0) return io.say(T.noWarehouses);
  const lines: Line[] = sku.isBundle
    ? await bundleLines(pool, tenantId, sku, warehouses)
    : plainLines(await readSkuStock(db, tenantId, sku.code), warehouses);
  const threshold = effectiveLowThreshold(
    sku.lowStockThreshold,
    await tenantLowThreshold(db, tenantId),
  );
  const zh = io.locale === 'zh-CN';
  const status = (available: number) => {
    const s = STATUS[stockStatusOf(available, threshold)];
    return zh ? s.zh : s.en;
  };
  const num = (n: number | null) => (n === null ? '-' : n.toLocaleString('en-US'));
  const rows = lines.map((l) => [
    l.warehouse,
    l.warehouseName,
    num(l.onHand),
    num(l.reserved),
    num(l.available),
    status(l.available),
  ]);
  const sum = (pick: (l: Line) => number | null) =>
    lines.some((l) => pick(l) === null) ? null : lines.reduce((a, l) => a + (pick(l) ?? 0), 0);
  const available = lines.reduce((a, l) => a + l.available, 0);
  const footer = [
    [
      io.t(T.total),
      '',
      num(sum((l) => l.onHand)),
      num(sum((l) => l.reserved)),
      num(available),
      status(available),
    ],
  ];
  for (const line of renderTable(io.t(T.headers).split('|'), rows, {
    numeric: new Set([2, 3, 4]),
    footer,
  }))
    io.line(line);
}

function plainLines(rows: StockRow[], warehouses: { code: string; name: string }[]): Line[] {
  const byCode = new Map(rows.map((r) => [r.warehouse, r]));
  return warehouses.map((w) => {
    const r = byCode.get(w.code);
    return {
      warehouse: w.code,
      warehouseName: w.name,
      onHand: r?.onHand ?? 0,
      reserved: r?.reserved ?? 0,
      available: r?.available ?? 0,
    };
  });
}

async function bundleLines(
  pool: StockPool,
  tenantId: string,
  sku: SkuRecord,
  warehouses: { code: string; name: string }[],
): Promise<Line[]> {
  const available = new Map<string, number>();
  for (const c of sku.components)
    for (const r of await readSkuStock(pool.database.db, tenantId, c.sku))
      available.set(`${c.sku}\u0000${r.warehouse}`, r.available);
  const components = sku.components.map((c, i) => ({ skuId: i, quantity: c.quantity }));
  return warehouses.map((w) => ({
    warehouse: w.code,
    warehouseName: w.name,
    onHand: null,
    reserved: null,
    available: bundleAvailable(
      components,
      (i) => available.get(`${sku.components[i]?.sku}\u0000${w.code}`) ?? 0,
    ),
  }));
}
