// Proves Amazon's tokens go through the caller's SharedTokens as the other connectors' do: calls
// refused together for an expired token refresh once, through the shared store, and report the
// new tokens; a token Amazon refuses as invalid is replaced by the tokens another worker stored,
// without a refresh; LWA's answer keeps the same refresh token (no rotation).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RefreshedTokens, SharedTokens } from '../contract.ts';
import type { Fixture } from './emulator-fixture.ts';
import { product, SELLER_ID, startFixture } from './emulator-fixture.ts';

/** One shop's stored tokens, as seen by one connector: newer versions are handed out once. */
class MemoryTokens implements SharedTokens {
  refreshes = 0;
  private version = 0;
  private seen = 0;
  constructor(private tokens: RefreshedTokens | null = null) {
    if (tokens) this.version = 1;
  }

  async refresh(exchange: () => Promise<RefreshedTokens>): Promise<RefreshedTokens> {
    const stored = await this.reload();
    if (stored) return stored;
    this.refreshes += 1;
    this.tokens = await exchange();
    this.version += 1;
    this.seen = this.version;
    return this.tokens;
  }

  async reload(): Promise<RefreshedTokens | null> {
    if (this.version <= this.seen || !this.tokens) return null;
    this.seen = this.version;
    return this.tokens;
  }
}

describe('Amazon tokens through SharedTokens', () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture({ products: [product('B0TOKENS01', { 'SKU-T': { DEFAULT: 2 } })] });
  });
  after(() => f.close());

  it('calls refused together for an expired token refresh once, through the shared store', async () => {
    const shared = new MemoryTokens();
    const reported: RefreshedTokens[] = [];
    const connector = f.connector({
      sharedTokens: shared,
      onTokensRefreshed: async (tokens) => void reported.push(tokens),
    });
    await connector.listCatalog(null);
    f.emulator.expireAccessToken(SELLER_ID);
    const pages = await Promise.all([1, 2, 3].map(() => connector.listCatalog(null)));
    assert.ok(pages.every((page) => page.items.length === 1));
    assert.equal(shared.refreshes, 1);
    assert.equal(reported.length, 1);
    assert.equal(reported[0]?.refreshToken, f.auth.refreshToken, 'LWA does not rotate it');
    assert.equal(reported[0]?.refreshTokenExpiresAtMs, null);
  });

  it('a token Amazon refuses as invalid is replaced by the one another worker stored, without a refresh', async () => {
    const current = await f.connector().refreshTokens();
    const shared = new MemoryTokens(current);
    const connector = f.connector({
      auth: { ...f.auth, accessToken: 'Atza|revoked-elsewhere' },
      sharedTokens: shared,
    });
    assert.equal((await connector.listCatalog(null)).items.length, 1);
    assert.equal(shared.refreshes, 0);
  });
});
