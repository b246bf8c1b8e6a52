/**
 * `stockpool export [--what stock|ledger] [--format xlsx|csv] [--out file]`. A stock export
 * imports back unchanged; CSV without --out goes to standard output.
 */
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import { flatStockTable, ledgerTable, stockTables } from '../../exporter/export-tables.ts';
import { writeCsv, writeCsvFile, writeXlsxFile } from '../../exporter/write-table.ts';
import { CliError } from '../cli-error.ts';
import type { CliContext } from '../main.ts';
import { ensureTenant, resolveConfig, withSession } from '../session.ts';
import { show, text } from '../text.ts';
import { HELP } from '../texts-help.ts';

const WROTE = text(
  (p) => `Wrote ${show(p.rows)} rows to ${show(p.out)}.`,
  (p) => `已导出 ${show(p.rows)} 行到 ${show(p.out)}。`,
);

interface ExportOptions {
  what: 'stock' | 'ledger';
  format?: 'xlsx' | 'csv';
  out?: string;
}

export function registerExport(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description(ctx.io.t(HELP.export))
    .addOption(
      new Option('--what <what>', ctx.io.t(HELP.what))
        .choices(['stock', 'ledger'])
        .default('stock'),
    )
    .addOption(new Option('--format <format>', ctx.io.t(HELP.format)).choices(['xlsx', 'csv']))
    .option('--out <file>', ctx.io.t(HELP.out))
    .action(async (options: ExportOptions, command: Command) => {
      const globals = ctx.globals(command);
      const format =
        options.format ??
        (options.out && extname(options.out).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv');
      if (format === 'xlsx' && !options.out) throw new CliError('OUTPUT_REQUIRED');
      await withSession(resolveConfig(globals), { mustExist: true }, async (pool) => {
        const tenantId = await ensureTenant(ctx.io, pool, globals.tenant, { bootstrap: false });
        const db = pool.database.db;
        const locale = ctx.io.locale;
        const tables =
          options.what === 'ledger'
            ? [ledgerTable(db, tenantId, locale)]
            : format === 'xlsx'
              ? stockTables(db, tenantId, locale)
              : [flatStockTable(db, tenantId, locale)];
        const [first] = tables;
        if (!first) return;
        const rows =
          format === 'xlsx'
            ? await writeXlsxFile(tables, options.out ?? '')
            : options.out
              ? await writeCsvFile(first, options.out)
              : await writeCsv(first, process.stdout);
        // With CSV on stdout the data is the output; the summary would corrupt it.
        if (options.out) ctx.io.say(WROTE, { rows, out: options.out });
      });
    });
}
