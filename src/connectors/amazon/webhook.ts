/**
 * Amazon's events (amazon.md §4.5): ORDER_CHANGE notifications reach StockPool only through the
 * seller's SQS queue, never as an HTTP webhook, so there is no signature to verify: trust comes
 * from the queue's IAM policy. `parseAmazonNotification` reads one SQS message body.
 */
import type { WebhookEvent, WebhookRequest } from '../contract.ts';
import { ConnectorError } from '../errors.ts';
import { RawNotificationEnvelope, RawOrderChangeNotification } from './raw-types.ts';

/**
 * Always false: Amazon calls no webhook (§4.5), so any HTTP request claiming to be one is not
 * Amazon's. Events come from the queue (event-queue.ts).
 */
export function verifyAmazonWebhook(_request: WebhookRequest): boolean {
  return false;
}

/**
 * Reads an SQS message body. ORDER_CHANGE becomes an 'order' event named by its NotificationId
 * (delivery is at least once: the id is the de-duplication key, §4.5), with the order's status
 * from the Summary (the change type when the notification has none) and the time of the change;
 * any other notification type becomes 'other'.
 * @throws ConnectorError('BAD_PAYLOAD') when the body is not JSON or not a notification.
 */
export function parseAmazonNotification(rawBody: Buffer): WebhookEvent {
  const json = parseJson(rawBody);
  const envelope = RawNotificationEnvelope.safeParse(json);
  if (!envelope.success) throw badPayload('the body is not an SP-API notification', envelope.error);
  const eventId = envelope.data.NotificationMetadata.NotificationId;
  if (envelope.data.NotificationType !== 'ORDER_CHANGE')
    return { kind: 'other', eventId, platformShopId: null, type: envelope.data.NotificationType };
  const parsed = RawOrderChangeNotification.safeParse(json);
  if (!parsed.success) throw badPayload('ORDER_CHANGE does not conform', parsed.error);
  const change = parsed.data.Payload.OrderChangeNotification;
  const updatedAtMs = Date.parse(
    change.OrderChangeTrigger?.TimeOfOrderChange ?? parsed.data.EventTime ?? '',
  );
  if (!Number.isFinite(updatedAtMs)) throw badPayload('ORDER_CHANGE has no time of change');
  return {
    kind: 'order',
    eventId,
    platformShopId: change.SellerId,
    orderId: change.AmazonOrderId,
    rawStatus: change.Summary?.OrderStatus ?? change.OrderChangeType ?? 'ORDER_CHANGE',
    updatedAtMs,
  };
}

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8')) as unknown;
  } catch (error) {
    throw badPayload('the body is not JSON', error);
  }
}

function badPayload(message: string, cause?: unknown): ConnectorError {
  return new ConnectorError('BAD_PAYLOAD', `Amazon notification: ${message}`, { cause });
}
