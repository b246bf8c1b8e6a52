/**
 * First start: an empty database gets a default tenant, an owner user and an admin token, whose
 * plaintext is returned once for the console. Later starts find the tenant and do nothing.
 */
import type { Kysely } from 'kysely';
import type { Ids } from '../ports/ids.ts';
import { insertUser } from '../store/principals-repo.ts';
import type { DB } from '../store/schema.ts';
import { countTenants, insertTenant } from '../store/tenants-repo.ts';
import { issueToken } from './api-tokens.ts';

export const DEFAULT_TENANT_ID = 'default';

export interface BootstrapResult {
  created: boolean;
  tenantId: string;
  /** Only on the first start. */
  adminToken?: string;
}

export async function bootstrapIfEmpty(
  db: Kysely<DB>,
  deps: { ids: Ids; nowMs: number },
): Promise<BootstrapResult> {
  if ((await countTenants(db)) > 0) return { created: false, tenantId: DEFAULT_TENANT_ID };
  return db.transaction().execute(async (trx) => {
    await insertTenant(trx, { id: DEFAULT_TENANT_ID, name: 'My shop', nowMs: deps.nowMs });
    const userId = deps.ids.next('usr');
    await insertUser(trx, {
      id: userId,
      tenantId: DEFAULT_TENANT_ID,
      email: 'admin@localhost',
      name: 'Admin',
      role: 'owner',
      locale: 'en',
      nowMs: deps.nowMs,
    });
    const issued = await issueToken(trx, deps, {
      tenantId: DEFAULT_TENANT_ID,
      name: 'admin (first start)',
      role: 'owner',
      isAdmin: true,
      userId,
    });
    return { created: true, tenantId: DEFAULT_TENANT_ID, adminToken: issued.token };
  });
}
