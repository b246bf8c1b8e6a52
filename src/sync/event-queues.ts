/**
 * Reads the platforms' event queues (Amazon SP-API sends order changes only to an SQS queue, never
 * to a webhook): per queue, takes the waiting messages, stores each through the webhook intake
 * (de-duplicated by the notification's own id, so a message delivered twice is one inbox event),
 * and only then deletes them. A crash in between leaves the messages to come back after the
 * queue's visibility timeout: a re-read, never a lost event. Messages that name a shop StockPool
 * does not know, or that do not read as an event, are deleted without being stored: nothing here
 * could act on them, and left alone they would come back forever.
 */
import type { Kysely } from 'kysely';
import type {
  EventQueueSource,
  PlatformModule,
  QueuedEvent,
  WebhookEvent,
} from '../connectors/contract.ts';
import type { Clock } from '../ports/clock.ts';
import type { DB } from '../store/schema.ts';
import { findShopByPlatformId, listActiveShopIds, listShopsByIds } from '../store/shops-repo.ts';
import type { ShopConnectors } from './shop-connectors.ts';
import { storeWebhookEvent } from './webhook-intake.ts';

export interface EventQueueDeps {
  db: Kysely<DB>;
  connectors: ShopConnectors;
  clock: Clock;
  onStored?: () => void;
}

/**
 * How often the worker asks each queue. Events are the fast path for a platform that has no
 * webhook, so this is the latency floor of an Amazon order reaching the pool: once a second
 * costs one ReceiveMessage a second per queue (SQS charges per request, not per message).
 */
export const EVENT_QUEUE_INTERVAL_MS = 1_000;

/** Receives per queue and run: bounds one run when a backlog has built up (10 messages each). */
const MAX_RECEIVES_PER_RUN = 20;

/** Reads, stores and deletes every queue's waiting events; returns how many new ones it stored. */
export async function drainEventQueues(deps: EventQueueDeps): Promise<number> {
  const shops = await listShopsByIds(deps.db, await listActiveShopIds(deps.db));
  const queues = new Map<string, { queue: EventQueueSource; platform: PlatformModule }>();
  for (const shop of shops) {
    const platform = deps.connectors.platformOf(shop.platform);
    const queue = platform ? deps.connectors.connectorFor(shop).eventQueue : undefined;
    // One queue per app and queue URL: the first of its shops stands for all of them.
    if (platform && queue && !queues.has(queue.sourceId))
      queues.set(queue.sourceId, { queue, platform });
  }
  let stored = 0;
  for (const { queue, platform } of queues.values())
    stored += await drainQueue(deps, platform, queue);
  return stored;
}

async function drainQueue(
  deps: EventQueueDeps,
  platform: PlatformModule,
  queue: EventQueueSource,
): Promise<number> {
  let stored = 0;
  for (let i = 0; i < MAX_RECEIVES_PER_RUN; i++) {
    const messages = await queue.receive();
    if (messages.length === 0) break;
    for (const message of messages) if (await intake(deps, platform, message)) stored += 1;
    // Stored (or of no use): deleting now is safe, and a failed delete only means a re-read.
    await queue.delete(messages.map((m) => m.receiptHandle));
  }
  return stored;
}

/**
 * One queued message into the inbox. The queue is the seller's own, read with their keys, so
 * there is no per-message signature to check (SQS carries none for SP-API notifications).
 */
async function intake(
  deps: EventQueueDeps,
  platform: PlatformModule,
  message: QueuedEvent,
): Promise<boolean> {
  let event: WebhookEvent;
  try {
    event = platform.parseWebhook(message.rawBody);
  } catch {
    return false;
  }
  if (event.platformShopId === null) return false;
  const shop = await findShopByPlatformId(deps.db, platform.platform, event.platformShopId);
  if (!shop) return false;
  return storeWebhookEvent(deps, { shop, event, rawBody: message.rawBody });
}
