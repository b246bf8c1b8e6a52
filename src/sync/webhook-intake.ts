/**
 * Webhook intake: verify, store, acknowledge. The body is checked against the signature of the
 * shop it names (with that shop's app secret, in constant time) before anything is stored; a
 * forged or unknown-shop webhook gets 401 and changes nothing. A valid event is stored once per
 * (platform, event id): a re-delivery is acknowledged and ignored. Processing happens later, in
 * the worker, so the platform's acknowledgement deadline (TikTok Shop: 3 s) is never at risk.
 */
import type { Kysely } from 'kysely';
import type { WebhookEvent, WebhookRequest } from '../connectors/contract.ts';
import type { Clock } from '../ports/clock.ts';
import { insertInboxEvent } from '../store/inbox-repo.ts';
import type { DB } from '../store/schema.ts';
import { findShopByPlatformId, type ShopRecord } from '../store/shops-repo.ts';
import type { ShopConnectors } from './shop-connectors.ts';

export type IntakeResult =
  | { status: 200; stored: boolean }
  | {
      status: 400 | 401 | 404;
      code: 'INVALID_WEBHOOK' | 'WEBHOOK_SIGNATURE_INVALID' | 'PLATFORM_NOT_SUPPORTED';
    };

export interface IntakeDeps {
  db: Kysely<DB>;
  connectors: ShopConnectors;
  clock: Clock;
  /** Called after an event is stored, to wake an in-process worker. */
  onStored?: () => void;
}

export async function receiveWebhook(
  deps: IntakeDeps,
  platformName: string,
  request: WebhookRequest,
): Promise<IntakeResult> {
  const platform = deps.connectors.platformOf(platformName);
  if (!platform) return { status: 404, code: 'PLATFORM_NOT_SUPPORTED' };
  let event: WebhookEvent;
  try {
    event = platform.parseWebhook(request.rawBody, request.headers);
  } catch {
    return { status: 400, code: 'INVALID_WEBHOOK' };
  }
  // WooCommerce checks a new webhook's URL with an unsigned ping and keeps the webhook only if the
  // answer is 2xx; a ping carries nothing, so it is acknowledged and not stored.
  if (event.kind === 'other' && event.type === 'ping') return { status: 200, stored: false };
  const shop = event.platformShopId
    ? await findShopByPlatformId(deps.db, platform.platform, event.platformShopId)
    : null;
  // Unknown shop: no secret to check against, so nothing about the body can be trusted.
  if (!shop || !platform.verifyWebhook(request, deps.connectors.appSecretsFor(shop)))
    return { status: 401, code: 'WEBHOOK_SIGNATURE_INVALID' };
  const stored = await storeWebhookEvent(deps, { shop, event, rawBody: request.rawBody });
  return { status: 200, stored };
}

/**
 * Stores a trusted event of a known shop once per (platform, event id); true when it is new.
 * Also the way in for webhooks fetched from a platform's lost-push queue (lost-pushes.ts), so a
 * push recovered there and the same push delivered late are one event.
 */
export async function storeWebhookEvent(
  deps: Pick<IntakeDeps, 'db' | 'clock' | 'onStored'>,
  a: { shop: ShopRecord; event: WebhookEvent; rawBody: Buffer },
): Promise<boolean> {
  const { shop, event } = a;
  const stored = await insertInboxEvent(deps.db, {
    platform: shop.platform,
    eventId: event.eventId,
    tenantId: shop.tenantId,
    shopId: shop.id,
    kind: event.kind === 'order' ? 'order' : `other:${event.type}`,
    orderId: event.kind === 'order' ? event.orderId : null,
    payload: a.rawBody.toString('utf8'),
    receivedAtMs: deps.clock.nowMs(),
    status: event.kind === 'order' && shop.status === 'active' ? 'pending' : 'ignored',
  });
  if (stored) deps.onStored?.();
  return stored;
}
