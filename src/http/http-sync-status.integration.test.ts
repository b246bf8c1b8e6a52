// Proves the sync monitoring API over real HTTP on every engine: the status figures on an empty
// tenant, the sync log and reconciliation runs page and filter, dead letters are listed and
// retried (404 when none), alerts filter by status and kind; viewers cannot write and no tenant
// sees another's. (Allocation policies: http-allocation.integration.test.ts.)
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call -- these tests read untyped JSON responses and assert on their shape */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { availableDialects } from '../../test/support/databases.ts';
import { openHttpFixture, type HttpFixture } from '../../test/support/http-fixture.ts';
import { raiseAlert, resolveAlert } from '../store/alerts-repo.ts';
import { appendSyncLog, insertReconcileRun } from '../store/sync-log-repo.ts';
import { failPush, markListingsForPush } from '../store/sync-queue-repo.ts';

const START = Date.parse('2026-11-27T00:00:00Z');
const HOUR = 3600_000;

const EMPTY_STATUS = {
  accuracy: { lastCheck: null, last24h: null, shops: [] },
  pushLatencyMs: { count: 0, p50: null, p95: null, p99: null },
  oversells: { total: 0, last24h: 0 },
  queues: { changedSkus: 0, pushes: 0, deadLetters: 0, inboxPending: 0 },
  openAlerts: 0,
};

const SHOP = {
  platform: 'tiktok-shop',
  name: 'UK',
  region: 'GB',
  platformShopId: '7494000001',
  apiBaseUrl: 'http://127.0.0.1:9',
  credentials: {
    ...{ appKey: 'k', appSecret: 's', accessToken: 'a', refreshToken: 'r' },
    accessTokenExpiresAt: '2026-11-28T00:00:00Z',
  },
  warehouses: [{ code: 'GZ' }],
};

for (const dialect of await availableDialects()) {
  describe(`sync status, log, dead letters and alerts over HTTP on ${dialect}`, () => {
    let h: HttpFixture;
    let shopId: string;
    const db = () => h.f.pool.database.db;

    before(async () => {
      h = await openHttpFixture(dialect);
    });
    after(async () => {
      await h.close();
    });

    it('the status of a tenant with nothing synced yet is all zeros and nulls', async () => {
      for (const token of [h.tokens.viewer, h.tokens.rival]) {
        const r = await h.call('GET', '/v1/sync/status', { token });
        assert.equal(r.status, 200);
        assert.deepEqual(r.body, EMPTY_STATUS);
      }
      for (const path of ['/v1/sync/log', '/v1/sync/dead-letters', '/v1/alerts']) {
        const r = await h.call('GET', path, { token: h.tokens.viewer });
        assert.equal(r.status, 200, path);
        assert.deepEqual(r.body.items, [], path);
      }
      const runs = await h.call('GET', '/v1/sync/reconciliations');
      assert.deepEqual(runs.body, { items: [], accuracy: null });
      const shop = await h.call('POST', '/v1/shops', { body: SHOP });
      assert.equal(shop.status, 201);
      shopId = shop.body.id;
      assert.deepEqual((await h.call('GET', '/v1/sync/status')).body, EMPTY_STATUS);
    });

    it('retrying a dead letter that does not exist answers 404 DEAD_LETTER_NOT_FOUND', async () => {
      const r = await h.call('POST', '/v1/sync/dead-letters/lst_missing/retry', {
        token: h.tokens.operator,
      });
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'DEAD_LETTER_NOT_FOUND');
      assert.equal(r.body.error.details.listingId, 'lst_missing');
    });

    it('the sync log pages newest first with nextBefore and filters by kind, shop and listing', async () => {
      await appendSyncLog(db(), [
        {
          tenantId: 'acme',
          shopId,
          listingId: 'lst_1',
          kind: 'push',
          quantity: 5,
          latencyMs: 800,
          atMs: START,
        },
        {
          tenantId: 'acme',
          shopId,
          listingId: 'lst_1',
          kind: 'drift',
          quantity: 5,
          previousQuantity: 7,
          atMs: START + 1,
        },
        {
          tenantId: 'acme',
          shopId,
          listingId: 'lst_2',
          kind: 'push_failed',
          detail: 'RATE_LIMITED',
          atMs: START + 2,
        },
        { tenantId: 'rival', shopId: 'shp_r', listingId: 'lst_r', kind: 'push', atMs: START + 3 },
      ]);
      const first = await h.call('GET', '/v1/sync/log?limit=2', { token: h.tokens.viewer });
      assert.deepEqual(
        first.body.items.map((e: { kind: string }) => e.kind),
        ['push_failed', 'drift'],
      );
      assert.equal(first.body.items[1].previousQuantity, 7);
      assert.equal(first.body.items[1].at, '2026-11-27T00:00:00.001Z');
      assert.equal(first.body.nextBefore, first.body.items[1].id);
      const second = await h.call('GET', `/v1/sync/log?limit=2&before=${first.body.nextBefore}`);
      assert.deepEqual(
        second.body.items.map((e: { kind: string }) => e.kind),
        ['push'],
      );
      assert.equal(second.body.items[0].latencyMs, 800);
      assert.equal(second.body.nextBefore, null);
      assert.equal((await h.call('GET', '/v1/sync/log?kind=drift')).body.items.length, 1);
      assert.equal((await h.call('GET', '/v1/sync/log?listing=lst_1')).body.items.length, 2);
      assert.equal((await h.call('GET', `/v1/sync/log?shop=${shopId}`)).body.items.length, 3);
      const rival = await h.call('GET', '/v1/sync/log', { token: h.tokens.rival });
      assert.deepEqual(
        rival.body.items.map((e: { listingId: string }) => e.listingId),
        ['lst_r'],
      );
      for (const q of ['kind=lost', 'before=abc', 'before=0', 'limit=501', 'listing='])
        assert.equal((await h.call('GET', `/v1/sync/log?${q}`)).status, 400, q);
    });

    it('reconciliation runs show drift and accuracy over time, within the window asked', async () => {
      const run = (
        startedAtMs: number,
        checked: number,
        matched: number,
        error: string | null = null,
      ) =>
        insertReconcileRun(db(), {
          tenantId: 'acme',
          shopId,
          startedAtMs,
          finishedAtMs: startedAtMs + 500,
          listingsChecked: checked,
          listingsMatched: matched,
          corrections: checked - matched,
          error,
        });
      await run(START - 10 * 24 * HOUR, 10, 0);
      await run(START - 2 * HOUR, 10, 8);
      await run(START - HOUR, 0, 0, 'UNAVAILABLE');
      await run(START - 60_000, 10, 10);
      const r = await h.call('GET', '/v1/sync/reconciliations', { token: h.tokens.viewer });
      assert.equal(r.status, 200);
      assert.deepEqual(
        r.body.items.map((i: { accuracy: number | null }) => i.accuracy),
        [1, null, 0.8],
      );
      assert.equal(r.body.items[2].corrections, 2);
      assert.equal(r.body.items[1].error, 'UNAVAILABLE');
      assert.equal(r.body.accuracy, 0.9);
      const since = await h.call(
        'GET',
        `/v1/sync/reconciliations?since=2026-11-26T23:30:00Z&shop=${shopId}`,
      );
      assert.equal(since.body.items.length, 1);
      assert.equal(
        (await h.call('GET', '/v1/sync/reconciliations?since=2026-11-01T00:00:00Z')).body.items
          .length,
        4,
      );
      assert.deepEqual(
        (await h.call('GET', '/v1/sync/reconciliations', { token: h.tokens.rival })).body.items,
        [],
      );
      assert.equal((await h.call('GET', '/v1/sync/reconciliations?since=yesterday')).status, 400);
      const status = await h.call('GET', '/v1/sync/status');
      assert.equal(status.body.accuracy.lastCheck, 1);
      assert.equal(status.body.accuracy.last24h, 0.9);
    });

    it('a dead letter is listed, retried once by an operator, and then gone', async () => {
      const listingId = 'lst_dead';
      await markListingsForPush(
        db(),
        [{ listingId, tenantId: 'acme', shopId, originAtMs: START }],
        START,
      );
      await failPush(
        db(),
        { listingId, tenantId: 'acme', shopId, version: 1, originAtMs: START, attempts: 4 },
        { error: 'PERMISSION_DENIED', retryAtMs: null },
      );
      const listed = await h.call('GET', '/v1/sync/dead-letters', { token: h.tokens.viewer });
      assert.deepEqual(listed.body.items, [
        {
          listingId,
          shopId,
          attempts: 5,
          lastError: 'PERMISSION_DENIED',
          enqueuedAt: '2026-11-27T00:00:00.000Z',
        },
      ]);
      const queuesBefore = (await h.call('GET', '/v1/sync/status')).body.queues;
      assert.equal(queuesBefore.deadLetters, 1);
      const path = `/v1/sync/dead-letters/${listingId}/retry`;
      assert.equal((await h.call('POST', path, { token: h.tokens.viewer })).status, 403);
      assert.equal((await h.call('POST', path, { token: h.tokens.rival })).status, 404);
      const retried = await h.call('POST', path, { token: h.tokens.operator });
      assert.equal(retried.status, 200);
      assert.deepEqual(retried.body, { listingId, status: 'queued' });
      assert.deepEqual((await h.call('GET', '/v1/sync/dead-letters')).body.items, []);
      const queues = (await h.call('GET', '/v1/sync/status')).body.queues;
      assert.deepEqual(
        { dead: queues.deadLetters, pushes: queues.pushes },
        {
          dead: 0,
          pushes: queuesBefore.pushes + 1,
        },
      );
      assert.equal((await h.call('POST', path)).body.error.code, 'DEAD_LETTER_NOT_FOUND');
      assert.equal((await h.call('GET', '/v1/sync/dead-letters?limit=0')).status, 400);
    });

    it('alerts filter by status and kind, and stay within their tenant', async () => {
      let n = 0;
      const newId = () => `alr_${++n}`;
      const alert = (kind: string, subject: string, tenantId = 'acme') =>
        raiseAlert(db(), {
          tenantId,
          kind,
          subject,
          level: 'red',
          params: { subject },
          nowMs: START,
          newId,
        });
      await alert('out_of_sync', 'lst_1');
      await alert('token_expiring', shopId);
      await alert('out_of_sync', 'lst_r', 'rival');
      await resolveAlert(db(), {
        tenantId: 'acme',
        kind: 'token_expiring',
        subject: shopId,
        nowMs: START + 1,
      });
      const open = await h.call('GET', '/v1/alerts?status=open', { token: h.tokens.viewer });
      assert.deepEqual(
        open.body.items.map((a: { kind: string; subject: string; level: string }) => [
          a.kind,
          a.subject,
          a.level,
        ]),
        [['out_of_sync', 'lst_1', 'red']],
      );
      assert.deepEqual(open.body.items[0].params, { subject: 'lst_1' });
      const resolved = await h.call('GET', '/v1/alerts?status=resolved');
      assert.equal(resolved.body.items[0].resolvedAt, '2026-11-27T00:00:00.001Z');
      assert.equal((await h.call('GET', '/v1/alerts?kind=token_expiring')).body.items.length, 1);
      assert.equal((await h.call('GET', '/v1/alerts')).body.items.length, 2);
      assert.equal(
        (await h.call('GET', '/v1/alerts', { token: h.tokens.rival })).body.items.length,
        1,
      );
      assert.equal((await h.call('GET', '/v1/sync/status')).body.openAlerts, 1);
      for (const q of ['status=closed', 'limit=0', 'kind=%00'])
        assert.equal((await h.call('GET', `/v1/alerts?${q}`)).status, 400, q);
    });
  });
}
