/**
 * Builds and caches one connector per shop: opens the shop's sealed credentials, points the
 * connector at the platform (or the emulator named by the shop's API base URL), and stores tokens
 * the connector refreshes, sealed again, before it uses them.
 */
import type { Kysely } from 'kysely';
import type { SecretBox } from '../access/secret-box.ts';
import type {
  ChannelConnector,
  PlatformModule,
  PlatformName,
  RefreshedTokens,
  ShopAuth,
} from '../connectors/contract.ts';
import type { Clock } from '../ports/clock.ts';
import type { DB } from '../store/schema.ts';
import { updateShopFields, type ShopRecord } from '../store/shops-repo.ts';

/** The secret part of a shop, sealed as one JSON value. */
export interface ShopSecrets {
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
}

export interface ShopConnectorDeps {
  db: Kysely<DB>;
  box: SecretBox;
  clock: Clock;
  platforms: ReadonlyMap<PlatformName, PlatformModule>;
  /** Base URLs of the real platforms, by platform (a shop's api_base_url overrides). */
  defaultBaseUrls: Partial<Record<PlatformName, { baseUrl: string; authBaseUrl?: string }>>;
}

export function sealShopSecrets(box: SecretBox, secrets: ShopSecrets): string {
  return box.seal(JSON.stringify(secrets));
}

export function openShopSecrets(box: SecretBox, sealed: string): ShopSecrets {
  return JSON.parse(box.open(sealed)) as ShopSecrets;
}

export class ShopConnectors {
  private readonly cache = new Map<string, { connector: ChannelConnector; updatedAtMs: number }>();
  private readonly secrets = new Map<
    string,
    { value: { appKey: string; appSecret: string }; updatedAtMs: number }
  >();

  constructor(private readonly deps: ShopConnectorDeps) {}

  platformOf(name: string): PlatformModule | null {
    return this.deps.platforms.get(name as PlatformName) ?? null;
  }

  /** The shop's connector; rebuilt when the shop changed (new credentials, new base URL). */
  connectorFor(shop: ShopRecord): ChannelConnector {
    const cached = this.cache.get(shop.id);
    if (cached && cached.updatedAtMs === shop.updatedAtMs) return cached.connector;
    const connector = this.build(shop);
    this.cache.set(shop.id, { connector, updatedAtMs: shop.updatedAtMs });
    return connector;
  }

  /** The app key and secret that sign this shop's webhooks (cached with the connector's shop version). */
  appSecretsFor(shop: ShopRecord): { appKey: string; appSecret: string } {
    const cached = this.secrets.get(shop.id);
    if (cached && cached.updatedAtMs === shop.updatedAtMs) return cached.value;
    const { appKey, appSecret } = openShopSecrets(this.deps.box, shop.credentialsSealed);
    this.secrets.set(shop.id, { value: { appKey, appSecret }, updatedAtMs: shop.updatedAtMs });
    return { appKey, appSecret };
  }

  forget(shopId: string): void {
    this.secrets.delete(shopId);
    this.cache.delete(shopId);
  }

  private build(shop: ShopRecord): ChannelConnector {
    const platform = this.platformOf(shop.platform);
    if (!platform) throw new Error(`no connector for platform ${shop.platform}`);
    const secrets = openShopSecrets(this.deps.box, shop.credentialsSealed);
    const auth: ShopAuth = {
      ...secrets,
      accessTokenExpiresAtMs: shop.accessTokenExpiresAtMs,
      refreshTokenExpiresAtMs: shop.refreshTokenExpiresAtMs,
      platformShopId: shop.platformShopId,
      ...(shop.shopCipher ? { shopCipher: shop.shopCipher } : {}),
    };
    const base = this.deps.defaultBaseUrls[platform.platform];
    const baseUrl = shop.apiBaseUrl ?? base?.baseUrl;
    if (!baseUrl) throw new Error(`no API base URL for ${shop.platform}`);
    return platform.createConnector({
      auth,
      baseUrl,
      authBaseUrl: shop.apiBaseUrl ?? base?.authBaseUrl ?? baseUrl,
      nowMs: () => this.deps.clock.nowMs(),
      onTokensRefreshed: (tokens) => this.storeTokens(shop, secrets, tokens),
    });
  }

  private async storeTokens(
    shop: ShopRecord,
    secrets: ShopSecrets,
    tokens: RefreshedTokens,
  ): Promise<void> {
    secrets.accessToken = tokens.accessToken;
    secrets.refreshToken = tokens.refreshToken;
    const nowMs = this.deps.clock.nowMs();
    await updateShopFields(
      this.deps.db,
      shop.id,
      {
        credentialsSealed: sealShopSecrets(this.deps.box, secrets),
        accessTokenExpiresAtMs: tokens.accessTokenExpiresAtMs,
        refreshTokenExpiresAtMs: tokens.refreshTokenExpiresAtMs,
      },
      nowMs,
    );
    // The connector already uses the new tokens; the cache entry follows the stored shop.
    const cached = this.cache.get(shop.id);
    if (cached) cached.updatedAtMs = nowMs;
  }
}
