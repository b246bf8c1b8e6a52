/**
 * A connector's token refresh, the same for every platform: proactive within a margin of expiry,
 * single-flight inside the connector, and through the caller's SharedTokens (when given) across
 * every connector of the shop, so that a single-use refresh token (Shopee, shopee.md §2.4) is
 * spent once. After the platform refuses the access token the connector first looks for tokens
 * another connector stored, and refreshes only if there are none.
 */
import type { RefreshedTokens, SharedTokens } from './contract.ts';
import { isConnectorError, type ConnectorError } from './errors.ts';

export interface TokenRefresherOptions {
  /** One refresh at the platform with the connector's current refresh token. */
  exchange: () => Promise<RefreshedTokens>;
  /** Makes the connector use these tokens from now on. */
  adopt: (tokens: RefreshedTokens) => void;
  /** The access token the connector holds now, and when it expires (epoch ms). */
  current: () => { accessToken: string; accessTokenExpiresAtMs: number };
  nowMs: () => number;
  /** How long before expiry a token is refreshed. */
  marginMs: number;
  shared?: SharedTokens;
  onTokensRefreshed?: (tokens: RefreshedTokens) => Promise<void>;
}

export class TokenRefresher {
  /** The last token operation queued: they run one at a time (see `serial`). */
  private busy: Promise<unknown> = Promise.resolve();
  private refreshing: Promise<RefreshedTokens> | null = null;

  constructor(private readonly o: TokenRefresherOptions) {}

  /** New tokens now; callers while a refresh is queued or running share it. */
  refresh(): Promise<RefreshedTokens> {
    this.refreshing ??= this.serial(() => this.refreshNow()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * Refreshes when the token expires within the margin. A retryable failure (the platform busy,
   * another worker's refresh slow) while the token still works is not fatal: the call goes out
   * with the current token.
   */
  async refreshIfDue(): Promise<void> {
    if (!this.isDue()) return;
    const used = this.o.current().accessToken;
    try {
      // Calls that found the token due together refresh once: the later ones find it changed.
      await this.serial(async () => {
        if (this.o.current().accessToken === used && this.isDue()) await this.refreshNow();
      });
    } catch (error) {
      const stillValid = this.o.nowMs() < this.o.current().accessTokenExpiresAtMs;
      if (!(isConnectorError(error) && error.retryable && stillValid)) throw error;
    }
  }

  /**
   * After the platform refused `usedAccessToken` with `error`, makes the connector ready for one
   * more try: nothing to do when it took other tokens meanwhile; else it takes the tokens another
   * connector stored, or, when the platform said the token expired, refreshes.
   * @throws `error` when no newer token exists and a refresh would not help.
   */
  recover(usedAccessToken: string, error: ConnectorError): Promise<void> {
    return this.serial(async () => {
      if (this.o.current().accessToken !== usedAccessToken) return;
      const stored = await this.o.shared?.reload();
      if (stored) {
        this.o.adopt(stored);
        // A newer stored version may hold the very token just refused: credentials re-sealed
        // under a new key (a key rotation) are a new version with the same tokens.
        if (stored.accessToken !== usedAccessToken) return;
      }
      if (error.code !== 'TOKEN_EXPIRED') throw error;
      await this.refreshNow();
    });
  }

  private isDue(): boolean {
    return this.o.nowMs() >= this.o.current().accessTokenExpiresAtMs - this.o.marginMs;
  }

  /**
   * Token operations run one at a time, each after the last has finished (failed or not), so
   * each sees the tokens the one before took and decides afresh whether it is still needed: two
   * calls refused together refresh once, and the shared store's version always matches the
   * tokens the connector holds.
   */
  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.busy.then(operation, operation);
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async refreshNow(): Promise<RefreshedTokens> {
    // Taken as soon as the platform answers: they are the only working tokens now, even if
    // storing them fails afterwards.
    const exchange = async (): Promise<RefreshedTokens> => {
      const tokens = await this.o.exchange();
      this.o.adopt(tokens);
      return tokens;
    };
    const tokens = this.o.shared ? await this.o.shared.refresh(exchange) : await exchange();
    this.o.adopt(tokens);
    await this.o.onTokensRefreshed?.(tokens);
    return tokens;
  }
}
