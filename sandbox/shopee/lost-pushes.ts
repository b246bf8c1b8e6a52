/**
 * Pushes Shopee gave up on, kept per partner for v2.push.get_lost_push_message (SP-SCHEMA): each
 * keeps the exact body that failed (served as the `data` string), its shop_id and code, and the
 * time it was lost. Ids grow by one, so "confirm up to last_message_id" is a simple cut. Only
 * messages lost within the last 3 days are served, the earliest 100 first.
 */
import { LOST_PUSH_PAGE_SIZE, LOST_PUSH_RETENTION_MS } from './types.ts';

export interface LostPush {
  messageId: number;
  partnerId: string;
  /** Absent for partner-level pushes (codes 1, 2, 12), as in the API. */
  shopId?: number;
  code: number;
  lostAtSec: number;
  /** The push body exactly as it was sent. */
  data: string;
}

export interface LostPushPage {
  messages: LostPush[];
  hasNextPage: boolean;
  /** Id of the last message served; 0 when there is none. */
  lastMessageId: number;
}

export class LostPushStore {
  private readonly messages: LostPush[] = [];
  private nextId = 1;

  constructor(private readonly nowMs: () => number) {}

  /** Keeps a push that exhausted its retries. */
  keep(partnerId: string, body: string): void {
    const parsed = JSON.parse(body) as { shop_id?: number; code: number };
    this.messages.push({
      messageId: this.nextId++,
      partnerId,
      ...(parsed.shop_id === undefined ? {} : { shopId: parsed.shop_id }),
      code: parsed.code,
      lostAtSec: Math.floor(this.nowMs() / 1000),
      data: body,
    });
  }

  /** The earliest unconfirmed messages of the partner lost within the last 3 days. */
  page(partnerId: string): LostPushPage {
    const sinceSec = Math.floor((this.nowMs() - LOST_PUSH_RETENTION_MS) / 1000);
    const open = this.messages.filter((m) => m.partnerId === partnerId && m.lostAtSec >= sinceSec);
    const messages = open.slice(0, LOST_PUSH_PAGE_SIZE);
    return {
      messages,
      hasNextPage: open.length > messages.length,
      lastMessageId: messages.at(-1)?.messageId ?? 0,
    };
  }

  /** Forgets the partner's messages up to and including `lastMessageId`. */
  confirm(partnerId: string, lastMessageId: number): void {
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const message = this.messages[i] as LostPush;
      if (message.partnerId === partnerId && message.messageId <= lastMessageId)
        this.messages.splice(i, 1);
    }
  }
}
