/**
 * /webhooks/{platform}: where platforms deliver order events. No bearer token: the platform's
 * signature over the raw body is the authentication, so these routes parse nothing themselves —
 * the body is taken as bytes and verified before anything is stored (sync/webhook-intake.ts).
 * Answers are what the platforms expect: 200 with an empty body once stored.
 */
import { z } from 'zod';
import { WEBHOOK_PLATFORMS } from '../../../connectors/contract.ts';
import type { ApiInstance, RouteDeps } from '../../api-types.ts';
import { sendError } from '../../error-reply.ts';
import { withErrors } from '../../schemas/common.ts';

export function registerWebhookRoutes(app: ApiInstance, deps: RouteDeps): void {
  void app.register(async (scope) => {
    // Raw bytes for every content type: signatures are over the body exactly as sent.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
      done(null, body),
    );
    // Amazon has no webhooks: its order changes come through an SQS queue (sync/event-queues.ts).
    for (const platform of WEBHOOK_PLATFORMS) {
      scope.post(
        `/webhooks/${platform}`,
        {
          config: { access: { public: true } },
          schema: {
            tags: ['webhooks'],
            summary: `Order events from ${platform} (signed by the platform)`,
            security: [],
            response: withErrors({
              200: z.null().meta({ description: 'Stored (or a re-delivery)' }),
            }),
          },
        },
        async (request, reply) => {
          const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          const result = await deps.sync.receiveWebhook(platform, {
            rawBody,
            headers: request.headers,
            // Shopee signs the callback URL as registered: behind a proxy that is PUBLIC_URL.
            url: `${deps.publicUrl ?? `${request.protocol}://${request.host}`}${request.url}`,
          });
          if (result.status === 200) return reply.code(200).send();
          return sendError(request, reply, result.code, {});
        },
      );
    }
  });
}
