/**
 * listings.fulfilled_by_platform: 1 for a listing whose only stock is in a warehouse the platform
 * runs (an Amazon FBA listing). Such a listing is never pushed: writing a merchant-fulfilled
 * quantity to it would turn it into a listing the seller ships.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('listings')
    .addColumn('fulfilled_by_platform', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
