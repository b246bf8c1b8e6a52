/** Help texts of the commands and options, in both languages. */
import { text } from './text.ts';

export const HELP = {
  program: text(
    () => 'StockPool: one stock pool per SKU across marketplaces and warehouses',
    () => 'StockPool：跨平台、跨仓库的统一库存池',
  ),
  lang: text(
    () => 'language of the output: en or zh-CN (default: STOCKPOOL_LANG, then LANG)',
    () => '输出语言：en 或 zh-CN（默认取 STOCKPOOL_LANG，其次 LANG）',
  ),
  database: text(
    () => 'database: a SQLite file or a postgres:// URL (default: DATABASE_URL)',
    () => '数据库：SQLite 文件路径或 postgres:// 地址（默认取 DATABASE_URL）',
  ),
  tenant: text(
    () => 'tenant to act for (default: "default")',
    () => '操作的租户（默认："default"）',
  ),
  debug: text(
    () => 'show the stack trace of an unexpected error',
    () => '出现意外错误时显示堆栈信息',
  ),
  help: text(
    () => 'show help',
    () => '显示帮助',
  ),
  start: text(
    () => 'start the API server (migrates; creates the admin token on first start)',
    () => '启动 API 服务（自动迁移数据库；首次启动时创建管理员令牌）',
  ),
  worker: text(
    () => 'run the sync worker alone (scale mode: several workers share the work on PostgreSQL)',
    () => '单独运行同步进程（扩展模式：PostgreSQL 上可运行多个同步进程分担工作）',
  ),
  sandbox: text(
    () =>
      'run the emulated TikTok Shop, Shopee, Lazada, Amazon, Shopify and WooCommerce on their sandbox ports (for demos and tests)',
    () =>
      '在沙盒端口上运行模拟的 TikTok Shop、Shopee、Lazada、Amazon、Shopify 与 WooCommerce（用于演示和测试）',
  ),
  migrate: text(
    () => 'apply pending database migrations',
    () => '执行待处理的数据库迁移',
  ),
  import: text(
    () => 'import SKUs, bundles, warehouses and opening stock from .xlsx or .csv',
    () => '从 .xlsx 或 .csv 导入商品、组合商品、仓库和期初库存',
  ),
  importFile: text(
    () => 'the .xlsx or .csv file (see docs/import-format.md)',
    () => '.xlsx 或 .csv 文件（格式见 docs/import-format.zh-CN.md）',
  ),
  dryRun: text(
    () => 'check the file and show what would change, writing nothing',
    () => '只检查文件并显示将发生的变化，不写入任何数据',
  ),
  skipBadRows: text(
    () => 'import the good rows even when some rows have errors',
    () => '即使部分行有错误，也导入其余正确的行',
  ),
  recount: text(
    () => 'count every stock line again, even those unchanged since the last import',
    () => '重新盘点所有库存行，包括自上次导入以来未改动的行',
  ),
  warehouse: text(
    () => 'warehouse for stock rows that name none',
    () => '未填写仓库的库存行所属的仓库',
  ),
  export: text(
    () => 'export stock or the ledger to .xlsx or .csv',
    () => '将库存或库存流水导出为 .xlsx 或 .csv',
  ),
  what: text(
    () => 'what to export: stock or ledger',
    () => '导出内容：stock（库存）或 ledger（流水）',
  ),
  format: text(
    () => 'file format: xlsx or csv (default: from --out, else csv)',
    () => '文件格式：xlsx 或 csv（默认按 --out 的扩展名，否则 csv）',
  ),
  out: text(
    () => 'output file (default for csv: standard output)',
    () => '输出文件（csv 默认输出到标准输出）',
  ),
  stock: text(
    () => "show a SKU's stock in every warehouse",
    () => '查看某个 SKU 在各仓库的库存',
  ),
  token: text(
    () => 'manage API tokens',
    () => '管理 API 令牌',
  ),
  tokenCreate: text(
    () => 'create an API token (printed once)',
    () => '创建 API 令牌（只显示一次）',
  ),
  tokenName: text(
    () => 'who or what the token is for',
    () => '令牌的用途或使用者',
  ),
  tokenRole: text(
    () => 'owner, operator or viewer',
    () => 'owner（所有者）、operator（操作员）或 viewer（只读）',
  ),
  backup: text(
    () => 'copy the database to a file, safely while StockPool runs',
    () => '将数据库备份到文件（StockPool 运行时也可安全执行）',
  ),
  restore: text(
    () => 'replace the database with a backup, then check it (stop the server first)',
    () => '用备份替换数据库并检查一致性（请先停止服务）',
  ),
  check: text(
    () => 'check the stock invariants (ledger, holds, storage)',
    () => '检查库存一致性（流水、占用、存储）',
  ),
  secrets: text(
    () => 'manage the values sealed with the secret key (shop credentials)',
    () => '管理用加密密钥加密保存的数据（店铺凭证）',
  ),
  secretsReseal: text(
    () =>
      'after a key rotation, seal every value still under an older key under the current one (safe to repeat)',
    () => '轮换密钥后，把仍使用旧密钥加密的值全部改用当前密钥重新加密（可重复执行）',
  ),
};
