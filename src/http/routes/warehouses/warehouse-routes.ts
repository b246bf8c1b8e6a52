/** /v1/warehouses: where stock is kept (domestic, overseas, platform-fulfilled, third-party). */
import { z } from 'zod';
import { findWarehouse, listWarehouses, WAREHOUSE_KINDS } from '../../../store/warehouses-repo.ts';
import type { WarehouseFields, WarehouseRecord } from '../../../store/warehouses-repo.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { principalOf } from '../../auth.ts';
import { sendError, sendOutcome } from '../../error-reply.ts';
import { Code, isoOf, label, withErrors } from '../../schemas/common.ts';

const tags = ['warehouses'];
const Kind = z.enum(WAREHOUSE_KINDS);
const Country = z
  .string()
  .regex(/^[A-Z]{2}$/)
  .meta({ description: 'ISO 3166-1 alpha-2', example: 'US' });

const WarehouseCreate = z.strictObject({
  code: Code,
  name: label(200),
  kind: Kind,
  country: Country.nullable().optional(),
  active: z.boolean().optional(),
});

const WarehousePatch = z.strictObject({
  name: label(200).optional(),
  kind: Kind.optional(),
  country: Country.nullable().optional(),
  active: z.boolean().optional(),
});

const WarehouseView = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: Kind,
    country: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Warehouse' });

function toWarehouseView(w: WarehouseRecord): z.output<typeof WarehouseView> {
  return {
    code: w.code,
    name: w.name,
    kind: w.kind,
    country: w.country,
    active: w.active,
    createdAt: isoOf(w.createdAtMs),
    updatedAt: isoOf(w.updatedAtMs),
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const CodeParams = z.object({ code: Code });

export function registerWarehouseRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/v1/warehouses',
    {
      schema: {
        tags,
        summary: 'All warehouses',
        response: withErrors({ 200: z.object({ items: z.array(WarehouseView) }) }),
      },
    },
    async (request) => {
      const items = await listWarehouses(deps.database.db, principalOf(request).tenantId);
      return { items: items.map(toWarehouseView) };
    },
  );

  app.post(
    '/v1/warehouses',
    {
      schema: {
        tags,
        summary: 'Create a warehouse',
        body: WarehouseCreate,
        response: withErrors({ 201: WarehouseView }),
      },
    },
    async (request, reply) => {
      const { code, name, kind, ...rest } = request.body;
      const outcome = await deps.catalog.createWarehouse(principalOf(request).tenantId, {
        ...(definedOnly(rest) as Partial<WarehouseFields>),
        code,
        name,
        kind,
      });
      return sendOutcome(request, reply, outcome, { status: 201, view: toWarehouseView });
    },
  );

  app.get(
    '/v1/warehouses/:code',
    {
      schema: {
        tags,
        summary: 'One warehouse',
        params: CodeParams,
        response: withErrors({ 200: WarehouseView }),
      },
    },
    async (request, reply) => {
      const w = await findWarehouse(
        deps.database.db,
        principalOf(request).tenantId,
        request.params.code,
      );
      if (!w)
        return sendError(request, reply, 'WAREHOUSE_NOT_FOUND', { warehouse: request.params.code });
      return toWarehouseView(w);
    },
  );

  app.patch(
    '/v1/warehouses/:code',
    {
      schema: {
        tags,
        summary: "Change a warehouse's name, kind, country or active flag",
        params: CodeParams,
        body: WarehousePatch,
        response: withErrors({ 200: WarehouseView }),
      },
    },
    async (request, reply) => {
      const outcome = await deps.catalog.updateWarehouse(
        principalOf(request).tenantId,
        request.params.code,
        definedOnly(request.body),
      );
      return sendOutcome(request, reply, outcome, { view: toWarehouseView });
    },
  );
}
