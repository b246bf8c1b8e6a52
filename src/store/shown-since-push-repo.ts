/**
 * What changed a listing's figure on its platform since StockPool's last confirmed push: the
 * units its orders took (orders StockPool stored since) and the units the platform put back on
 * sale (orders cancelled since, by the buyer, the platform or StockPool as oversold).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

export interface SincePush {
  sold: number;
  restored: number;
}

/** Per listing id; a listing with no such order is absent (nothing sold or restored). */
export async function soldAndRestoredSincePush(
  db: Kysely<DB>,
  listingIds: readonly string[],
): Promise<Map<string, SincePush>> {
  const result = new Map<string, SincePush>();
  if (listingIds.length === 0) return result;
  const since = sql<number>`coalesce(l.pushed_at, 0)`;
  const rows = await db
    .selectFrom('channel_order_lines as ol')
    .innerJoin('channel_orders as o', 'o.id', 'ol.order_id')
    .innerJoin('listings as l', 'l.id', 'ol.listing_id')
    .select([
      'ol.listing_id as listingId',
      sql<number>`coalesce(sum(case when o.created_at >= ${since} then ol.quantity else 0 end), 0)`.as(
        'sold',
      ),
      sql<number>`coalesce(sum(case when o.state = 'cancelled' or o.outcome = 'cancelled_oos' then ol.quantity else 0 end), 0)`.as(
        'restored',
      ),
    ])
    .where('ol.listing_id', 'in', [...listingIds])
    .where((eb) => eb.or([eb('o.created_at', '>=', since), eb('o.updated_at', '>=', since)]))
    .groupBy('ol.listing_id')
    .execute();
  for (const r of rows)
    if (r.listingId !== null)
      result.set(r.listingId, { sold: Number(r.sold), restored: Number(r.restored) });
  return result;
}
