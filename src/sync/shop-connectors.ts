/**
 * Builds and caches one connector per shop: opens the shop's sealed credentials and points the
 * connector at the platform (or the emulator named by the shop's API base URL). Its tokens are
 * shared through the database with every other connector of the shop (shared-shop-tokens.ts), so
 * workers refresh one at a time and the others take the tokens stored.
 */
import type { Kysely } from 'kysely';
import type { SecretBox } from '../access/secret-box.ts';
import type {
  ChannelConnector,
  PlatformModule,
  PlatformName,
  ShopAuth,
} from '../connectors/contract.ts';
import type { Clock } from '../ports/clock.ts';
import type { DB } from '../store/schema.ts';
import type { ShopRecord } from '../store/shops-repo.ts';
import { SharedShopTokens } from './shared-shop-tokens.ts';
import { openShopSecrets } from './shop-secrets.ts';

export { openShopSecrets, sealShopSecrets, type ShopSecrets } from './shop-secrets.ts';

export interface ShopConnectorDeps {
  db: Kysely<DB>;
  box: SecretBox;
  clock: Clock;
  platforms: ReadonlyMap<PlatformName, PlatformModule>;
  /** Base URLs of the real platforms, by platform (a shop's api_base_url overrides). */
  defaultBaseUrls: Partial<Record<PlatformName, { baseUrl: string; authBaseUrl?: string }>>;
}

interface CachedConnector {
  connector: ChannelConnector;
  updatedAtMs: number;
  tokenVersion: number;
}

export class ShopConnectors {
  private readonly cache = new Map<string, CachedConnector>();
  private readonly secrets = new Map<
    string,
    { value: { appKey: string; appSecret: string }; updatedAtMs: number }
  >();

  constructor(private readonly deps: ShopConnectorDeps) {}

  platformOf(name: string): PlatformModule | null {
    return this.deps.platforms.get(name as PlatformName) ?? null;
  }

  /**
   * The shop's connector; rebuilt when the shop changed (new credentials, new base URL), but not
   * for a record read before the tokens the cached connector holds: its tokens are older.
   */
  connectorFor(shop: ShopRecord): ChannelConnector {
    const cached = this.cache.get(shop.id);
    if (cached && cached.updatedAtMs === shop.updatedAtMs) return cached.connector;
    if (cached && cached.tokenVersion > shop.tokenVersion) return cached.connector;
    const entry: CachedConnector = {
      connector: this.build(shop, (stored) => {
        // The connector took newer stored tokens: it stands for the shop as now stored.
        if (this.cache.get(shop.id) !== entry) return;
        entry.updatedAtMs = stored.updatedAtMs;
        entry.tokenVersion = stored.tokenVersion;
      }),
      updatedAtMs: shop.updatedAtMs,
      tokenVersion: shop.tokenVersion,
    };
    this.cache.set(shop.id, entry);
    return entry.connector;
  }

  /** The app key and secret that sign this shop's webhooks (cached with the connector's shop version). */
  appSecretsFor(shop: ShopRecord): { appKey: string; appSecret: string } {
    const cached = this.secrets.get(shop.id);
    if (cached && cached.updatedAtMs === shop.updatedAtMs) return cached.value;
    const { appKey, appSecret, extra } = openShopSecrets(this.deps.box, shop.credentialsSealed);
    const own = { appKey, appSecret, extra };
    const value = this.platformOf(shop.platform)?.webhookSecrets?.(own) ?? { appKey, appSecret };
    this.secrets.set(shop.id, { value, updatedAtMs: shop.updatedAtMs });
    return value;
  }

  forget(shopId: string): void {
    this.secrets.delete(shopId);
    this.cache.delete(shopId);
  }

  private build(
    shop: ShopRecord,
    onVersion: (stored: { tokenVersion: number; updatedAtMs: number }) => void,
  ): ChannelConnector {
    const platform = this.platformOf(shop.platform);
    if (!platform) throw new Error(`no connector for platform ${shop.platform}`);
    const secrets = openShopSecrets(this.deps.box, shop.credentialsSealed);
    const auth: ShopAuth = {
      ...secrets,
      accessTokenExpiresAtMs: shop.accessTokenExpiresAtMs,
      refreshTokenExpiresAtMs: shop.refreshTokenExpiresAtMs,
      platformShopId: shop.platformShopId,
      ...(shop.shopCipher ? { shopCipher: shop.shopCipher } : {}),
      region: shop.region,
    };
    const base = this.deps.defaultBaseUrls[platform.platform];
    // An empty base URL lets the connector pick its host from the shop (Lazada's and Amazon's
    // region, Shopify's shop domain, a WooCommerce store's own URL).
    const baseUrl = shop.apiBaseUrl ?? base?.baseUrl ?? '';
    return platform.createConnector({
      auth,
      baseUrl,
      authBaseUrl: shop.apiBaseUrl ?? base?.authBaseUrl ?? baseUrl,
      nowMs: () => this.deps.clock.nowMs(),
      sharedTokens: new SharedShopTokens({
        db: this.deps.db,
        box: this.deps.box,
        clock: this.deps.clock,
        shopId: shop.id,
        tokenVersion: shop.tokenVersion,
        onVersion,
      }),
    });
  }
}
