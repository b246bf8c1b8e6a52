/**
 * API tokens: `sp_` + 32 random bytes (base64url). Only the SHA-256 hash is stored, so a copy of
 * the database does not hold usable tokens; the plaintext is shown once, at creation.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../domain/roles.ts';
import type { Ids } from '../ports/ids.ts';
import { findTokenByHash, insertToken, type TokenPrincipal } from '../store/principals-repo.ts';
import type { DB } from '../store/schema.ts';

export const TOKEN_PATTERN = /^sp_[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface IssuedToken {
  id: string;
  token: string;
  prefix: string;
}

export async function issueToken(
  db: Kysely<DB>,
  deps: { ids: Ids; nowMs: number },
  spec: { tenantId: string; name: string; role: Role; isAdmin?: boolean; userId?: string | null },
): Promise<IssuedToken> {
  const token = `sp_${randomBytes(32).toString('base64url')}`;
  const id = deps.ids.next('tok');
  const prefix = token.slice(0, 10);
  await insertToken(db, {
    id,
    tenantId: spec.tenantId,
    name: spec.name,
    role: spec.role,
    isAdmin: spec.isAdmin ?? false,
    hash: hashToken(token),
    prefix,
    userId: spec.userId ?? null,
    nowMs: deps.nowMs,
  });
  return { id, token, prefix };
}

/** The principal a presented token stands for, or null if it is malformed, unknown or revoked. */
export async function authenticateToken(
  db: Kysely<DB>,
  token: string,
): Promise<TokenPrincipal | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  return findTokenByHash(db, hashToken(token));
}
