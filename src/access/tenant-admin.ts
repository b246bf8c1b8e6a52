/**
 * Hosting-provider administration: a new tenant comes with its owner user and an owner token,
 * all in one transaction; the token's plaintext is returned once.
 */
import type { Kysely } from 'kysely';
import type { Ids } from '../ports/ids.ts';
import { insertUser } from '../store/principals-repo.ts';
import type { DB } from '../store/schema.ts';
import { readTenantSettings } from '../store/tenant-settings-repo.ts';
import { insertTenant, type TenantRecord } from '../store/tenants-repo.ts';
import { issueToken, type IssuedToken } from './api-tokens.ts';

export interface NewTenantSpec {
  id: string;
  name: string;
  owner: { email: string; name: string; locale: string };
}

export type CreateTenantResult =
  | { created: true; tenant: TenantRecord; ownerUserId: string; token: IssuedToken }
  | { created: false };

export async function createTenantWithOwner(
  db: Kysely<DB>,
  deps: { ids: Ids; nowMs: number },
  spec: NewTenantSpec,
): Promise<CreateTenantResult> {
  return db.transaction().execute(async (trx) => {
    // Two admins racing on one id: the loser hits the primary key and gets a 500; rare enough.
    if (await readTenantSettings(trx, spec.id)) return { created: false };
    const tenant = await insertTenant(trx, { id: spec.id, name: spec.name, nowMs: deps.nowMs });
    const ownerUserId = deps.ids.next('usr');
    await insertUser(trx, {
      id: ownerUserId,
      tenantId: spec.id,
      email: spec.owner.email,
      name: spec.owner.name,
      role: 'owner',
      locale: spec.owner.locale,
      nowMs: deps.nowMs,
    });
    const token = await issueToken(trx, deps, {
      tenantId: spec.id,
      name: `${spec.owner.email} (first token)`,
      role: 'owner',
      userId: ownerUserId,
    });
    return { created: true, tenant, ownerUserId, token };
  });
}
