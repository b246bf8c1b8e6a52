/**
 * Channels: shops, their warehouses, listings, allocation policies, platform orders and their
 * lines, the webhook inbox, the sync outbox and push queue, the sync log, reconciliation runs,
 * alerts. Frozen once landed.
 *
 * The outbox is filled by a trigger on stock_levels, so every change of available stock, by any
 * path (holds, receipts, stock-takes, transfers, imports), marks its SKU in the same transaction.
 * The trigger does nothing for a tenant without shops: there is nothing to sync.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.ts';
import { addAutoId } from './column-helpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run against the schema as it was then
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  await createShops(db);
  await createListings(db);
  await createOrders(db);
  await createInbox(db, dialect);
  await createOutbox(db, dialect);
  await createLogsAndAlerts(db, dialect);
  await (dialect === 'sqlite' ? createSqliteTriggers(db) : createPostgresTriggers(db));
}

async function createShops(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('shops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('platform_shop_id', 'text', (c) => c.notNull())
    .addColumn('shop_cipher', 'text')
    .addColumn('api_base_url', 'text')
    // AES-256-GCM ciphertext of the app secret and tokens (see access/secret-box.ts).
    .addColumn('credentials', 'text', (c) => c.notNull())
    .addColumn('access_token_expires_at', 'bigint', (c) => c.notNull())
    .addColumn('refresh_token_expires_at', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('settings_json', 'text', (c) => c.notNull())
    // When the last webhook or polled order of this shop arrived: pushes wait for it to apply.
    .addColumn('last_event_at', 'bigint', (c) => c.notNull().defaultTo(0))
    // Incremental order pull: orders updated before this were read.
    .addColumn('polled_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('shops_platform_shop', ['platform', 'platform_shop_id'])
    .execute();
  await db.schema.createIndex('shops_tenant').on('shops').columns(['tenant_id']).execute();

  await db.schema
    .createTable('shop_warehouses')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('platform_warehouse_id', 'text')
    .addPrimaryKeyConstraint('shop_warehouses_pk', ['shop_id', 'warehouse_id'])
    .execute();
}

async function createListings(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('listings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('variant_id', 'text', (c) => c.notNull())
    .addColumn('seller_sku', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('sku_id', 'bigint', (c) => c.references('skus.id'))
    .addColumn('units_per_listing', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`units_per_listing > 0`),
    )
    .addColumn('match_state', 'text', (c) => c.notNull())
    .addColumn('target_quantity', 'bigint')
    .addColumn('pushed_quantity', 'bigint')
    .addColumn('pushed_at', 'bigint')
    .addColumn('platform_quantity', 'bigint')
    .addColumn('checked_at', 'bigint')
    .addColumn('out_of_sync_since', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('listings_shop_ref', ['shop_id', 'item_id', 'variant_id'])
    .execute();
  await db.schema
    .createIndex('listings_sku')
    .on('listings')
    .columns(['tenant_id', 'sku_id'])
    .execute();

  // One row per SKU with its own policy (sku_id 0: the tenant's default).
  await db.schema
    .createTable('allocation_policies')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('sku_id', 'bigint', (c) => c.notNull())
    .addColumn('policy_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('allocation_policies_pk', ['tenant_id', 'sku_id'])
    .execute();
}

async function createOrders(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('channel_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('platform_order_id', 'text', (c) => c.notNull())
    .addColumn('raw_status', 'text', (c) => c.notNull())
    .addColumn('state', 'text')
    .addColumn('platform_created_at', 'bigint', (c) => c.notNull())
    .addColumn('platform_updated_at', 'bigint', (c) => c.notNull())
    .addColumn('paid_at', 'bigint')
    // applied | unmatched | unfillable | cancelled_oos | parked
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('cancel_reference', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('channel_orders_shop_order', ['shop_id', 'platform_order_id'])
    .execute();
  await db.schema
    .createIndex('channel_orders_outcome')
    .on('channel_orders')
    .columns(['tenant_id', 'outcome', 'updated_at'])
    .execute();

  await db.schema
    .createTable('channel_order_lines')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull().references('channel_orders.id'))
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('variant_id', 'text', (c) => c.notNull())
    .addColumn('seller_sku', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('listing_id', 'text')
    .addColumn('sku_id', 'bigint')
    .addColumn('warehouse_id', 'bigint')
    .addColumn('units', 'integer')
    .addColumn('hold_id', 'text')
    // The last normalized state applied to stock; null before the first.
    .addColumn('applied_state', 'text')
    .addPrimaryKeyConstraint('channel_order_lines_pk', ['order_id', 'line_id'])
    .execute();
  await db.schema
    .createIndex('channel_order_lines_hold')
    .on('channel_order_lines')
    .columns(['hold_id'])
    .execute();
}

async function createInbox(db: AnyDb, dialect: DialectName): Promise<void> {
  await addAutoId(db.schema.createTable('inbox'), dialect)
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text')
    .addColumn('shop_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    // pending | done | ignored | dead
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('processed_at', 'bigint')
    .addUniqueConstraint('inbox_platform_event', ['platform', 'event_id'])
    .execute();
  await db.schema
    .createIndex('inbox_pending')
    .on('inbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('inbox_shop_status')
    .on('inbox')
    .columns(['shop_id', 'status'])
    .execute();
  await db.schema.createIndex('inbox_received').on('inbox').columns(['received_at']).execute();
}

async function createOutbox(db: AnyDb, dialect: DialectName): Promise<void> {
  const outbox = db.schema
    .createTable('sync_outbox')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('sku_id', 'bigint', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('sync_outbox_pk', ['tenant_id', 'sku_id']);
  await (dialect === 'sqlite' ? outbox.modifyEnd(sql`without rowid`) : outbox).execute();

  // One row per listing that needs a push: later changes bump `version` (coalescing).
  await db.schema
    .createTable('push_queue')
    .addColumn('listing_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    // Earliest arrival of an event this push answers (for the propagation figure).
    .addColumn('origin_at', 'bigint', (c) => c.notNull())
    // The latest such arrival: the origin of what is still unanswered after a push completes.
    .addColumn('last_origin_at', 'bigint', (c) => c.notNull())
    .addColumn('enqueued_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('dead', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute();
  await db.schema
    .createIndex('push_queue_due')
    .on('push_queue')
    .columns(['shop_id', 'dead', 'next_attempt_at'])
    .execute();
}

async function createLogsAndAlerts(db: AnyDb, dialect: DialectName): Promise<void> {
  await addAutoId(db.schema.createTable('sync_log'), dialect)
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('listing_id', 'text')
    .addColumn('order_id', 'text')
    // push | push_failed | drift | order | cancel
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint')
    .addColumn('previous_quantity', 'bigint')
    .addColumn('latency_ms', 'integer')
    .addColumn('detail', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sync_log_listing')
    .on('sync_log')
    .columns(['listing_id', 'id'])
    .execute();
  await db.schema
    .createIndex('sync_log_tenant_kind')
    .on('sync_log')
    .columns(['tenant_id', 'kind', 'created_at'])
    .execute();

  await addAutoId(db.schema.createTable('reconcile_runs'), dialect)
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint', (c) => c.notNull())
    .addColumn('listings_checked', 'integer', (c) => c.notNull())
    .addColumn('listings_matched', 'integer', (c) => c.notNull())
    .addColumn('corrections', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('reconcile_runs_shop')
    .on('reconcile_runs')
    .columns(['tenant_id', 'shop_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .execute();
  // One open alert per tenant, kind and subject.
  await db.schema
    .createIndex('alerts_one_open')
    .unique()
    .on('alerts')
    .columns(['tenant_id', 'kind', 'subject'])
    .where(sql.ref('status'), '=', 'open')
    .execute();
  await db.schema
    .createIndex('alerts_tenant_status')
    .on('alerts')
    .columns(['tenant_id', 'status', 'opened_at'])
    .execute();
}

async function createSqliteTriggers(db: AnyDb): Promise<void> {
  for (const event of ['INSERT', 'UPDATE OF on_hand, reserved']) {
    const name = event === 'INSERT' ? 'stock_levels_mark_sync_ins' : 'stock_levels_mark_sync_upd';
    const changed =
      event === 'INSERT'
        ? sql`1`
        : sql`(NEW.on_hand - NEW.reserved) <> (OLD.on_hand - OLD.reserved)`;
    await sql`
      CREATE TRIGGER ${sql.raw(name)} AFTER ${sql.raw(event)} ON stock_levels
      WHEN ${changed} AND EXISTS (SELECT 1 FROM shops WHERE tenant_id = NEW.tenant_id)
      BEGIN
        INSERT INTO sync_outbox (tenant_id, sku_id, version, changed_at)
        VALUES (NEW.tenant_id, NEW.sku_id, 1, NEW.updated_at)
        ON CONFLICT (tenant_id, sku_id)
        DO UPDATE SET version = version + 1, changed_at = excluded.changed_at;
      END`.execute(db);
  }
}

async function createPostgresTriggers(db: AnyDb): Promise<void> {
  await sql`
    CREATE FUNCTION stock_levels_mark_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (TG_OP = 'INSERT' OR (NEW.on_hand - NEW.reserved) <> (OLD.on_hand - OLD.reserved))
         AND EXISTS (SELECT 1 FROM shops WHERE tenant_id = NEW.tenant_id) THEN
        INSERT INTO sync_outbox (tenant_id, sku_id, version, changed_at)
        VALUES (NEW.tenant_id, NEW.sku_id, 1, NEW.updated_at)
        ON CONFLICT (tenant_id, sku_id)
        DO UPDATE SET version = sync_outbox.version + 1, changed_at = EXCLUDED.changed_at;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER stock_levels_mark_sync AFTER INSERT OR UPDATE OF on_hand, reserved
    ON stock_levels FOR EACH ROW EXECUTE FUNCTION stock_levels_mark_sync()`.execute(db);
}
