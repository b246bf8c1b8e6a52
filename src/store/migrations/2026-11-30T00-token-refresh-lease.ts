/**
 * shops.token_refresh_until and shops.token_version: one token refresh at a time per shop across
 * worker processes. Shopee's refresh token is single-use (shopee.md §2.4), so two workers refreshing
 * at once leave one of them with a spent token; the lease (a conditional UPDATE, lapsing by itself
 * if its worker dies) lets one refresh while the others wait and read what it stored. The version
 * counts every write of the sealed credentials, so a refresh stores its tokens only over the
 * version it started from and never over newer ones.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('shops')
    .addColumn('token_refresh_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('shops')
    .addColumn('token_version', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}
