/**
 * A real HTTP server on 127.0.0.1 (random port) over a fresh real database: tenant `acme` with
 * the seed catalogue and a token per role (plus an admin), and tenant `rival` with an owner
 * token, for proving that tenants never see each other. Requests go through fetch.
 */
import { issueToken } from '../../src/access/api-tokens.ts';
import type { Role } from '../../src/domain/roles.ts';
import { buildApp } from '../../src/http/app.ts';
import type { DialectName } from '../../src/store/dialect-name.ts';
import { insertTenant } from '../../src/store/tenants-repo.ts';
import { openFixture, seedCatalog, START_MS, type Fixture } from './stockpool-fixture.ts';

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body is not JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface HttpFixture {
  f: Fixture;
  url: string;
  tokens: Record<Role | 'admin' | 'rival', string>;
  app: Awaited<ReturnType<typeof buildApp>>;
  call(method: string, path: string, options?: CallOptions): Promise<HttpResponse>;
  close(): Promise<void>;
}

export async function openHttpFixture(
  dialect: DialectName,
  options: { bodyLimitBytes?: number; poolSize?: number } = {},
): Promise<HttpFixture> {
  const f = await openFixture(dialect, { poolSize: options.poolSize });
  await seedCatalog(f);
  const db = f.pool.database.db;
  const deps = { ids: f.pool.ids, nowMs: START_MS };
  const issue = async (role: Role, extra: { tenantId?: string; isAdmin?: boolean } = {}) =>
    (
      await issueToken(db, deps, {
        tenantId: f.actor.tenantId,
        name: `${role}-token`,
        role,
        ...extra,
      })
    ).token;
  await insertTenant(db, { id: 'rival', name: 'Rival', nowMs: START_MS });
  const tokens = {
    owner: await issue('owner'),
    operator: await issue('operator'),
    viewer: await issue('viewer'),
    admin: await issue('owner', { isAdmin: true }),
    rival: await issue('owner', { tenantId: 'rival' }),
  };
  const app = await buildApp(f.pool, { bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not bind');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    f,
    url,
    tokens,
    app,
    call: (method, path, callOptions = {}) => call(url, method, path, callOptions, tokens.owner),
    close: async () => {
      await app.close();
      await f.pool.close();
      await f.testDb.drop();
    },
  };
}

async function call(
  url: string,
  method: string,
  path: string,
  options: CallOptions,
  defaultToken: string,
): Promise<HttpResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? defaultToken : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | Uint8Array | undefined = options.rawBody;
  if (body === undefined && options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${url}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, headers: response.headers, body: parsed };
}
