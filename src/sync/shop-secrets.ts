/** The secret part of a shop (app credentials and tokens), sealed as one JSON value. */
import type { SecretBox } from '../access/secret-box.ts';

/** The secret part of a shop, sealed as one JSON value. */
export interface ShopSecrets {
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  /** Platform-specific settings sealed with the keys (ShopAuth.extra), e.g. Amazon's SQS queue. */
  extra?: Record<string, string>;
}

export function sealShopSecrets(box: SecretBox, secrets: ShopSecrets): string {
  return box.seal(JSON.stringify(secrets));
}

export function openShopSecrets(box: SecretBox, sealed: string): ShopSecrets {
  return JSON.parse(box.open(sealed)) as ShopSecrets;
}
