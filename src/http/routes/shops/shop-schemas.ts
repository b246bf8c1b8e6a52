/**
 * Shop request and response shapes. Credentials go in (create, patch) and never come out: the
 * view has no field that could hold them. Settings in a request are partial and carry no
 * defaults, so a patch changes only the settings it names.
 */
import { z } from 'zod';
import { PLATFORMS } from '../../../connectors/contract.ts';
import { ShopSettingsSchema } from '../../../sync/shop-settings.ts';
import { Code, IsoTime, label, text } from '../../schemas/common.ts';

const Platform = z.enum(PLATFORMS);
const MAX_SHOP_WAREHOUSES = 20;
const MAX_EXTRA_SETTINGS = 20;

/** Secrets as the platform issued them: bounded, but their characters are the platform's affair. */
const Secret = text(4000).min(1);

const Credentials = z.strictObject({
  appKey: Secret.meta({
    description:
      'TikTok Shop app key / Shopee partner id / Lazada app key / Amazon LWA client id / Shopify client id / WooCommerce consumer key',
  }),
  appSecret: Secret.meta({
    description: 'The app secret (WooCommerce: the consumer secret; it also verifies webhooks)',
  }),
  accessToken: Secret.optional().meta({
    description: 'Absent for WooCommerce; Amazon and Lazada may start from the refresh token alone',
  }),
  refreshToken: Secret.optional().meta({ description: 'Absent where tokens do not expire' }),
  accessTokenExpiresAt: IsoTime.optional().meta({
    description:
      'Absent: an access token that does not expire (Shopify offline), or due now when only a refresh token is given',
  }),
  refreshTokenExpiresAt: IsoTime.nullable().optional(),
  extra: z
    .record(label(100), Secret)
    .refine((extra) => Object.keys(extra).length <= MAX_EXTRA_SETTINGS, {
      message: `at most ${MAX_EXTRA_SETTINGS} settings`,
    })
    .optional()
    .meta({
      description:
        'Platform-specific settings kept sealed with the keys (Amazon: sqsQueueUrl, awsAccessKeyId, awsSecretAccessKey, awsRegion; WooCommerce: webhookSecret, authMode; Lazada: multiWarehouse); a patch changes only the ones it names',
    }),
});

const S = ShopSettingsSchema.shape;

/** Any subset of the shop settings; `returns`, when given, is replaced as a whole. */
export const ShopSettingsPatch = z
  .strictObject({
    onUnfillable: S.onUnfillable.removeDefault().optional(),
    returns: S.returns.removeDefault().optional(),
    outOfSyncAlertMinutes: S.outOfSyncAlertMinutes.removeDefault().optional(),
    reconcileIntervalSeconds: S.reconcileIntervalSeconds.removeDefault().optional(),
    pollIntervalSeconds: S.pollIntervalSeconds.removeDefault().optional(),
    pollOverlapSeconds: S.pollOverlapSeconds.removeDefault().optional(),
  })
  .meta({ description: 'Only the settings named change; the others keep their values' });

const ShopWarehouses = z
  .array(
    z.strictObject({
      code: Code,
      platformWarehouseId: label(200).nullable().optional().meta({
        description: "The platform's id of this warehouse / location, when it has several",
      }),
    }),
  )
  .min(1)
  .max(MAX_SHOP_WAREHOUSES)
  .refine((list) => new Set(list.map((w) => w.code)).size === list.length, {
    message: 'each warehouse may be listed once',
  })
  .meta({ description: 'Warehouses this shop ships from, highest priority first' });

export const ShopCreate = z.strictObject({
  platform: Platform,
  name: label(200),
  region: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .meta({ description: "The shop's region (ISO 3166-1 alpha-2)", example: 'GB' }),
  platformShopId: label(200).meta({ description: "The platform's shop id" }),
  shopCipher: label(500).nullable().optional().meta({ description: 'TikTok Shop shop_cipher' }),
  apiBaseUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional()
    .meta({
      description: "The platform API's address; the real host when absent (sandbox: emulator)",
    }),
  credentials: Credentials,
  warehouses: ShopWarehouses,
  settings: ShopSettingsPatch.optional(),
});

export const ShopPatch = z.strictObject({
  name: label(200).optional(),
  status: z.enum(['active', 'paused']).optional().meta({ description: 'paused: no sync' }),
  settings: ShopSettingsPatch.optional(),
  warehouses: ShopWarehouses.optional(),
  credentials: Credentials.partial()
    .optional()
    .meta({ description: 'New tokens or keys; the ones not named are kept' }),
});

export const ShopView = z
  .object({
    id: z.string(),
    platform: z.string(),
    name: z.string(),
    region: z.string(),
    platformShopId: z.string(),
    status: z.string(),
    warehouses: z.array(
      z.object({
        code: z.string(),
        priority: z.number().meta({ description: '0 is served first' }),
        platformWarehouseId: z.string().nullable(),
      }),
    ),
    settings: z.object({
      onUnfillable: z.enum(['cancel', 'park']),
      returns: z.object({
        mode: z.enum(['restock', 'quarantine']),
        quarantineWarehouse: z.string().nullable(),
      }),
      outOfSyncAlertMinutes: z.number(),
      reconcileIntervalSeconds: z.number(),
      pollIntervalSeconds: z.number(),
      pollOverlapSeconds: z.number(),
    }),
    accessTokenExpiresAt: z.string(),
    refreshTokenExpiresAt: z.string().nullable(),
    lastPolledAt: z.string().nullable(),
    lastEventAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Shop', description: 'A connected shop; its credentials are never shown' });

export const ConnectionTestView = z
  .object({
    ok: z.literal(true),
    listingsOnFirstPage: z.number(),
  })
  .meta({ id: 'ShopConnectionTest' });

export const CatalogueImportView = z
  .object({
    read: z.number().meta({ description: 'Platform listings read' }),
    added: z.number().meta({ description: 'Listings not seen before' }),
    matched: z.number(),
    unmatched: z.number().meta({ description: 'Left for the seller to map' }),
  })
  .meta({ id: 'CatalogueImport' });

export const ShopParams = z.object({ id: label(100) });
