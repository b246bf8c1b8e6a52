/**
 * channel_orders.applying_until: while one worker applies an order (its holds, its lines), no
 * other may (a webhook and the poller, or two workers in scale mode, reading the same order).
 * Without it a cancellation applied meanwhile could find the lines not written yet and leave the
 * first worker's hold open for a cancelled order. A claim lapses by itself if its worker dies.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('channel_orders')
    .addColumn('applying_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}
