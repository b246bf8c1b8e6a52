/**
 * Recovers webhooks the platform gave up delivering (Shopee's lost pushes, shopee.md §2.9): per
 * app, reads the queue page by page, stores each push through the webhook intake with the event
 * id the live push would have had (so a push both lost and later delivered, or fetched twice, is
 * one inbox event), and only then confirms the page, so a crash in between costs a re-read, never
 * a push. Pushes of shops StockPool does not know, and partner-level pushes, are confirmed
 * without being stored: nothing here could act on them.
 */
import type { Kysely } from 'kysely';
import type { LostPushSource, PlatformModule, WebhookEvent } from '../connectors/contract.ts';
import type { Clock } from '../ports/clock.ts';
import type { DB } from '../store/schema.ts';
import { findShopByPlatformId, listActiveShopIds, listShopsByIds } from '../store/shops-repo.ts';
import type { ShopConnectors } from './shop-connectors.ts';
import { storeWebhookEvent } from './webhook-intake.ts';

export interface LostPushDeps {
  db: Kysely<DB>;
  connectors: ShopConnectors;
  clock: Clock;
  onStored?: () => void;
}

/**
 * How often the worker asks. Shopee keeps lost pushes 3 days, and order polling (every minute by
 * default) already covers a missed order within its window, so every 5 minutes is plenty.
 */
export const LOST_PUSH_INTERVAL_MS = 5 * 60_000;

/** Pages of 100 read per app and run: a bound, so one run never takes unbounded time. */
const MAX_PAGES_PER_RUN = 20;

/** Reads and confirms every app's lost pushes; returns how many new inbox events it stored. */
export async function recoverLostPushes(deps: LostPushDeps): Promise<number> {
  const shops = await listShopsByIds(deps.db, await listActiveShopIds(deps.db));
  const sources = new Map<string, { source: LostPushSource; platform: PlatformModule }>();
  for (const shop of shops) {
    const platform = deps.connectors.platformOf(shop.platform);
    const source = platform ? deps.connectors.connectorFor(shop).lostPushes : undefined;
    // One queue per app: the first of its shops stands for all of them.
    if (platform && source && !sources.has(source.sourceId))
      sources.set(source.sourceId, { source, platform });
  }
  let stored = 0;
  for (const { source, platform } of sources.values())
    stored += await drainQueue(deps, platform, source);
  return stored;
}

async function drainQueue(
  deps: LostPushDeps,
  platform: PlatformModule,
  source: LostPushSource,
): Promise<number> {
  let stored = 0;
  for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
    const { pushes, hasNextPage, lastMessageId } = await source.fetch();
    for (const push of pushes) if (await intake(deps, platform, push.rawBody)) stored += 1;
    if (lastMessageId === null) break;
    await source.confirm(lastMessageId);
    if (!hasNextPage) break;
  }
  return stored;
}

/**
 * One lost push into the inbox. The platform's API call that returned it was signed and
 * authenticated, so there is no per-push signature to check (the lost-push API carries none).
 */
async function intake(deps: LostPushDeps, platform: PlatformModule, rawBody: Buffer) {
  let event: WebhookEvent;
  try {
    event = platform.parseWebhook(rawBody);
  } catch {
    // Unreadable as a webhook: it would have been refused with 400 had it arrived live.
    return false;
  }
  if (event.platformShopId === null) return false;
  const shop = await findShopByPlatformId(deps.db, platform.platform, event.platformShopId);
  if (!shop) return false;
  return storeWebhookEvent(deps, { shop, event, rawBody });
}
