/**
 * A shop's sync settings, stored as JSON on the shop. Every figure is a default the seller may
 * change (PRODUCT.md §1): reconciliation every 30 s, an alert after 5 minutes out of sync,
 * unfillable orders cancelled with the out-of-stock reason, returns put back into stock.
 */
import { z } from 'zod';

export const ShopSettingsSchema = z
  .object({
    /** An order that cannot be filled: cancel it on the platform, or park it for the seller. */
    onUnfillable: z.enum(['cancel', 'park']).default('cancel'),
    /** Returned goods: back into the warehouse they left, or into a quarantine warehouse. */
    returns: z
      .object({
        mode: z.enum(['restock', 'quarantine']).default('restock'),
        quarantineWarehouse: z.string().min(1).max(64).nullable().default(null),
      })
      .default({ mode: 'restock', quarantineWarehouse: null }),
    /** A red alert once a listing has been out of sync longer than this. */
    outOfSyncAlertMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(5),
    /** How often the platform's stock is read and compared with the target. */
    reconcileIntervalSeconds: z
      .number()
      .int()
      .min(5)
      .max(24 * 3600)
      .default(30),
    /** How often orders are pulled as a safety net for missed webhooks. */
    pollIntervalSeconds: z
      .number()
      .int()
      .min(10)
      .max(24 * 3600)
      .default(60),
    /** Each pull reaches back this far past the last one, for orders updated late. */
    pollOverlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .default(300),
  })
  .strict();

export type ShopSettings = z.infer<typeof ShopSettingsSchema>;

export const DEFAULT_SHOP_SETTINGS: ShopSettings = ShopSettingsSchema.parse({});

/** Settings as stored; a stored value that no longer parses falls back to the defaults. */
export function shopSettingsOf(json: string): ShopSettings {
  try {
    const parsed = ShopSettingsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : DEFAULT_SHOP_SETTINGS;
  } catch {
    return DEFAULT_SHOP_SETTINGS;
  }
}
