/**
 * The emulator's lost-push APIs (public calls: partner_id + path + timestamp signature), from
 * SP-SCHEMA v2.push.get_lost_push_message and v2.push.confirm_consumed_lost_push_message:
 * GET answers `response: {push_message_list[{shop_id?, code, timestamp, data}], has_next_page,
 * last_message_id}`; POST takes `{last_message_id}` and answers the bare envelope. There is no
 * cursor: the next page is what remains once the first is confirmed.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { okBody, requestId, type ShopeeBody } from './envelope.ts';
import { publicRoute, type GateDeps } from './gate.ts';
import type { LostPushStore } from './lost-pushes.ts';
import { parseBody } from './params.ts';

const ConfirmBody = z.object({ last_message_id: z.number().int().nonnegative() });

export function registerPushRoutes(
  app: FastifyInstance,
  gate: GateDeps,
  lost: LostPushStore,
): void {
  app.get(
    '/api/v2/push/get_lost_push_message',
    publicRoute(gate, (c): ShopeeBody => {
      const page = lost.page(c.partnerId);
      return okBody({
        push_message_list: page.messages.map((m) => ({
          ...(m.shopId === undefined ? {} : { shop_id: m.shopId }),
          code: m.code,
          timestamp: m.lostAtSec,
          data: m.data,
        })),
        has_next_page: page.hasNextPage,
        last_message_id: page.lastMessageId,
      });
    }),
  );
  app.post(
    '/api/v2/push/confirm_consumed_lost_push_message',
    publicRoute(gate, (c): ShopeeBody => {
      lost.confirm(c.partnerId, parseBody(ConfirmBody, c.body).last_message_id);
      return { error: '', message: '', warning: '', request_id: requestId() };
    }),
  );
}
