/** /v1/skus: the catalogue, with bundles. Catalogue changes never touch stock. */
import { z } from 'zod';
import { parseDecimalToMinor } from '../../../domain/money.ts';
import type { SkuFields } from '../../../store/skus-repo.ts';
import { findSku, listSkus } from '../../../store/skus-repo.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { principalOf } from '../../auth.ts';
import { sendError, sendOutcome } from '../../error-reply.ts';
import { sendBadRequest } from '../../request-helpers.ts';
import { Code, Limit, Offset, label, withErrors } from '../../schemas/common.ts';
import { SkuCreate, SkuPage, SkuPatch, SkuView, toSkuSummary, toSkuView } from './sku-schemas.ts';

const tags = ['skus'];
const CodeParams = z.object({ code: Code });

type FieldsInput = Omit<z.output<typeof SkuPatch>, 'components'>;

/** SKU fields from a request: only those given, with the decimal cost in minor units. */
function toSkuFields(body: FieldsInput): Partial<SkuFields> | null {
  const { unitCost, ...rest } = body;
  const fields: Partial<SkuFields> = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => v !== undefined),
  );
  if (unitCost === null) fields.unitCostMinor = null;
  if (typeof unitCost === 'string') {
    const minor = parseDecimalToMinor(unitCost, body.currency ?? '');
    if (minor === null) return null;
    fields.unitCostMinor = minor;
  }
  return fields;
}

export function registerSkuRoutes(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/v1/skus',
    {
      schema: {
        tags,
        summary: 'List SKUs by code; q matches code, name or barcode',
        querystring: z.object({ q: label(100).optional(), limit: Limit, offset: Offset }),
        response: withErrors({ 200: SkuPage }),
      },
    },
    async (request) => {
      const { q, limit, offset } = request.query;
      const page = await listSkus(deps.database.db, principalOf(request).tenantId, {
        text: q,
        limit,
        offset,
      });
      return { items: page.items.map(toSkuSummary), total: page.total, limit, offset };
    },
  );

  app.post(
    '/v1/skus',
    {
      schema: {
        tags,
        summary: 'Create a SKU, or a bundle when components are given',
        body: SkuCreate,
        response: withErrors({ 201: SkuView }),
      },
    },
    async (request, reply) => {
      const { code, components, ...rest } = request.body;
      const fields = toSkuFields(rest);
      if (!fields) return sendBadRequest(request, reply, 'unit_cost_format');
      const outcome = await deps.catalog.createSku(principalOf(request).tenantId, {
        ...fields,
        code,
        name: rest.name,
        ...(components && { components }),
      });
      return sendOutcome(request, reply, outcome, { status: 201, view: toSkuView });
    },
  );

  app.get(
    '/v1/skus/:code',
    {
      schema: {
        tags,
        summary: 'One SKU, with its bundle components',
        params: CodeParams,
        response: withErrors({ 200: SkuView }),
      },
    },
    async (request, reply) => {
      const sku = await findSku(
        deps.database.db,
        principalOf(request).tenantId,
        request.params.code,
      );
      if (!sku) return sendError(request, reply, 'SKU_NOT_FOUND', { sku: request.params.code });
      return toSkuView(sku);
    },
  );

  app.patch(
    '/v1/skus/:code',
    {
      schema: {
        tags,
        summary: "Change a SKU's fields; components replace a bundle's definition",
        params: CodeParams,
        body: SkuPatch,
        response: withErrors({ 200: SkuView }),
      },
    },
    async (request, reply) => {
      const { components, ...rest } = request.body;
      const fields = toSkuFields(rest);
      if (!fields) return sendBadRequest(request, reply, 'unit_cost_format');
      const outcome = await deps.catalog.updateSku(
        principalOf(request).tenantId,
        request.params.code,
        {
          ...fields,
          ...(components && { components }),
        },
      );
      return sendOutcome(request, reply, outcome, { view: toSkuView });
    },
  );
}
