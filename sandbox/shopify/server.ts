/**
 * The Shopify Admin API emulator: a real Fastify server on 127.0.0.1 serving the GraphQL endpoint
 * with the access-token check, cost-based throttling, paging, stock and order mutations
 * (shopify.md §5), signed webhooks with Shopify's retries, fault injection and /_emulator/
 * controls. One server stands for every shop: the access token says which shop a call is for
 * (production calls go to each shop's own host).
 */
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { createContext, type ShopifyEmulatorOptions } from './context.ts';
import { registerControlRoutes } from './control-routes.ts';
import { ShopifyEmulator } from './emulator.ts';
import { registerGraphqlRoute } from './graphql-route.ts';

/** Request bodies larger than this are refused (everything has a limit). */
const BODY_LIMIT_BYTES = 1024 * 1024;

export type { ShopifyEmulatorOptions } from './context.ts';
export { ShopifyEmulator } from './emulator.ts';

export async function startShopifyEmulator(
  options: ShopifyEmulatorOptions = {},
): Promise<ShopifyEmulator> {
  const context = createContext(options);
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: BODY_LIMIT_BYTES });
  registerGraphqlRoute(app, context);
  let handle: ShopifyEmulator | null = null;
  registerControlRoutes(app, () => {
    if (!handle) throw new Error('the emulator is still starting');
    return handle;
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ errors: 'Not Found' }));
  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address() as AddressInfo;
  handle = new ShopifyEmulator(
    context,
    app,
    `http://${options.host ?? '127.0.0.1'}:${address.port}`,
  );
  return handle;
}
