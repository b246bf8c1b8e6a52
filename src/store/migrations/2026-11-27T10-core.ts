/**
 * The core schema: tenants, users and tokens, warehouses, SKUs and bundles, stock levels,
 * the ledger (operations + movements), holds and transfers. Frozen once landed.
 *
 * Both engines get the same logical schema. On SQLite the tables every hold writes are laid out
 * for the hold path (see docs/benchmarks.md): tables keyed by text are WITHOUT ROWID, so the
 * table and its primary key are one b-tree instead of two, and the ledger's id is a plain rowid
 * alias (no AUTOINCREMENT: the ledger is never deleted from, so ids are never reused anyway, and
 * each insert skips an update of sqlite_sequence).
 */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.ts';
import { addAutoId } from './column-helpers.ts';

/** SQLite: the table is its primary key's b-tree. PostgreSQL has no such option, nor needs it. */
function keyedByPrimaryKey<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
  dialect: DialectName,
): CreateTableBuilder<T, C> {
  return dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('low_stock_threshold', 'integer', (c) => c.notNull().defaultTo(15))
    .addColumn('hold_expiry_minutes', 'integer', (c) => c.notNull().defaultTo(15))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('users_tenant_email', ['tenant_id', 'email'])
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();

  await addAutoId(db.schema.createTable('warehouses'), dialect)
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('warehouses_tenant_code', ['tenant_id', 'code'])
    .execute();

  await addAutoId(db.schema.createTable('skus'), dialect)
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('barcode', 'text')
    .addColumn('unit_cost_minor', 'bigint')
    .addColumn('currency', 'text')
    .addColumn('low_stock_threshold', 'integer')
    .addColumn('allow_backorder', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_bundle', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('skus_tenant_code', ['tenant_id', 'code'])
    .execute();
  await db.schema
    .createIndex('skus_tenant_name')
    .on('skus')
    .columns(['tenant_id', 'name'])
    .execute();

  await db.schema
    .createTable('bundle_components')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('bundle_sku_id', 'bigint', (c) => c.notNull().references('skus.id'))
    .addColumn('component_sku_id', 'bigint', (c) => c.notNull().references('skus.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity > 0`))
    .addPrimaryKeyConstraint('bundle_components_pk', ['bundle_sku_id', 'component_sku_id'])
    .execute();
  await db.schema
    .createIndex('bundle_components_component')
    .on('bundle_components')
    .columns(['component_sku_id'])
    .execute();
  // The stock board works out every bundle of one tenant at once.
  await db.schema
    .createIndex('bundle_components_tenant')
    .on('bundle_components')
    .columns(['tenant_id', 'bundle_sku_id'])
    .execute();

  // No CHECK (on_hand - reserved >= 0): back-orders may go below zero by the seller's choice.
  // Oversell is prevented by the conditional UPDATE in inventory/, the only writer.
  const stockLevels = db.schema
    .createTable('stock_levels')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('sku_id', 'bigint', (c) => c.notNull().references('skus.id'))
    .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
    .addColumn('on_hand', 'bigint', (c) => c.notNull())
    .addColumn('reserved', 'bigint', (c) => c.notNull().check(sql`reserved >= 0`))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_levels_pk', ['tenant_id', 'sku_id', 'warehouse_id']);
  await keyedByPrimaryKey(stockLevels, dialect).execute();
  await db.schema
    .createIndex('stock_levels_warehouse')
    .on('stock_levels')
    .columns(['tenant_id', 'warehouse_id'])
    .execute();

  const operations = db.schema
    .createTable('operations')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('result_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('operations_pk', ['tenant_id', 'key']);
  await keyedByPrimaryKey(operations, dialect).execute();

  await (
    dialect === 'sqlite'
      ? db.schema.createTable('movements').addColumn('id', 'integer', (c) => c.primaryKey())
      : addAutoId(db.schema.createTable('movements'), dialect)
  )
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('operation_key', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sku_id', 'bigint', (c) => c.notNull())
    .addColumn('warehouse_id', 'bigint', (c) => c.notNull())
    .addColumn('on_hand_delta', 'bigint', (c) => c.notNull())
    .addColumn('reserved_delta', 'bigint', (c) => c.notNull())
    .addColumn('counted', 'bigint')
    .addColumn('reference_type', 'text', (c) => c.notNull())
    .addColumn('reference_id', 'text')
    .addColumn('hold_id', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // Unique (tenant, key, seq): a movement's own idempotency key; replays can never double-write.
  await db.schema
    .createIndex('movements_key')
    .unique()
    .on('movements')
    .columns(['tenant_id', 'operation_key', 'seq'])
    .execute();
  await db.schema
    .createIndex('movements_sku')
    .on('movements')
    .columns(['tenant_id', 'sku_id', 'id'])
    .execute();

  const holds = db.schema
    .createTable('holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('sku_id', 'bigint', (c) => c.notNull())
    .addColumn('warehouse_id', 'bigint', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('order_ref', 'text', (c) => c.notNull())
    .addColumn('line_ref', 'text')
    .addColumn('operation_key', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull());
  await keyedByPrimaryKey(holds, dialect).execute();
  await db.schema
    .createIndex('holds_open_expiry')
    .on('holds')
    .columns(['status', 'expires_at'])
    .execute();
  await db.schema
    .createIndex('holds_order')
    .on('holds')
    .columns(['tenant_id', 'order_ref'])
    .execute();

  // A bundle's components, one row each. A plain hold has no rows here: its one line is the hold
  // itself (its SKU and quantity), which spares the hot path two b-tree writes.
  const holdLines = db.schema
    .createTable('hold_lines')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('hold_id', 'text', (c) => c.notNull().references('holds.id'))
    .addColumn('sku_id', 'bigint', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('hold_lines_pk', ['hold_id', 'sku_id']);
  await keyedByPrimaryKey(holdLines, dialect).execute();

  await db.schema
    .createTable('transfers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('from_warehouse_id', 'bigint', (c) => c.notNull())
    .addColumn('to_warehouse_id', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('expected_at', 'bigint')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('transfer_lines')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('transfer_id', 'text', (c) => c.notNull().references('transfers.id'))
    .addColumn('sku_id', 'bigint', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('transfer_lines_pk', ['transfer_id', 'sku_id'])
    .execute();
}
