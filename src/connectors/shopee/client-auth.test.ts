/**
 * Proves the Shopee connector's token and signature handling against the emulator over real
 * HTTP: the refresh token is single-use (the new one replaces it, the old one is refused), an
 * expired token is refreshed once and the call retried, a token about to expire is refreshed
 * before the call, parallel calls share one refresh, and clock skew, a wrong partner key or an
 * unknown partner come back as typed errors.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError } from '../errors.ts';
import { SHOP_ID, startShopeeFixture } from './emulator-fixture.ts';

const REFRESH = '/api/v2/auth/access_token/get';
const ITEM_LIST = '/api/v2/product/get_item_list';

function isConnectorError(code: string, platformCode?: string) {
  return (error: unknown) =>
    error instanceof ConnectorError &&
    error.code === code &&
    (platformCode === undefined || error.platformCode === platformCode);
}

describe('Shopee connector tokens', () => {
  it('replaces the single-use refresh token and refuses the old one afterwards', async () => {
    const fixture = await startShopeeFixture();
    try {
      const tokens = await fixture.connector.refreshTokens();
      assert.notEqual(tokens.refreshToken, fixture.auth.refreshToken);
      assert.ok(tokens.accessTokenExpiresAtMs > Date.now() + 3.9 * 3600_000);
      assert.ok((tokens.refreshTokenExpiresAtMs ?? 0) > Date.now() + 29 * 24 * 3600_000);
      assert.deepEqual(fixture.refreshed, [tokens]);
      // The new tokens work, and the connector keeps using them.
      await fixture.connector.listCatalog(null);
      const second = await fixture.connector.refreshTokens();
      assert.notEqual(second.refreshToken, tokens.refreshToken);
      // A connector still holding the spent refresh token is refused: a seller must act.
      const stale = fixture.connectorWith({});
      await assert.rejects(stale.refreshTokens(), isConnectorError('AUTH_FAILED', 'error_auth'));
    } finally {
      await fixture.close();
    }
  });

  it('refreshes once after Shopee says the token expired, then retries the call', async () => {
    const fixture = await startShopeeFixture();
    try {
      fixture.emulator.expireAccessToken(SHOP_ID);
      const page = await fixture.connector.listCatalog(null);
      assert.deepEqual(page, { items: [], nextPageToken: null });
      assert.equal(fixture.refreshed.length, 1);
      const stats = fixture.emulator.stats();
      assert.equal(stats.requests[REFRESH], 1);
      assert.equal(stats.requests[ITEM_LIST], 2);
    } finally {
      await fixture.close();
    }
  });

  it('shares one refresh between parallel calls that all met the expired token', async () => {
    const fixture = await startShopeeFixture();
    try {
      fixture.emulator.expireAccessToken(SHOP_ID);
      await Promise.all([1, 2, 3, 4].map(() => fixture.connector.getOrders(['X'])));
      assert.equal(fixture.emulator.stats().requests[REFRESH], 1);
      assert.equal(fixture.refreshed.length, 1);
    } finally {
      await fixture.close();
    }
  });

  it('refreshes before the call when the token expires within 5 minutes', async () => {
    const fixture = await startShopeeFixture({ tokenLifetimeMs: 2 * 60_000 });
    try {
      await fixture.connector.listCatalog(null);
      const stats = fixture.emulator.stats();
      assert.equal(stats.requests[REFRESH], 1);
      assert.equal(stats.requests[ITEM_LIST], 1);
    } finally {
      await fixture.close();
    }
  });
});

describe('Shopee connector signature errors', () => {
  it('reports a clock more than 5 minutes off as REJECTED error_param "Invalid timestamp"', async () => {
    const fixture = await startShopeeFixture();
    try {
      const skewed = fixture.connectorWith({ nowMs: () => Date.now() - 10 * 60_000 });
      await assert.rejects(skewed.listCatalog(null), (error: unknown) => {
        assert.ok(isConnectorError('REJECTED', 'error_param')(error));
        assert.match((error as Error).message, /Invalid timestamp/);
        return true;
      });
    } finally {
      await fixture.close();
    }
  });

  it('reports a wrong partner key as AUTH_FAILED error_sign and an unknown partner as invalid_partner_id', async () => {
    const fixture = await startShopeeFixture();
    try {
      const wrongKey = fixture.connectorWith({
        auth: { ...fixture.auth, appSecret: 'not-the-key' },
      });
      await assert.rejects(
        wrongKey.listCatalog(null),
        isConnectorError('AUTH_FAILED', 'error_sign'),
      );
      const unknown = fixture.connectorWith({ auth: { ...fixture.auth, appKey: '999' } });
      await assert.rejects(
        unknown.listCatalog(null),
        isConnectorError('AUTH_FAILED', 'invalid_partner_id'),
      );
    } finally {
      await fixture.close();
    }
  });
});
