/** What `stockpool import` prints: notes on the file, every row error, the plan, the result. */
import type { ApplyResult } from '../importer/apply-import.ts';
import type { ImportPlan } from '../importer/plan-import.ts';
import { describeRowError } from '../importer/row-error-messages.ts';
import type { Io } from './io.ts';
import { renderTable } from './table.ts';
import { show, text } from './text.ts';

/** Stock changes listed by a dry run; the rest are counted. */
const MAX_CHANGES_SHOWN = 20;

const T = {
  ignoredSheets: text(
    (p) => `Ignored sheets (no SKU column, or instructions): ${show(p.names)}`,
    (p) => `已忽略的工作表（无商品编码列或为说明页）：${show(p.names)}`,
  ),
  ignoredColumns: text(
    (p) =>
      `Ignored columns (not recognised)${p.sheet ? ` on sheet "${show(p.sheet)}"` : ''}: ${show(p.names)}`,
    (p) => `${p.sheet ? `工作表“${show(p.sheet)}”中` : ''}未识别、已忽略的列：${show(p.names)}`,
  ),
  problems: text(
    (p) => `${show(p.count)} problem(s) in ${show(p.path)}:`,
    (p) => `${show(p.path)} 中发现 ${show(p.count)} 处问题：`,
  ),
  skipping: text(
    (p) => `Leaving out ${show(p.rows)} bad row(s) (--skip-bad-rows); importing the rest.`,
    (p) => `已跳过 ${show(p.rows)} 行有问题的数据（--skip-bad-rows），其余照常导入。`,
  ),
  file: text(
    (p) => `File: ${show(p.path)} (${show(p.rows)} data rows)`,
    (p) => `文件：${show(p.path)}（${show(p.rows)} 行数据）`,
  ),
  warehouses: text(
    (p) => `Warehouses: ${show(p.created)} new, ${show(p.changed)} changed`,
    (p) => `仓库：新增 ${show(p.created)} 个，修改 ${show(p.changed)} 个`,
  ),
  autoWarehouses: text(
    (p) => `  New warehouses named only by stock rows (created as domestic): ${show(p.names)}`,
    (p) => `  以下仓库仅在库存行中出现，将按国内仓新建：${show(p.names)}`,
  ),
  skus: text(
    (p) =>
      `SKUs: ${show(p.created)} new, ${show(p.bundles)} new bundles, ${show(p.changed)} changed`,
    (p) =>
      `商品：新增 ${show(p.created)} 个，新增组合商品 ${show(p.bundles)} 个，修改 ${show(p.changed)} 个`,
  ),
  stock: text(
    (p) => `Stock: ${show(p.lines)} counts, ${show(p.changes)} of them change on hand`,
    (p) => `库存：盘点 ${show(p.lines)} 行，其中 ${show(p.changes)} 行的实际库存会变化`,
  ),
  unchangedSinceImport: text(
    (p) =>
      `  ${show(p.lines)} stock lines show the figure the last import already counted: left alone, so sales since then stay (use --recount to count them again).`,
    (p) =>
      `  ${show(p.lines)} 行库存与上次导入的盘点数相同：保持不变，以免抹掉此后的销售（如需重新盘点请加 --recount）。`,
  ),
  alreadyImported: text(
    () => "  This file's stock figures were imported before: importing them again changes nothing.",
    () => '  该文件的库存数据此前已导入过：再次导入不会有任何变化。',
  ),
  changesHeader: text(
    () => 'SKU|Warehouse|On hand now|After import|Change',
    () => '商品编码|仓库|当前库存|导入后|变化',
  ),
  moreChanges: text(
    (p) => `…and ${show(p.count)} more`,
    (p) => `……另有 ${show(p.count)} 行`,
  ),
  dryRun: text(
    () => 'Dry run: nothing was written.',
    () => '试运行：未写入任何数据。',
  ),
  done: text(
    (p) =>
      `Imported in ${show(p.seconds)} s: ${show(p.warehouses)} warehouses, ${show(p.skus)} SKUs and ${show(p.bundles)} bundles created, ${show(p.updated)} updated; stock: ${show(p.applied)} batches applied, ${show(p.replayed)} already imported before.`,
    (p) =>
      `导入完成，用时 ${show(p.seconds)} 秒：新建仓库 ${show(p.warehouses)} 个、商品 ${show(p.skus)} 个、组合商品 ${show(p.bundles)} 个，更新 ${show(p.updated)} 项；库存：应用 ${show(p.applied)} 批，此前已导入 ${show(p.replayed)} 批。`,
  ),
  progress: text(
    () => 'Importing',
    () => '正在导入',
  ),
};

export const IMPORT_TEXTS = T;

const sep = (io: Io) => (io.locale === 'zh-CN' ? '、' : ', ');

export function printFileNotes(io: Io, plan: ImportPlan): void {
  const v = plan.validated;
  if (v.ignoredSheets.length > 0)
    io.warn(T.ignoredSheets, { names: v.ignoredSheets.join(sep(io)) });
  for (const c of v.ignoredColumns)
    io.warn(T.ignoredColumns, { sheet: c.sheet, names: c.headers.join(sep(io)) });
}

export function printRowErrors(io: Io, plan: ImportPlan): void {
  if (plan.errors.length === 0) return;
  io.warn(T.problems, { count: plan.errors.length, path: plan.path });
  for (const e of plan.errors) io.errorLine(`  ${describeRowError(e, io.locale)}`);
  if (plan.skippedRows > 0 && plan.canApply) io.warn(T.skipping, { rows: plan.skippedRows });
}

export function printPlan(io: Io, plan: ImportPlan): void {
  const c = plan.catalog;
  io.say(T.file, { path: plan.path, rows: plan.validated.dataRows });
  io.say(T.warehouses, {
    created: c.warehousesToCreate.length,
    changed: c.warehousesToUpdate.length,
  });
  const auto = c.warehousesToCreate.filter((w) => w.autoCreated).map((w) => w.code);
  if (auto.length > 0) io.say(T.autoWarehouses, { names: auto.join(sep(io)) });
  const changedSkus = c.skusToUpdate.length;
  io.say(T.skus, {
    created: c.skusToCreate.length,
    bundles: c.bundlesToCreate.length,
    changed: changedSkus,
  });
  io.say(T.stock, { lines: plan.stock.lineCount, changes: plan.changes.length });
  const batches = plan.stock.batches;
  if (batches.length > 0 && batches.every((b) => b.alreadyImported)) io.say(T.alreadyImported);
  if (plan.stock.unchangedSinceImport > 0)
    io.say(T.unchangedSinceImport, { lines: plan.stock.unchangedSinceImport });
}

export function printChanges(io: Io, plan: ImportPlan): void {
  if (plan.changes.length === 0) return;
  const shown = plan.changes.slice(0, MAX_CHANGES_SHOWN);
  const signed = (n: number) => (n > 0 ? `+${show(n)}` : show(n));
  const rows = shown.map((ch) => [
    ch.sku,
    ch.warehouse,
    show(ch.before),
    show(ch.after),
    signed(ch.after - ch.before),
  ]);
  io.line('');
  for (const line of renderTable(io.t(T.changesHeader).split('|'), rows, {
    numeric: new Set([2, 3, 4]),
  }))
    io.line(line);
  if (plan.changes.length > shown.length)
    io.say(T.moreChanges, { count: plan.changes.length - shown.length });
}

export function printResult(io: Io, result: ApplyResult, seconds: number): void {
  io.say(T.done, {
    seconds: seconds.toFixed(1),
    warehouses: result.warehousesCreated,
    skus: result.skusCreated,
    bundles: result.bundlesCreated,
    updated: result.updated,
    applied: result.stockBatchesApplied,
    replayed: result.stockBatchesReplayed,
  });
}
