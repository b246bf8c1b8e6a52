/**
 * Suite part: tokens and clocks. An access token the platform expired is refreshed by the
 * connector on its own and the new tokens are reported; one about to expire is refreshed before
 * use; a connector whose clock is 10 minutes off gets a typed, non-retryable error, not a crash.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { RefreshedTokens } from '../contract.ts';
import { isConnectorError } from '../errors.ts';
import type { SuiteContext } from './context.ts';

const TEN_MINUTES_MS = 10 * 60_000;

export function registerTokenAndClockTests(suite: SuiteContext): void {
  const noRefresh =
    suite.harness.capabilities?.tokenRefresh === false &&
    'the platform has no token refresh (its tokens do not expire)';
  if (noRefresh) registerNoRefreshTests(suite);
  it(
    'after the platform expires the token, the next call still succeeds and the new tokens are reported',
    { skip: noRefresh },
    async () => {
      const shop = suite.newShop({ products: suite.products(2) });
      const refreshed: RefreshedTokens[] = [];
      const connector = suite.connector(shop, {
        onTokensRefreshed: async (t) => void refreshed.push(t),
      });
      await connector.listCatalog(null);
      shop.emulator.expireAccessToken(shop.shopId);
      const page = await connector.listCatalog(null);
      assert.equal(page.items.length, 2);
      assert.equal(refreshed.length, 1);
      assert.notEqual(refreshed[0]?.accessToken, shop.auth.accessToken);
      assert.ok(
        (refreshed[0]?.accessTokenExpiresAtMs ?? 0) > suite.now(),
        'the new token is valid',
      );
      await connector.listCatalog(null);
      assert.equal(refreshed.length, 1, 'the new token is used from then on');
    },
  );

  it(
    'a token within 5 minutes of expiry is refreshed before it is used',
    { skip: noRefresh },
    async () => {
      const shop = suite.newShop({
        products: suite.products(1),
        accessTokenExpiresAtMs: suite.now() + 60_000,
      });
      const refreshed: RefreshedTokens[] = [];
      const connector = suite.connector(shop, {
        onTokensRefreshed: async (t) => void refreshed.push(t),
      });
      await connector.listCatalog(null);
      assert.equal(refreshed.length, 1);
      const expiresAtMs = refreshed[0]?.accessTokenExpiresAtMs ?? 0;
      assert.ok(expiresAtMs > suite.now() + 5 * 60_000, 'the new token is not about to expire');
    },
  );

  it('an explicit refresh returns tokens the platform accepts', { skip: noRefresh }, async () => {
    const shop = suite.newShop({ products: suite.products(1) });
    const connector = suite.connector(shop);
    const tokens = await connector.refreshTokens();
    assert.ok(tokens.accessToken.length > 0 && tokens.refreshToken.length > 0, 'tokens are given');
    assert.equal((await connector.listCatalog(null)).items.length, 1);
  });

  // Ten minutes past what the platform tolerates: 10 minutes for most, more where it allows more.
  const offMs = Math.max(
    TEN_MINUTES_MS,
    (suite.harness.timestampToleranceMs ?? 0) + TEN_MINUTES_MS,
  );
  const noTimestamps =
    suite.harness.capabilities?.requestTimestamps === false &&
    'the platform checks no request timestamp';
  if (noTimestamps)
    it('a connector whose clock is 10 minutes off still works: the platform checks no timestamp', async () => {
      const shop = suite.newShop({ products: suite.products(1) });
      for (const skewMs of [-TEN_MINUTES_MS, TEN_MINUTES_MS]) {
        const connector = suite.connector(shop, { nowMs: () => suite.now() + skewMs });
        assert.equal((await connector.listCatalog(null)).items.length, 1);
      }
    });
  for (const skewMs of [-offMs, offMs]) {
    it(
      `a connector whose clock is ${skewMs / 60_000} minutes off gets a typed error, not a crash`,
      { skip: noTimestamps },
      async () => {
        const shop = suite.newShop({ products: suite.products(1) });
        const connector = suite.connector(shop, { nowMs: () => suite.now() + skewMs });
        const error: unknown = await connector.listCatalog(null).then(
          () => assert.fail('the platform accepted a skewed timestamp'),
          (thrown: unknown) => thrown,
        );
        assert.ok(isConnectorError(error), `expected a ConnectorError, got ${String(error)}`);
        assert.ok(['AUTH_FAILED', 'REJECTED'].includes(error.code), error.code);
        assert.equal(error.retryable, false);
      },
    );
  }
}

/** Without token refresh: a refused token and a refresh are typed, non-retryable errors. */
function registerNoRefreshTests(suite: SuiteContext): void {
  it('after the platform refuses the token, calls fail as AUTH_FAILED, not retryable, and no refresh is reported', async () => {
    const shop = suite.newShop({ products: suite.products(2) });
    const refreshed: RefreshedTokens[] = [];
    const connector = suite.connector(shop, {
      onTokensRefreshed: async (t) => void refreshed.push(t),
    });
    assert.equal((await connector.listCatalog(null)).items.length, 2);
    shop.emulator.expireAccessToken(shop.shopId);
    const error: unknown = await connector.listCatalog(null).then(
      () => assert.fail('the platform accepted a refused token'),
      (thrown: unknown) => thrown,
    );
    assert.ok(isConnectorError(error), `expected a ConnectorError, got ${String(error)}`);
    assert.equal(error.code, 'AUTH_FAILED');
    assert.equal(error.retryable, false);
    assert.equal(refreshed.length, 0);
  });

  it('an explicit refresh fails as a typed, non-retryable error and the token keeps working', async () => {
    const shop = suite.newShop({ products: suite.products(1) });
    const connector = suite.connector(shop);
    const error: unknown = await connector.refreshTokens().then(
      () => assert.fail('a refresh returned tokens'),
      (thrown: unknown) => thrown,
    );
    assert.ok(isConnectorError(error), `expected a ConnectorError, got ${String(error)}`);
    assert.equal(error.retryable, false);
    assert.equal((await connector.listCatalog(null)).items.length, 1);
  });
}
