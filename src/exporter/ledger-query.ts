/** Reads the whole ledger for export: every movement in the order it was written, a page at a time. */
import type { Kysely } from 'kysely';
import { listMovements, type LedgerRow } from '../store/ledger-query-repo.ts';
import type { DB } from '../store/schema.ts';

const PAGE = 5_000;

export type { LedgerRow };

export async function* walkLedger(db: Kysely<DB>, tenantId: string): AsyncGenerator<LedgerRow[]> {
  let afterId: number | undefined;
  for (;;) {
    const page = await listMovements(db, tenantId, { afterId, descending: false, limit: PAGE });
    if (page.rows.length > 0) yield page.rows;
    if (!page.hasMore) return;
    afterId = page.rows[page.rows.length - 1]?.id;
  }
}
