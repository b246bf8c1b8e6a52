/**
 * POST /admin/api/{version}/graphql.json (shopify.md §5.1, §5.5), with the gateway's checks in
 * order: faults (outage 503), the access token (401 with Shopify's REST-style body), the
 * document, its requested cost (at most 1,000 per query, MAX_COST_EXCEEDED), room in the
 * (app, shop) bucket (THROTTLED, HTTP 200), injected errors and latency; then the operation runs
 * and the answer carries `extensions.cost`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sleep } from '../kit/faults.ts';
import type { EmulatorContext } from './context.ts';
import { execute, GqlError, requestedCost } from './graphql-exec.ts';
import type { GqlOperation } from './graphql-parse.ts';
import { GqlSyntaxError, parseOperation, valueOf } from './graphql-parse.ts';
import { mutationRoot } from './mutation-root.ts';
import { queryRoot } from './query-root.ts';
import type { Shop } from './state.ts';

/** API versions the emulator serves (quarterly releases around the fact sheet's date). */
export const SUPPORTED_VERSIONS = new Set(['2025-07', '2025-10', '2026-01', '2026-04', '2026-07']);

const MAX_QUERY_COST = 1_000;
const ROUTE = '/admin/api/:version/graphql.json';

type GraphqlRequest = FastifyRequest<{ Params: { version: string }; Body: unknown }>;

export function registerGraphqlRoute(app: FastifyInstance, context: EmulatorContext): void {
  app.post(ROUTE, (request: GraphqlRequest, reply) => serve(context, request, reply));
}

async function serve(
  context: EmulatorContext,
  request: GraphqlRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  context.stats.requests[ROUTE] = (context.stats.requests[ROUTE] ?? 0) + 1;
  const fault = context.faults.decide();
  if (fault === 'outage') return reply.code(503).send({ errors: 'Service Unavailable' });
  if (!SUPPORTED_VERSIONS.has(request.params.version))
    return reply.code(404).send({ errors: 'Not Found' });
  const shop = authenticate(context, request);
  if (!shop)
    return reply.code(401).send({
      errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
    });
  const body = (request.body ?? {}) as { query?: unknown; variables?: unknown };
  const variables = (
    typeof body.variables === 'object' && body.variables !== null ? body.variables : {}
  ) as Record<string, unknown>;
  let operation: GqlOperation;
  let cost: number;
  try {
    operation = parseOperation(typeof body.query === 'string' ? body.query : '');
    cost = requestedCost(operation, variables);
  } catch (error) {
    return reply.code(200).send({ errors: [gqlError(error)] });
  }
  const key = `${shop.seed.appKey}|${shop.seed.platformShopId}`;
  if (cost > MAX_QUERY_COST)
    return reply.code(200).send({
      errors: [
        {
          message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`,
          extensions: { code: 'MAX_COST_EXCEEDED', cost, maxCost: MAX_QUERY_COST },
        },
      ],
    });
  if (fault === 'throttle' || !context.buckets.charge(key, cost))
    return throttled(context, reply, key, cost);
  if (fault === 'error') {
    context.buckets.refund(key, cost);
    return reply.code(500).send({ errors: 'Internal Server Error' });
  }
  await sleep(context.faults.delayMs());
  const answer = run(context, shop, operation, variables);
  context.buckets.refund(key, cost - answer.actualCost);
  const extensions = {
    cost: {
      requestedQueryCost: cost,
      actualQueryCost: answer.actualCost,
      throttleStatus: context.buckets.status(key),
    },
  };
  // Applied, never answered: the socket stays open until the client gives up. Only a mutation
  // has anything to apply; a query drawn for this fault is answered (a lost read is just a
  // timeout, which latency faults already give).
  if (fault === 'timeout-after-apply' && operation.type === 'mutation') {
    reply.hijack();
    return reply;
  }
  return reply.code(200).send({ ...answer.body, extensions });
}

function authenticate(context: EmulatorContext, request: FastifyRequest): Shop | null {
  const header = request.headers['x-shopify-access-token'];
  const domain = context.state.tokens.get(typeof header === 'string' ? header : '');
  return domain === undefined ? null : (context.state.shops.get(domain) ?? null);
}

function run(
  context: EmulatorContext,
  shop: Shop,
  operation: GqlOperation,
  variables: Record<string, unknown>,
): { body: Record<string, unknown>; actualCost: number } {
  try {
    const root =
      operation.type === 'mutation'
        ? mutationRoot(context, shop, { idempotencyKey: idempotencyKeyOf(operation, variables) })
        : queryRoot(shop);
    const { data, actualCost } = execute(root, operation, variables);
    return { body: { data }, actualCost };
  } catch (error) {
    return { body: { errors: [gqlError(error)] }, actualCost: 0 };
  }
}

/** The key of the first `@idempotent(key:)` on a mutation field, or null. */
function idempotencyKeyOf(
  operation: GqlOperation,
  variables: Record<string, unknown>,
): string | null {
  for (const selection of operation.selections) {
    if (selection.kind !== 'field') continue;
    const directive = selection.directives.find((d) => d.name === 'idempotent');
    const key = directive?.args.key ? valueOf(directive.args.key, variables) : null;
    if (typeof key === 'string' && key.length > 0) return key;
  }
  return null;
}

function throttled(
  context: EmulatorContext,
  reply: FastifyReply,
  key: string,
  cost: number,
): FastifyReply {
  context.stats.throttled += 1;
  return reply.code(200).send({
    errors: [
      {
        message: 'Throttled',
        extensions: {
          code: 'THROTTLED',
          documentation: 'https://shopify.dev/api/usage/rate-limits',
        },
      },
    ],
    extensions: {
      cost: {
        requestedQueryCost: cost,
        actualQueryCost: null,
        throttleStatus: context.buckets.status(key),
      },
    },
  });
}

function gqlError(error: unknown): { message: string; extensions: { code: string } } {
  if (error instanceof GqlError)
    return { message: error.message, extensions: { code: error.code } };
  if (error instanceof GqlSyntaxError)
    return { message: error.message, extensions: { code: 'PARSE_ERROR' } };
  throw error;
}
