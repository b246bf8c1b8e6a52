/**
 * job_runs: when each periodic job (a shop's reconciliation, its order poll, the inbox purge...)
 * last started, shared by every worker process. Before, each worker kept its own timer and only
 * an advisory lock kept two runs apart, so two workers reconciled each shop twice as often as set.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_run_at', 'bigint', (c) => c.notNull())
    .execute();
}
