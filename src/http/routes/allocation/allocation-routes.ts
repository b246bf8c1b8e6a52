/**
 * Allocation: how each SKU's pool is split among the shops. The tenant's default policy and a
 * SKU's own (setting either needs an owner: it decides what every shop shows), shop groups with
 * their own policies (shop-group-routes.ts), and how one SKU is split right now, per warehouse,
 * group and listing.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { actorOf } from '../../auth.ts';
import { sendOutcome } from '../../error-reply.ts';
import { withErrors } from '../../schemas/common.ts';
import {
  AllocationPolicySchema,
  AllocationView,
  PolicyView,
  SkuParams,
} from './allocation-schemas.ts';
import { registerShopGroupRoutes } from './shop-group-routes.ts';

const tags = ['allocation'];
const asIs = <T>(value: T): T => value;

export function registerAllocationRoutes(app: ApiInstance, deps: RouteDeps): void {
  const readPolicy = async (request: FastifyRequest, reply: FastifyReply, sku: string | null) =>
    sendOutcome(request, reply, await deps.sync.policies.get(actorOf(request), sku), {
      view: asIs,
    });
  const writePolicy = async (
    request: FastifyRequest,
    reply: FastifyReply,
    target: { sku: string | null; policy: z.output<typeof AllocationPolicySchema> },
  ) => {
    const outcome = await deps.sync.policies.set(actorOf(request), target.sku, target.policy);
    if (outcome.ok) deps.sync.worker.wake();
    return sendOutcome(request, reply, outcome, { view: asIs });
  };
  const owner = { access: { role: 'owner' as const } };
  const policyResponse = withErrors({ 200: PolicyView });
  registerShopGroupRoutes(app, deps);

  app.get(
    '/v1/allocation-policies/default',
    { schema: { tags, summary: "The tenant's default policy", response: policyResponse } },
    async (request, reply) => readPolicy(request, reply, null),
  );
  app.put(
    '/v1/allocation-policies/default',
    {
      config: owner,
      schema: {
        tags,
        summary: "Set the tenant's default policy (for every SKU without its own)",
        body: AllocationPolicySchema,
        response: policyResponse,
      },
    },
    async (request, reply) => writePolicy(request, reply, { sku: null, policy: request.body }),
  );
  app.get(
    '/v1/allocation-policies/skus/:sku',
    {
      schema: {
        tags,
        summary: "The policy a SKU follows: its own, else the tenant's default",
        params: SkuParams,
        response: policyResponse,
      },
    },
    async (request, reply) => readPolicy(request, reply, request.params.sku),
  );
  app.put(
    '/v1/allocation-policies/skus/:sku',
    {
      config: owner,
      schema: {
        tags,
        summary: "Set a SKU's own policy",
        params: SkuParams,
        body: AllocationPolicySchema,
        response: policyResponse,
      },
    },
    async (request, reply) =>
      writePolicy(request, reply, { sku: request.params.sku, policy: request.body }),
  );
  app.get(
    '/v1/stock/:sku/allocation',
    {
      schema: {
        tags,
        summary: "How a SKU's stock is split among the shops now, per warehouse and listing",
        params: SkuParams,
        response: withErrors({ 200: AllocationView }),
      },
    },
    async (request, reply) => {
      const outcome = await deps.sync.policies.allocation(actorOf(request), request.params.sku);
      return sendOutcome(request, reply, outcome, { view: asIs });
    },
  );
}
