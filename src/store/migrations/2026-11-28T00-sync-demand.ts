/**
 * What the sync engine needs to act during a burst of orders:
 * - listings.held_back: listings the last push held back for orders the shop had announced but
 *   StockPool had not read yet (domain/sync/unread-order-reserve.ts). Non-zero rows are pushed
 *   again once the shop's inbox batch is applied; the partial index keeps finding them cheap in a
 *   shop of 100,000 listings.
 * - channel_orders (tenant_id, created_at): the last minute's orders give each SKU's sales rate,
 *   which adaptive allocation compares with the pool (sync/demand.ts).
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('listings')
    .addColumn('held_back', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('listings_held_back')
    .on('listings')
    .columns(['shop_id'])
    .where(sql.ref('held_back'), '>', 0)
    .execute();
  await db.schema
    .createIndex('channel_orders_recent')
    .on('channel_orders')
    .columns(['tenant_id', 'created_at'])
    .execute();
}
