/**
 * /v1/shop-groups: named sets of shops with their own allocation policy. Reading needs a viewer;
 * creating, changing, deleting a group and changing its members need an owner, as setting an
 * allocation policy does (it decides what every shop shows). A group with members cannot be
 * deleted (409 SHOP_GROUP_NOT_EMPTY); adding a shop that is in another group moves it.
 */
import { succeed } from '../../../domain/outcome.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { actorOf } from '../../auth.ts';
import { sendOutcome } from '../../error-reply.ts';
import { withErrors } from '../../schemas/common.ts';
import {
  ShopGroupCreate,
  ShopGroupDeleted,
  ShopGroupList,
  ShopGroupMemberParams,
  ShopGroupParams,
  ShopGroupPatch,
  ShopGroupView,
} from './shop-group-schemas.ts';

const tags = ['allocation'];
const asIs = <T>(value: T): T => value;
const owner = { access: { role: 'owner' as const } };
const groupResponse = withErrors({ 200: ShopGroupView });

export function registerShopGroupRoutes(app: ApiInstance, deps: RouteDeps): void {
  registerGroupReads(app, deps);
  registerGroupWrites(app, deps);
  registerMemberWrites(app, deps);
}

function registerGroupReads(app: ApiInstance, deps: RouteDeps): void {
  app.get(
    '/v1/shop-groups',
    { schema: { tags, summary: 'All shop groups', response: withErrors({ 200: ShopGroupList }) } },
    async (request, reply) => {
      const items = await deps.sync.policies.groups.list(actorOf(request));
      return sendOutcome(request, reply, succeed({ items }), { view: asIs });
    },
  );
  app.get(
    '/v1/shop-groups/:id',
    {
      schema: {
        tags,
        summary: 'One shop group, its policy and its members',
        params: ShopGroupParams,
        response: groupResponse,
      },
    },
    async (request, reply) => {
      const outcome = await deps.sync.policies.groups.get(actorOf(request), request.params.id);
      return sendOutcome(request, reply, outcome, { view: asIs });
    },
  );
}

function registerGroupWrites(app: ApiInstance, deps: RouteDeps): void {
  const groups = deps.sync.policies.groups;
  app.post(
    '/v1/shop-groups',
    {
      config: owner,
      schema: {
        tags,
        summary: 'Create a shop group with its own allocation policy (no members yet)',
        body: ShopGroupCreate,
        response: withErrors({ 201: ShopGroupView }),
      },
    },
    async (request, reply) => {
      const outcome = await groups.create(actorOf(request), request.body);
      return sendOutcome(request, reply, outcome, { status: 201, view: asIs });
    },
  );
  app.patch(
    '/v1/shop-groups/:id',
    {
      config: owner,
      schema: {
        tags,
        summary: "Rename a shop group or replace its policy (its members' listings are re-pushed)",
        params: ShopGroupParams,
        body: ShopGroupPatch,
        response: groupResponse,
      },
    },
    async (request, reply) => {
      const outcome = await groups.update(actorOf(request), request.params.id, request.body);
      if (outcome.ok) deps.sync.worker.wake();
      return sendOutcome(request, reply, outcome, { view: asIs });
    },
  );
  app.delete(
    '/v1/shop-groups/:id',
    {
      config: owner,
      schema: {
        tags,
        summary: 'Delete a shop group without members (one with members answers 409)',
        params: ShopGroupParams,
        response: withErrors({ 200: ShopGroupDeleted }),
      },
    },
    async (request, reply) => {
      const outcome = await groups.delete(actorOf(request), request.params.id);
      return sendOutcome(request, reply, outcome, { view: asIs });
    },
  );
}

function registerMemberWrites(app: ApiInstance, deps: RouteDeps): void {
  const groups = deps.sync.policies.groups;
  app.put(
    '/v1/shop-groups/:id/shops/:shop',
    {
      config: owner,
      schema: {
        tags,
        summary: 'Put a shop in the group (moving it out of any other); its SKUs are re-pushed',
        params: ShopGroupMemberParams,
        response: groupResponse,
      },
    },
    async (request, reply) => {
      const { id, shop: shopId } = request.params;
      const outcome = await groups.addShop(actorOf(request), id, shopId);
      if (outcome.ok) deps.sync.worker.wake();
      return sendOutcome(request, reply, outcome, { view: asIs });
    },
  );
  app.delete(
    '/v1/shop-groups/:id/shops/:shop',
    {
      config: owner,
      schema: {
        tags,
        summary: 'Take a shop out of the group; its SKUs are re-pushed',
        params: ShopGroupMemberParams,
        response: groupResponse,
      },
    },
    async (request, reply) => {
      const { id, shop: shopId } = request.params;
      const outcome = await groups.removeShop(actorOf(request), id, shopId);
      if (outcome.ok) deps.sync.worker.wake();
      return sendOutcome(request, reply, outcome, { view: asIs });
    },
  );
}
