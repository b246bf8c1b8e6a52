import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RefreshedTokens, SharedTokens } from './contract.ts';
import { ConnectorError } from './errors.ts';
import { TokenRefresher } from './token-refresher.ts';

const tokens = (access: string): RefreshedTokens => ({
  accessToken: access,
  refreshToken: `refresh-${access}`,
  accessTokenExpiresAtMs: 10_000_000,
  refreshTokenExpiresAtMs: null,
});

/** A connector's tokens, and a shop store whose next reload hands back `stored`. */
function setUp(stored: RefreshedTokens | null) {
  let held = tokens('old');
  let exchanges = 0;
  const shared: SharedTokens = {
    refresh: (exchange) => exchange(),
    reload: async () => stored,
  };
  const refresher = new TokenRefresher({
    exchange: async () => {
      exchanges += 1;
      return tokens(`new-${exchanges}`);
    },
    adopt: (t) => (held = t),
    current: () => held,
    nowMs: () => 0,
    marginMs: 60_000,
    shared,
  });
  return { refresher, held: () => held.accessToken, exchanges: () => exchanges };
}

const expired = () => new ConnectorError('TOKEN_EXPIRED', 'Access token is expired');

test('a refused token is replaced by the one another worker stored, without a refresh', async () => {
  const rig = setUp(tokens('from-another-worker'));
  await rig.refresher.recover('old', expired());
  assert.equal(rig.held(), 'from-another-worker');
  assert.equal(rig.exchanges(), 0);
});

test('a newer stored version holding the same refused token (re-sealed credentials) still refreshes', async () => {
  const rig = setUp(tokens('old'));
  await rig.refresher.recover('old', expired());
  assert.equal(rig.held(), 'new-1');
  assert.equal(rig.exchanges(), 1);
});

test('with nothing newer stored, an expired token is refreshed once', async () => {
  const rig = setUp(null);
  await rig.refresher.recover('old', expired());
  assert.equal(rig.held(), 'new-1');
  assert.equal(rig.exchanges(), 1);
});
