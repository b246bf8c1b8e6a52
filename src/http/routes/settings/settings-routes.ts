/** /v1/settings: the tenant's stock settings (low-stock threshold, unpaid-hold expiry). */
import { z } from 'zod';
import { readTenantSettings, updateTenantSettings } from '../../../store/tenant-settings-repo.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { principalOf } from '../../auth.ts';
import { withErrors } from '../../schemas/common.ts';

const SettingsView = z
  .object({
    lowStockThreshold: z
      .number()
      .meta({ description: 'Default for SKUs without their own (units)' }),
    holdExpiryMinutes: z
      .number()
      .meta({ description: 'Unpaid holds are released after this long' }),
  })
  .meta({ id: 'Settings' });

const SettingsPatch = z.strictObject({
  lowStockThreshold: z.number().int().min(0).max(1_000_000_000).optional(),
  holdExpiryMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .optional(),
});

export function registerSettingsRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/v1/settings',
    {
      schema: {
        tags: ['settings'],
        summary: 'Stock settings of this tenant',
        response: withErrors({ 200: SettingsView }),
      },
    },
    async (request) => {
      const settings = await readTenantSettings(deps.database.db, principalOf(request).tenantId);
      if (!settings)
        throw new Error(`tenant ${principalOf(request).tenantId} of a live token is missing`);
      return settings;
    },
  );

  app.patch(
    '/v1/settings',
    {
      config: { access: { role: 'owner' } },
      schema: {
        tags: ['settings'],
        summary: 'Change stock settings (new holds use a new expiry within a few seconds)',
        body: SettingsPatch,
        response: withErrors({ 200: SettingsView }),
      },
    },
    async (request) => {
      const tenantId = principalOf(request).tenantId;
      const settings = await updateTenantSettings(deps.database.db, tenantId, request.body);
      if (!settings) throw new Error(`tenant ${tenantId} of a live token is missing`);
      return settings;
    },
  );
}
