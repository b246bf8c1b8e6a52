/** Users and API tokens. Tokens are stored as SHA-256 hashes; the plaintext is shown once. */
import type { Kysely } from 'kysely';
import type { Role } from '../domain/roles.ts';
import type { DB } from './schema.ts';

export interface TokenPrincipal {
  tokenId: string;
  tenantId: string;
  name: string;
  role: Role;
  isAdmin: boolean;
}

export interface TokenRecord {
  id: string;
  name: string;
  role: Role;
  isAdmin: boolean;
  prefix: string;
  userId: string | null;
  createdAtMs: number;
  lastUsedAtMs: number | null;
  revokedAtMs: number | null;
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
  createdAtMs: number;
}

export async function insertToken(
  db: Kysely<DB>,
  t: {
    id: string;
    tenantId: string;
    name: string;
    role: Role;
    isAdmin: boolean;
    hash: string;
    prefix: string;
    userId: string | null;
    nowMs: number;
  },
): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: t.id,
      tenant_id: t.tenantId,
      user_id: t.userId,
      name: t.name,
      role: t.role,
      is_admin: t.isAdmin ? 1 : 0,
      token_hash: t.hash,
      token_prefix: t.prefix,
      created_at: t.nowMs,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
}

/** The live (not revoked) token with this hash. */
export async function findTokenByHash(
  db: Kysely<DB>,
  hash: string,
): Promise<TokenPrincipal | null> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'tenant_id', 'name', 'role', 'is_admin'])
    .where('token_hash', '=', hash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row
    ? {
        tokenId: row.id,
        tenantId: row.tenant_id,
        name: row.name,
        role: row.role as Role,
        isAdmin: row.is_admin === 1,
      }
    : null;
}

export async function touchToken(db: Kysely<DB>, tokenId: string, nowMs: number): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: nowMs })
    .where('id', '=', tokenId)
    .execute();
}

export async function listTokens(db: Kysely<DB>, tenantId: string): Promise<TokenRecord[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role as Role,
    isAdmin: r.is_admin === 1,
    prefix: r.token_prefix,
    userId: r.user_id,
    createdAtMs: r.created_at,
    lastUsedAtMs: r.last_used_at,
    revokedAtMs: r.revoked_at,
  }));
}

export async function revokeToken(
  db: Kysely<DB>,
  tenantId: string,
  tokenId: string,
  nowMs: number,
): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: nowMs })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function insertUser(
  db: Kysely<DB>,
  u: {
    id: string;
    tenantId: string;
    email: string;
    name: string;
    role: Role;
    locale: string;
    nowMs: number;
  },
): Promise<boolean> {
  const r = await db
    .insertInto('users')
    .values({
      id: u.id,
      tenant_id: u.tenantId,
      email: u.email,
      name: u.name,
      role: u.role,
      locale: u.locale,
      password_hash: null,
      created_at: u.nowMs,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'email']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function listUsers(db: Kysely<DB>, tenantId: string): Promise<UserRecord[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('email')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    locale: r.locale,
    createdAtMs: r.created_at,
  }));
}

export async function updateUser(
  db: Kysely<DB>,
  tenantId: string,
  userId: string,
  patch: { name?: string; role?: Role; locale?: string },
): Promise<boolean> {
  if (Object.keys(patch).length === 0) return true;
  const r = await db
    .updateTable('users')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}
