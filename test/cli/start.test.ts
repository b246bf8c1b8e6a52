// Proves `stockpool start` boots a real server: first start prints the one-time admin token, the
// API and docs URLs and loads the demo data; /healthz answers; the token works; SIGTERM stops it
// with exit 0; a second start prints no token and loads nothing again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { snapshot } from './support/cli-db.ts';
import { spawnCliUntil } from './support/run-cli.ts';

const READY = /Docs: (http:\/\/\S+)/;
const ENV = {
  PORT: '0',
  HOST: '127.0.0.1',
  STOCKPOOL_SANDBOX: '1',
  // Free ports for the sandbox's emulated platforms: tests may run beside a real sandbox.
  SANDBOX_TIKTOK_PORT: '0',
  SANDBOX_SHOPEE_PORT: '0',
  SANDBOX_LAZADA_PORT: '0',
  SANDBOX_AMAZON_PORT: '0',
  SANDBOX_SHOPIFY_PORT: '0',
  SANDBOX_WOOCOMMERCE_PORT: '0',
  HOLD_SWEEP_INTERVAL_MS: '1000',
};

describe('stockpool start', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase('sqlite');
  });
  after(() => db.drop());

  it('first start prints the admin token once, the URLs, loads demo data and answers /healthz', async () => {
    const server = await spawnCliUntil(['start'], { database: db.url, env: ENV, ready: READY });
    const output = server.output();
    const token = /Admin token: (sp_\S+)/.exec(output)?.[1];
    assert.ok(token, output);
    assert.match(output, /will NOT be shown again/);
    assert.match(
      output,
      /Sandbox: demo data loaded \(3 warehouses, 20 SKUs, 1 bundle, 4 open orders\)/,
    );
    const api = /API: {2}(http:\/\/\S+)/.exec(output)?.[1];
    assert.equal(`${api}/docs`, READY.exec(output)?.[1]);
    const health = await fetch(`${api}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', database: 'sqlite' });
    const board = await fetch(`${api}/v1/stock?limit=100`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(board.status, 200);
    const statuses = new Set(
      ((await board.json()) as { items: { status: string }[] }).items.map((i) => i.status),
    );
    assert.deepEqual([...statuses].sort(), ['low', 'normal', 'zero']);
    // One sandbox shop on each platform, each listing the demo SKUs it imported.
    for (const platform of ['TikTok Shop', 'Shopee', 'Lazada', 'Amazon', 'Shopify', 'WooCommerce'])
      assert.match(output, new RegExp(`  ${platform}: http://127\\.0\\.0\\.1:\\d+`));
    const shops = await fetch(`${api}/v1/shops`, { headers: { authorization: `Bearer ${token}` } });
    const platforms = ((await shops.json()) as { items: { platform: string }[] }).items.map(
      (shop) => shop.platform,
    );
    assert.deepEqual(platforms.sort(), [
      'amazon',
      'lazada',
      'shopee',
      'shopify',
      'tiktok-shop',
      'woocommerce',
    ]);
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
    assert.match(server.output(), /Stopped\./);
  });

  it('a second start prints no token and does not load the demo data again', async () => {
    const before = await snapshot(db.url);
    const server = await spawnCliUntil(['--lang', 'zh-CN', 'start'], {
      database: db.url,
      env: { ...ENV, LANG: 'zh_CN.UTF-8' },
      ready: /文档：(http:\/\/\S+)/,
    });
    assert.doesNotMatch(server.output(), /sp_[A-Za-z0-9_-]{43}/);
    assert.doesNotMatch(server.output(), /沙盒模式/);
    server.child.kill('SIGINT');
    assert.equal(await server.exited, 0);
    const afterStart = await snapshot(db.url);
    assert.equal(afterStart.skus, before.skus);
    assert.equal(afterStart.tokens, before.tokens);
  });
});
