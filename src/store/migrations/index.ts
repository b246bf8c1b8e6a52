/**
 * Every migration in order. A landed migration never changes; a schema change is a new entry.
 * Names sort by time, which is the order Kysely's migrator applies them in.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.ts';
import * as core from './2026-11-27T10-core.ts';
import * as channels from './2026-11-27T20-channels.ts';
import * as syncDemand from './2026-11-28T00-sync-demand.ts';
import * as shopGroups from './2026-11-29T00-shop-groups.ts';
import * as jobRuns from './2026-11-29T01-job-runs.ts';
import * as orderClaims from './2026-11-29T02-order-claims.ts';
import * as tokenRefreshLease from './2026-11-30T00-token-refresh-lease.ts';
import * as fulfilledByPlatform from './2026-11-30T01-listings-fulfilled-by-platform.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema as it was then
type MigrationUp = (db: Kysely<any>, dialect: DialectName) => Promise<void>;

export const MIGRATIONS: ReadonlyArray<readonly [string, MigrationUp]> = [
  ['2026-11-27T10-core', core.up],
  ['2026-11-27T20-channels', channels.up],
  ['2026-11-28T00-sync-demand', syncDemand.up],
  ['2026-11-29T00-shop-groups', shopGroups.up],
  ['2026-11-29T01-job-runs', jobRuns.up],
  ['2026-11-29T02-order-claims', orderClaims.up],
  ['2026-11-30T00-token-refresh-lease', tokenRefreshLease.up],
  ['2026-11-30T01-listings-fulfilled-by-platform', fulfilledByPlatform.up],
];
