/**
 * A shop's tokens as workers share them: the refresh lease (shops.token_refresh_until) and the
 * version-checked write of refreshed tokens (shops.token_version). Shopee's refresh token is
 * single-use, so only one worker may spend it, and the tokens it stores are the only ones that work.
 * Credentials stay sealed here.
 */
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** The stored tokens of a shop with the version they were written at. */
export interface StoredShopTokens {
  credentialsSealed: string;
  accessTokenExpiresAtMs: number;
  refreshTokenExpiresAtMs: number | null;
  tokenVersion: number;
  updatedAtMs: number;
}

export async function readShopTokens(
  db: Kysely<DB>,
  shopId: string,
): Promise<StoredShopTokens | null> {
  const r = await db
    .selectFrom('shops')
    .select([
      'credentials',
      'access_token_expires_at',
      'refresh_token_expires_at',
      'token_version',
      'updated_at',
    ])
    .where('id', '=', shopId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    credentialsSealed: r.credentials,
    accessTokenExpiresAtMs: Number(r.access_token_expires_at),
    refreshTokenExpiresAtMs:
      r.refresh_token_expires_at === null ? null : Number(r.refresh_token_expires_at),
    tokenVersion: Number(r.token_version),
    updatedAtMs: Number(r.updated_at),
  };
}

/**
 * Takes the shop's refresh lease until `untilMs`: false while another worker holds an unexpired
 * lease, or when the stored tokens are no longer at `tokenVersion` (someone refreshed already, so
 * there is nothing to refresh from this version). One conditional UPDATE, so two never both win.
 */
export async function claimTokenRefresh(
  db: Kysely<DB>,
  shopId: string,
  q: { nowMs: number; untilMs: number; tokenVersion: number },
): Promise<boolean> {
  const r = await db
    .updateTable('shops')
    .set({ token_refresh_until: q.untilMs })
    .where('id', '=', shopId)
    .where('token_refresh_until', '<=', q.nowMs)
    .where('token_version', '=', q.tokenVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Gives the lease up; only the lease taken until `untilMs`, not one another worker took since. */
export async function releaseTokenRefresh(
  db: Kysely<DB>,
  shopId: string,
  untilMs: number,
): Promise<void> {
  await db
    .updateTable('shops')
    .set({ token_refresh_until: 0 })
    .where('id', '=', shopId)
    .where('token_refresh_until', '=', untilMs)
    .execute();
}

/**
 * Writes refreshed tokens as version `fromVersion + 1`, only if the stored ones are still at
 * `fromVersion` and the sealed value is still `fromSealed` (the one the new value was made from):
 * false when anything wrote the credentials since (new tokens, or only a re-seal or a new app
 * secret: the caller tells which by the version it reads again).
 */
export async function storeRefreshedTokens(
  db: Kysely<DB>,
  shopId: string,
  t: {
    fromVersion: number;
    fromSealed: string;
    credentialsSealed: string;
    accessTokenExpiresAtMs: number;
    refreshTokenExpiresAtMs: number | null;
    nowMs: number;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('shops')
    .set({
      credentials: t.credentialsSealed,
      access_token_expires_at: t.accessTokenExpiresAtMs,
      refresh_token_expires_at: t.refreshTokenExpiresAtMs,
      token_version: t.fromVersion + 1,
      updated_at: t.nowMs,
    })
    .where('id', '=', shopId)
    .where('token_version', '=', t.fromVersion)
    .where('credentials', '=', t.fromSealed)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
