/**
 * /v1/shops: a seller's accounts on the marketplaces. Connecting or changing a shop (it holds the
 * platform credentials) needs an owner; reading needs a viewer; testing the connection and
 * importing the catalogue need an operator. No response ever carries a credential.
 */
import { z } from 'zod';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { actorOf } from '../../auth.ts';
import { sendOutcome } from '../../error-reply.ts';
import { ErrorBody, withErrors } from '../../schemas/common.ts';
import {
  CatalogueImportView,
  ConnectionTestView,
  ShopCreate,
  ShopParams,
  ShopPatch,
  ShopView,
} from './shop-schemas.ts';

const tags = ['shops'];
const asIs = <T>(value: T): T => value;

export function registerShopRoutes(app: ApiInstance, deps: RouteDeps): void {
  registerShopReads(app, deps);
  registerShopWrites(app, deps);
  registerShopActions(app, deps);
}

function registerShopReads(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/v1/shops',
    {
      schema: {
        tags,
        summary: 'All connected shops',
        response: withErrors({ 200: z.object({ items: z.array(ShopView) }) }),
      },
    },
    async (request) => ({ items: await deps.sync.shops.list(actorOf(request)) }),
  );

  app.get(
    '/v1/shops/:id',
    {
      schema: {
        tags,
        summary: 'One shop',
        params: ShopParams,
        response: withErrors({ 200: ShopView }),
      },
    },
    async (request, reply) => {
      const outcome = await deps.sync.shops.view(actorOf(request), request.params.id);
      return sendOutcome(request, reply, outcome, { view: asIs });
    },
  );
}

function registerShopWrites(app: ApiInstance, deps: RouteDeps): void {
  app.post(
    '/v1/shops',
    {
      config: { access: { role: 'owner' } },
      schema: {
        tags,
        summary: 'Connect a shop (its credentials are stored encrypted and never shown again)',
        body: ShopCreate,
        response: withErrors({ 201: ShopView }),
      },
    },
    async (request, reply) => {
      const outcome = await deps.sync.shops.connect(actorOf(request), request.body);
      return sendOutcome(request, reply, outcome, { status: 201, view: asIs });
    },
  );

  app.patch(
    '/v1/shops/:id',
    {
      config: { access: { role: 'owner' } },
      schema: {
        tags,
        summary: 'Rename, pause or resume a shop; change its settings, warehouses or credentials',
        params: ShopParams,
        body: ShopPatch,
        response: withErrors({ 200: ShopView }),
      },
    },
    async (request, reply) => {
      const outcome = await deps.sync.shops.update(
        actorOf(request),
        request.params.id,
        request.body,
      );
      return sendOutcome(request, reply, outcome, { view: asIs });
    },
  );
}

function registerShopActions(app: ApiInstance, deps: RouteDeps): void {
  app.post(
    '/v1/shops/:id/test-connection',
    {
      schema: {
        tags,
        summary: 'Read one catalogue page through the platform: proves the credentials work',
        params: ShopParams,
        response: withErrors({ 200: ConnectionTestView, 502: ErrorBody }),
      },
    },
    async (request, reply) => {
      const outcome = await deps.sync.shops.testConnection(actorOf(request), request.params.id);
      return sendOutcome(request, reply, outcome, { view: asIs });
    },
  );

  app.post(
    '/v1/shops/:id/import-catalogue',
    {
      schema: {
        tags,
        summary: "Import the shop's listings, matching each to the SKU with its seller SKU code",
        params: ShopParams,
        response: withErrors({ 200: CatalogueImportView, 502: ErrorBody }),
      },
    },
    async (request, reply) => {
      const outcome = await deps.sync.listings.importCatalogue(actorOf(request), request.params.id);
      return sendOutcome(request, reply, outcome, { view: asIs });
    },
  );
}
