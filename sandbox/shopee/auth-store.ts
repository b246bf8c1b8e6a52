/**
 * Partners, shops and tokens of the Shopee emulator. Access tokens stay valid for their 4 hours
 * even after a refresh (§2.4: reusable within that time); refresh tokens are single-use: a
 * refresh replaces the shop's refresh token, and the old one is refused from then on.
 */
import { randomBytes } from 'node:crypto';
import type { EmulatedShopSeed } from '../kit/emulator.ts';
import {
  ACCESS_TOKEN_LIFETIME_SEC,
  NO_LOCATION,
  REFRESH_TOKEN_LIFETIME_MS,
  type AccessTokenRecord,
  type EmulatedShop,
  type RefreshTokenRecord,
} from './types.ts';

/** New tokens of a successful refresh. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expireInSec: number;
}

export class AuthStore {
  private readonly partners = new Map<string, string>();
  private readonly shops = new Map<string, EmulatedShop>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();

  constructor(private readonly nowMs: () => number) {}

  seedShop(seed: EmulatedShopSeed): EmulatedShop {
    if (!/^\d+$/.test(seed.platformShopId) || !/^\d+$/.test(seed.appKey)) {
      throw new Error('Shopee shop_id and partner_id are integers');
    }
    const shop: EmulatedShop = {
      shopId: seed.platformShopId,
      partnerId: seed.appKey,
      partnerKey: seed.appSecret,
      webhookUrl: seed.webhookUrl,
      locations: seed.warehouseIds.length > 0 ? [...seed.warehouseIds] : [NO_LOCATION],
    };
    this.partners.set(shop.partnerId, shop.partnerKey);
    this.shops.set(shop.shopId, shop);
    this.accessTokens.set(seed.accessToken, {
      shopId: shop.shopId,
      partnerId: shop.partnerId,
      expiresAtMs: seed.accessTokenExpiresAtMs,
    });
    this.refreshTokens.set(shop.shopId, {
      token: seed.refreshToken,
      expiresAtMs: this.nowMs() + REFRESH_TOKEN_LIFETIME_MS,
    });
    return shop;
  }

  partnerKey(partnerId: string): string | undefined {
    return this.partners.get(partnerId);
  }

  shop(shopId: string): EmulatedShop | undefined {
    return this.shops.get(shopId);
  }

  /** The shop a valid, unexpired access token was issued for; undefined otherwise. */
  tokenOwner(accessToken: string): AccessTokenRecord | undefined {
    const record = this.accessTokens.get(accessToken);
    return record && this.nowMs() < record.expiresAtMs ? record : undefined;
  }

  /** Spends the shop's refresh token; null when it is not the current one or has expired. */
  refresh(shopId: string, refreshToken: string): IssuedTokens | null {
    const current = this.refreshTokens.get(shopId);
    const shop = this.shops.get(shopId);
    if (!shop || !current || current.token !== refreshToken) return null;
    if (this.nowMs() >= current.expiresAtMs) return null;
    const issued = {
      accessToken: newToken(),
      refreshToken: newToken(),
      expireInSec: ACCESS_TOKEN_LIFETIME_SEC,
    };
    this.accessTokens.set(issued.accessToken, {
      shopId,
      partnerId: shop.partnerId,
      expiresAtMs: this.nowMs() + issued.expireInSec * 1000,
    });
    this.refreshTokens.set(shopId, {
      token: issued.refreshToken,
      expiresAtMs: this.nowMs() + REFRESH_TOKEN_LIFETIME_MS,
    });
    return issued;
  }

  /** Every access token of the shop expires now (the emulator's expireAccessToken). */
  expireAccessTokens(shopId: string): void {
    for (const record of this.accessTokens.values()) {
      if (record.shopId === shopId) record.expiresAtMs = Math.min(record.expiresAtMs, this.nowMs());
    }
  }
}

/** 32 hex characters, the shape of Shopee's tokens in its samples. */
function newToken(): string {
  return randomBytes(16).toString('hex');
}
