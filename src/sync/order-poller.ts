/**
 * The safety net under webhooks: an incremental pull of the shop's orders by update time, with an
 * overlap window so an order updated just before the last pull's end is read again (harmless: the
 * pipeline is idempotent). The first pull reaches back INITIAL_LOOKBACK, so a newly connected
 * shop's open orders hold their stock.
 */
import { setPolledUntil, type ShopRecord } from '../store/shops-repo.ts';
import { applyOrders, type InboxProcessorDeps } from './inbox-processor.ts';
import { shopSettingsOf } from './shop-settings.ts';

export const INITIAL_LOOKBACK_MS = 3 * 24 * 3600_000;
/** Orders updated in the last few seconds may still be settling on the platform's side. */
const SETTLE_MS = 2_000;
const MAX_PAGES = 200;

export async function pollShopOrders(deps: InboxProcessorDeps, shop: ShopRecord): Promise<number> {
  const nowMs = deps.clock.nowMs();
  const overlapMs = shopSettingsOf(shop.settingsJson).pollOverlapSeconds * 1000;
  const fromMs =
    shop.polledUntilMs > 0 ? shop.polledUntilMs - overlapMs : nowMs - INITIAL_LOOKBACK_MS;
  const toMs = nowMs - SETTLE_MS;
  if (toMs <= fromMs) return 0;
  const connector = deps.connectors.connectorFor(shop);
  let pageToken: string | null = null;
  let count = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await connector.listOrders({
      updatedFromMs: fromMs,
      updatedToMs: toMs,
      pageToken,
    });
    await applyOrders(deps, shop, result.items, nowMs);
    count += result.items.length;
    pageToken = result.nextPageToken;
    if (!pageToken) break;
  }
  await setPolledUntil(deps.db, shop.id, toMs);
  return count;
}
