// Proves QUALITY.md R11 on SQLite and PostgreSQL, beyond the unit tests of the secret box (seal,
// tamper, open after rotation): (1) after shops are connected, their credentials changed and their
// tokens refreshed by the platform, neither the database (SQLite: the file, its WAL and shared
// memory) nor a backup made by `stockpool backup` (SQLite copy; PostgreSQL pg_dump archive, read
// back as SQL) holds any shop credential or API token in plain text — every credential now stored
// is opened with the key to learn the values to look for; (2) the key is rotated while orders,
// webhooks, pushes and API calls run, rolling through API+worker instances configured only by
// STOCKPOOL_SECRET_KEY / STOCKPOOL_SECRET_KEYS_OLD in two steps (first the new key is accepted for
// reading everywhere, then it seals), with 0 failed calls, 0 worker errors and every shop
// converging; a final instance with the new key alone opens every credential (re-sealed by the
// credential changes and token refreshes during the load).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateSecretKeyText, type SecretBox } from '../../src/access/secret-box.ts';
import { loadSecretBox } from '../../src/access/secret-key-file.ts';
import { loadConfig } from '../../src/config/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { openStockPool, type StockPool } from '../../src/main.ts';
import { backupDatabase } from '../../src/store/backup.ts';
import { isPostgresUrl, sqlitePathOf } from '../../src/store/database.ts';
import { openShopSecrets } from '../../src/sync/shop-connectors.ts';
import { availableDialects } from '../support/databases.ts';
import { openSyncRig, waitFor, type ConnectedShop, type SyncRig } from '../support/sync-fixture.ts';
import { deliverTo } from '../support/webhook-relay.ts';
import { issueToken } from '../../src/access/api-tokens.ts';

const K1 = generateSecretKeyText();
const K2 = generateSecretKeyText();
const STOCK = 400;

/** The box a process builds from its environment, exactly as `stockpool start` / `worker` do. */
function boxFromEnv(env: Record<string, string>): SecretBox {
  const config = loadConfig({ DATABASE_URL: 'unused.db', ...env });
  return loadSecretBox(config).box;
}

/** One API + worker process: its own pool, box, app and worker on the shared database. */
interface Instance {
  name: string;
  pool: StockPool;
  url: string;
  errors: unknown[];
  stop(): Promise<void>;
}

async function startInstance(
  name: string,
  databaseUrl: string,
  env: Record<string, string>,
): Promise<Instance> {
  const errors: unknown[] = [];
  const pool = await openStockPool({
    databaseUrl,
    migrate: false,
    poolSize: 5,
    secretBox: boxFromEnv(env),
    worker: { idleMs: 20, periodic: false, onError: (_w, e) => errors.push(e) },
  });
  const app = await buildApp(pool, { bodyLimitBytes: 1024 * 1024 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  pool.sync.worker.start();
  const { port } = app.server.address() as AddressInfo;
  return {
    name,
    pool,
    url: `http://127.0.0.1:${port}`,
    errors,
    stop: async () => {
      await pool.sync.worker.stop();
      await app.close();
      await pool.close();
    },
  };
}

/** A load balancer for webhooks: forwards each delivery to the instance of the moment. */
async function startWebhookProxy(initial: string) {
  const statuses: number[] = [];
  const proxy = {
    target: initial,
    statuses,
    url: '',
    close: (): Promise<void> => Promise.resolve(),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers))
        if (typeof v === 'string' && !['content-length', 'connection'].includes(k)) headers[k] = v;
      const webhook = { path: request.url ?? '/', body: Buffer.concat(chunks).toString(), headers };
      deliverTo(proxy.target, webhook).then(
        (status) => {
          statuses.push(status);
          response.writeHead(status).end();
        },
        () => {
          statuses.push(0);
          response.writeHead(502).end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return proxy;
}

/** Every credential value now stored, opened with the key: the plaintext that must appear nowhere. */
async function storedSecrets(pool: StockPool, box: SecretBox): Promise<string[]> {
  const rows = await pool.database.db.selectFrom('shops').select('credentials').execute();
  return rows.flatMap((r) => {
    const s = openShopSecrets(box, r.credentials);
    return [s.appSecret, s.accessToken, s.refreshToken];
  });
}

function assertAbsent(where: string, bytes: Buffer, secrets: string[]): void {
  const text = bytes.toString('latin1');
  for (const secret of secrets) assert.ok(!text.includes(secret), `${where} holds ${secret}`);
  // Whole tokens only: a sealed value is base64url, inside which these letters may occur by chance.
  assert.doesNotMatch(text, /(?<![\w-])sp_[\w-]{43}(?![\w-])/, `${where} holds an API token`);
  assert.doesNotMatch(text, /(?<![\w-])TTP_\w+/, `${where} holds a platform-issued token`);
}

for (const dialect of await availableDialects()) {
  describe(`R11 on ${dialect}: secrets at rest and key rotation under load`, () => {
    let rig: SyncRig;
    let proxy: Awaited<ReturnType<typeof startWebhookProxy>>;
    let shops: ConnectedShop[];
    const dir = mkdtempSync(join(tmpdir(), 'stockpool-r11-'));
    const apiTokens: string[] = [];
    /** Instances still up (stopped in `after` when a test fails half-way). */
    const running: Instance[] = [];
    const start = async (name: string, env: Record<string, string>) => {
      const instance = await startInstance(name, rig.databaseUrl, env);
      running.push(instance);
      return instance;
    };
    const stop = async (instance: Instance) => {
      running.splice(running.indexOf(instance), 1);
      await instance.stop();
    };

    before(async () => {
      // The emulators' rate limits are raised: a throttled call is the platform's, not the key's.
      rig = await openSyncRig(dialect, {
        secretBox: boxFromEnv({ STOCKPOOL_SECRET_KEY: K1 }),
        rateLimitPerSecond: 1000,
      });
      rig.pool.sync.worker.start();
      proxy = await startWebhookProxy(rig.url);
      await rig.pool.inventory.receive(rig.actor, {
        idempotencyKey: 'opening',
        warehouse: 'GZ',
        lines: [{ sku: 'A', quantity: STOCK }],
      });
      shops = [];
      for (const [platform, key] of [
        ['tiktok-shop', 'r11t'],
        ['shopee', 'r11s'],
        ['tiktok-shop', 'r11u'],
      ] as const)
        shops.push(
          await rig.connectShop({
            platform,
            key,
            listings: [{ sellerSku: 'A' }],
            webhookUrl: `${proxy.url}/webhooks/${platform}`,
          }),
        );
      for (const role of ['owner', 'operator'] as const)
        apiTokens.push(
          (
            await issueToken(
              rig.pool.database.db,
              { ids: rig.pool.ids, nowMs: Date.now() },
              { tenantId: 'acme', name: `r11-${role}`, role },
            )
          ).token,
        );
      await waitFor('every shop shows the pool', () => shops.every((s) => s.shown('A') === STOCK));
    });
    after(async () => {
      for (const instance of running.splice(0)) await instance.stop();
      await proxy.close();
      await rig.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('0 failed calls while the key is rotated under load', { timeout: 90_000 }, async () => {
      const failures: string[] = [];
      let apiCalls = 0;
      let orders = 0;
      let running = true;
      let apiTargets = [rig.url];
      const api = async (url: string, method: string, path: string, body?: unknown) => {
        const r = await fetch(`${url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${apiTokens[0]}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        apiCalls += 1;
        if (r.status !== 200)
          failures.push(`${method} ${path} on ${url} → ${r.status} ${await r.text()}`);
      };
      const apiLoad = async () => {
        for (let i = 0; running; i++) {
          const shop = shops[Math.floor(i / 3) % shops.length]!;
          const url = apiTargets[i % apiTargets.length]!;
          const id = shop.view.id;
          // Reads, a call through the platform (opens the credentials), and a re-seal of them.
          if (i % 3 === 0) await api(url, 'GET', `/v1/shops/${id}`);
          else if (i % 3 === 1) await api(url, 'POST', `/v1/shops/${id}/test-connection`);
          else
            // An empty credentials patch opens and re-seals them under the instance's key.
            await api(url, 'PATCH', `/v1/shops/${id}`, { credentials: {}, name: `r11 ${i}` });
          await new Promise((resolve) => setTimeout(resolve, 15));
        }
      };
      const orderLoad = async () => {
        for (let i = 0; running && orders < STOCK / 2; i++) {
          shops[i % shops.length]!.order('A');
          orders += 1;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      };
      const loads = Promise.all([apiLoad(), orderLoad()]);
      // Each phase lasts its time and at least 12 API calls, so a loaded machine (CI) cannot
      // make the rotation outrun the load.
      const pause = async (ms: number) => {
        const target = apiCalls + 12;
        await new Promise((resolve) => setTimeout(resolve, ms));
        while (apiCalls < target) await new Promise((resolve) => setTimeout(resolve, 20));
      };
      await pause(500);

      // Step 1: every process learns the new key for reading (K1 still seals).
      const step1 = await start('step 1', {
        STOCKPOOL_SECRET_KEY: K1,
        STOCKPOOL_SECRET_KEYS_OLD: K2,
      });
      apiTargets = [rig.url, step1.url];
      proxy.target = step1.url;
      await pause(400);
      await rig.pool.sync.worker.stop();
      apiTargets = [step1.url];
      // Step 2: the new key seals, the old one still opens; both generations serve side by side.
      const step2 = await start('step 2', {
        STOCKPOOL_SECRET_KEY: K2,
        STOCKPOOL_SECRET_KEYS_OLD: K1,
      });
      apiTargets = [step1.url, step2.url];
      proxy.target = step2.url;
      // The platforms expire the tokens: refreshed ones are sealed under the new key. Shopee's
      // refresh token is single-use, so both instances refreshing at once must spend it once.
      for (const shop of shops) shop.emulator.expireAccessToken(shop.platformShopId);
      await pause(600);
      // Drain, then stop: no new call goes to the old instance, the one in flight finishes.
      apiTargets = [step2.url];
      await pause(300);
      await stop(step1);
      await pause(600);
      running = false;
      await loads;

      await waitFor(
        `every shop to show ${STOCK - orders}`,
        () => shops.every((s) => s.shown('A') === STOCK - orders),
        30_000,
      ).catch(async (error: unknown) => {
        const log = await rig.pool.database.db
          .selectFrom('sync_log')
          .select(['kind', 'detail'])
          .where('kind', '!=', 'push')
          .execute();
        console.log(
          '# shown',
          shops.map((s) => s.shown('A')),
          'failures',
          failures.slice(0, 3),
          'not pushed',
          log.slice(-3),
        );
        throw error;
      });
      await shops[0]!.emulator.drainWebhooks();
      await shops[1]!.emulator.drainWebhooks();
      const errors = [...step1.errors, ...step2.errors].map((e) => (e as Error).message);
      console.log(
        `# R11 ${dialect}: ${apiCalls} API calls, ${orders} orders, ${proxy.statuses.length} webhooks during rotation; failures ${failures.length}, worker errors ${errors.length}`,
      );
      assert.deepEqual(failures, []);
      assert.deepEqual(errors, []);
      assert.deepEqual(new Set(proxy.statuses), new Set([200]), 'every webhook acknowledged');
      assert.ok(orders > 20 && apiCalls > 50, 'there was load');
      const failedPushes = await rig.pool.database.db
        .selectFrom('sync_log')
        .select(['id', 'detail'])
        .where('kind', '=', 'push_failed')
        .execute();
      assert.equal(
        failedPushes.length,
        0,
        `no push failed: ${JSON.stringify(failedPushes.map((f) => f.detail))}`,
      );

      // StockPool has no re-seal command: credentials sealed under the old key stay so until they
      // change. The seller re-seals them through the API (an empty credentials patch); then the new
      // key alone opens all of them, and an instance with only it works.
      for (const shop of shops)
        await api(step2.url, 'PATCH', `/v1/shops/${shop.view.id}`, { credentials: {} });
      assert.deepEqual(failures, []);
      const newOnly = boxFromEnv({ STOCKPOOL_SECRET_KEY: K2 });
      const sealed = await rig.pool.database.db.selectFrom('shops').select('credentials').execute();
      for (const row of sealed) assert.ok(openShopSecrets(newOnly, row.credentials).appSecret);
      const final = await start('new key only', {
        STOCKPOOL_SECRET_KEY: K2,
      });
      try {
        for (const shop of shops) {
          // A platform hiccup (UNAVAILABLE) is not the key's doing: try it again.
          let r = await final.pool.sync.shops.testConnection(rig.actor, shop.view.id);
          for (let i = 0; i < 3 && !r.ok; i++)
            r = await final.pool.sync.shops.testConnection(rig.actor, shop.view.id);
          assert.ok(r.ok, JSON.stringify(r));
        }
      } finally {
        await stop(final);
      }
      await stop(step2);
      assert.deepEqual(await rig.invariants(), []);
    });

    it(
      'no credential or token in plain text in the database or its backup',
      { timeout: 60_000 },
      async () => {
        const box = boxFromEnv({ STOCKPOOL_SECRET_KEY: K2, STOCKPOOL_SECRET_KEYS_OLD: K1 });
        const secrets = await storedSecrets(rig.pool, box);
        assert.ok(
          secrets.some((s) => s.startsWith('TTP_')),
          'refreshed platform tokens are stored',
        );
        const backup = join(dir, 'backup.bin');
        await backupDatabase(rig.databaseUrl, backup);
        if (isPostgresUrl(rig.databaseUrl)) {
          // The custom archive is compressed: read it back as the SQL it restores.
          const sql = execFileSync(process.env.PG_RESTORE ?? 'pg_restore', ['--file=-', backup], {
            maxBuffer: 256 * 1024 * 1024,
          });
          assert.match(sql.toString(), /COPY public\.shops/);
          assertAbsent('the backup', sql, [...secrets, ...apiTokens]);
        } else {
          const file = sqlitePathOf(rig.databaseUrl);
          for (const part of [file, `${file}-wal`, `${file}-shm`])
            if (existsSync(part))
              assertAbsent(part, readFileSync(part), [...secrets, ...apiTokens]);
          assertAbsent('the backup', readFileSync(backup), [...secrets, ...apiTokens]);
          assert.ok(readFileSync(backup).includes('v1.'), 'the backup holds the sealed values');
        }
      },
    );
  });
}
