/**
 * One connector's view of its shop's tokens in the database, shared with every other connector of
 * the shop (other worker processes on PostgreSQL, or other ShopConnectors on one database). A
 * refresh runs under the shop's lease: the winner spends the refresh token and stores the new
 * tokens; the others wait briefly and take what it stored instead of spending a token that
 * Shopee (single-use, shopee.md §2.4) would refuse. Tokens are stored only over the version the
 * refresh started from, so an older refresh never overwrites newer tokens.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { SecretBox } from '../access/secret-box.ts';
import type { RefreshedTokens, SharedTokens } from '../connectors/contract.ts';
import { ConnectorError } from '../connectors/errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { DB } from '../store/schema.ts';
import {
  claimTokenRefresh,
  readShopTokens,
  releaseTokenRefresh,
  storeRefreshedTokens,
  type StoredShopTokens,
} from '../store/shop-tokens-repo.ts';
import { openShopSecrets, sealShopSecrets } from './shop-secrets.ts';

/** Longer than one refresh call (10 s timeout) with room; lapses by itself if its worker dies. */
const LEASE_MS = 30_000;
/** How long a worker waits for another's refresh before giving up (retryably) for now. */
const MAX_WAIT_MS = 5_000;
/** Between looks at the lease while waiting (real time: the pause is physical). */
const WAIT_STEP_MS = 50;
/** Writes of refreshed tokens tried while only the seal around them keeps changing. */
const MAX_STORE_ATTEMPTS = 5;

export interface SharedShopTokensDeps {
  db: Kysely<DB>;
  box: SecretBox;
  clock: Clock;
  shopId: string;
  /** The version of the tokens the connector was built with. */
  tokenVersion: number;
  /** Told each time the connector takes tokens of a newer stored version (its own or another's). */
  onVersion?: (stored: { tokenVersion: number; updatedAtMs: number }) => void;
}

export class SharedShopTokens implements SharedTokens {
  /** The stored version whose tokens the connector holds. */
  private heldVersion: number;

  constructor(private readonly deps: SharedShopTokensDeps) {
    this.heldVersion = deps.tokenVersion;
  }

  async refresh(exchange: () => Promise<RefreshedTokens>): Promise<RefreshedTokens> {
    for (let waitedMs = 0; ; waitedMs += WAIT_STEP_MS) {
      const nowMs = this.deps.clock.nowMs();
      const lease = { nowMs, untilMs: nowMs + LEASE_MS, tokenVersion: this.heldVersion };
      if (await claimTokenRefresh(this.deps.db, this.deps.shopId, lease))
        return this.refreshUnderLease(exchange, lease);
      // Not ours: either newer tokens are stored already, or another worker is refreshing.
      const stored = await this.reload();
      if (stored) return stored;
      if (waitedMs >= MAX_WAIT_MS)
        throw new ConnectorError('UNAVAILABLE', 'another worker is refreshing the shop tokens');
      await delay(WAIT_STEP_MS);
    }
  }

  async reload(): Promise<RefreshedTokens | null> {
    const stored = await this.readStored();
    if (stored.tokenVersion === this.heldVersion) return null;
    return this.take(stored);
  }

  private async refreshUnderLease(
    exchange: () => Promise<RefreshedTokens>,
    lease: { untilMs: number; tokenVersion: number },
  ): Promise<RefreshedTokens> {
    try {
      let tokens: RefreshedTokens;
      try {
        tokens = await exchange();
      } catch (error) {
        // The platform may have refused a refresh token that a worker whose lease had lapsed
        // spent first: then its stored tokens serve, once, before the refusal counts.
        const stored = await this.reload();
        if (stored) return stored;
        throw error;
      }
      if (await this.store(tokens, lease.tokenVersion)) return tokens;
      // Credentials were written meanwhile (a new authorization, or a lapsed lease's refresh):
      // they are newer than ours, so they are the shop's tokens.
      return (await this.reload()) ?? tokens;
    } finally {
      await releaseTokenRefresh(this.deps.db, this.deps.shopId, lease.untilMs);
    }
  }

  /**
   * Seals the tokens with the stored app key and secret, over `fromVersion` only. A write of the
   * same version in between (a re-seal under a new key, a new app secret) is not newer tokens:
   * the tokens are merged into it again.
   */
  private async store(tokens: RefreshedTokens, fromVersion: number): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.readStored();
      if (current.tokenVersion !== fromVersion) return false;
      const secrets = openShopSecrets(this.deps.box, current.credentialsSealed);
      const nowMs = this.deps.clock.nowMs();
      const stored = await storeRefreshedTokens(this.deps.db, this.deps.shopId, {
        fromVersion,
        fromSealed: current.credentialsSealed,
        credentialsSealed: sealShopSecrets(this.deps.box, {
          ...secrets,
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
        }),
        accessTokenExpiresAtMs: tokens.accessTokenExpiresAtMs,
        refreshTokenExpiresAtMs: tokens.refreshTokenExpiresAtMs,
        nowMs,
      });
      if (stored) {
        this.held({ tokenVersion: fromVersion + 1, updatedAtMs: nowMs });
        return true;
      }
      // Rewritten under us again and again: the tokens are taken (adopted) all the same, and the
      // stored ones will be refused and refreshed once more.
      if (attempt === MAX_STORE_ATTEMPTS) return false;
    }
  }

  private take(stored: StoredShopTokens): RefreshedTokens {
    const secrets = openShopSecrets(this.deps.box, stored.credentialsSealed);
    this.held(stored);
    return {
      accessToken: secrets.accessToken,
      refreshToken: secrets.refreshToken,
      accessTokenExpiresAtMs: stored.accessTokenExpiresAtMs,
      refreshTokenExpiresAtMs: stored.refreshTokenExpiresAtMs,
    };
  }

  private held(stored: { tokenVersion: number; updatedAtMs: number }): void {
    this.heldVersion = stored.tokenVersion;
    this.deps.onVersion?.(stored);
  }

  private async readStored(): Promise<StoredShopTokens> {
    const stored = await readShopTokens(this.deps.db, this.deps.shopId);
    if (!stored) throw new ConnectorError('AUTH_FAILED', 'the shop is no longer connected');
    return stored;
  }
}
