/**
 * The OpenAPI 3 document, generated from the routes' zod schemas, and the interactive docs page
 * at /docs (its JSON at /openapi.json, also /docs/json). The docs describe the API and hold no data, so they are
 * public; every operation in them needs a bearer token.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const DOCS_PREFIX = '/docs';
export const OPENAPI_PATH = '/openapi.json';

export async function registerOpenApi(
  app: FastifyInstance,
  options: { version: string },
): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'StockPool API',
        description:
          'One stock pool per SKU across marketplaces and warehouses. Send `Authorization: Bearer <token>` ' +
          'and, for every request that changes stock, an `Idempotency-Key`. Errors are ' +
          '`{"error":{"code","message","details"}}`; `Accept-Language: zh-CN` gives Chinese messages.',
        version: options.version,
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'sp_…' } },
      },
      security: [{ bearerAuth: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: DOCS_PREFIX,
    uiConfig: { docExpansion: 'list', deepLinking: true, persistAuthorization: false },
  });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, () => app.swagger());
}

/** Whether a route belongs to the docs page (served without a token). */
export function isDocsRoute(url: string): boolean {
  return url === OPENAPI_PATH || url === DOCS_PREFIX || url.startsWith(`${DOCS_PREFIX}/`);
}
