/**
 * Shopee's lost pushes (shopee.md §2.9; SP-SCHEMA v2.push.get_lost_push_message and
 * v2.push.confirm_consumed_lost_push_message): pushes Shopee could not deliver in the last 3 days,
 * per partner (app), served the earliest 100 at a time. Both are public calls (partner_id + path
 * + timestamp signature, no shop). There is no cursor: a page is confirmed up to its
 * `last_message_id`, and the next call serves what is left.
 */
import { z } from 'zod';
import type { LostPushPage, LostPushSource } from '../contract.ts';
import { RawLostPushResponse } from './raw-types.ts';
import type { ShopeeTransport } from './transport.ts';

export const GET_LOST_PUSH_PATH = '/api/v2/push/get_lost_push_message';
export const CONFIRM_LOST_PUSH_PATH = '/api/v2/push/confirm_consumed_lost_push_message';

/** The lost-push queue of the partner a shop's connector signs for. */
export class ShopeeLostPushes implements LostPushSource {
  constructor(private readonly transport: ShopeeTransport) {}

  get sourceId(): string {
    return `shopee:${this.transport.partnerKey}`;
  }

  /** The earliest unconfirmed lost pushes; `data` is the push body exactly as Shopee keeps it. */
  async fetch(): Promise<LostPushPage> {
    const { response } = await this.transport.callPublic(
      { method: 'GET', path: GET_LOST_PUSH_PATH },
      RawLostPushResponse,
    );
    const pushes = (response.push_message_list ?? []).map((m) => ({
      rawBody: Buffer.from(m.data, 'utf8'),
    }));
    return {
      pushes,
      hasNextPage: response.has_next_page ?? false,
      lastMessageId:
        pushes.length > 0 && response.last_message_id !== undefined
          ? String(response.last_message_id)
          : null,
    };
  }

  /** Confirms every lost push up to and including `lastMessageId` as consumed. */
  async confirm(lastMessageId: string): Promise<void> {
    await this.transport.callPublic(
      {
        method: 'POST',
        path: CONFIRM_LOST_PUSH_PATH,
        body: { last_message_id: Number(lastMessageId) },
      },
      z.unknown(),
    );
  }
}
