/**
 * One SQS standard queue as Amazon SQS keeps it (the delivery half of amazon.md §4.5): messages
 * taken by ReceiveMessage stay hidden for the visibility timeout and come back unless deleted with
 * the receipt handle of their latest receive; an older handle deletes nothing (SQS answers success
 * all the same); messages older than the retention period are dropped. Delivery is at least once.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { DeliveryRecord } from '../kit/webhook-sender.ts';

/** SQS's default retention: 4 days. */
export const SQS_RETENTION_MS = 4 * 86_400_000;

/** SQS's default visibility timeout: 30 s. */
export const SQS_DEFAULT_VISIBILITY_TIMEOUT_MS = 30_000;

interface QueuedMessage {
  id: string;
  body: string;
  md5: string;
  sentAtMs: number;
  visibleAtMs: number;
  /** The handle of the latest receive; only it deletes the message. */
  receiptHandle: string | null;
  receiveCount: number;
  deleted: boolean;
  redelivery: boolean;
}

export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
}

export type DeleteOutcome = 'deleted' | 'stale' | 'invalid';

const HANDLE_PATTERN = /^rh1\.([0-9a-f-]{36})\.\d+\.[0-9a-f]{8}$/;

export class SqsQueue {
  readonly url: string;
  private readonly messages: QueuedMessage[] = [];
  private readonly nowMs: () => number;
  private readonly visibilityTimeoutMs: number;
  private handles = 0;

  constructor(options: { url: string; nowMs: () => number; visibilityTimeoutMs?: number }) {
    this.url = options.url;
    this.nowMs = options.nowMs;
    this.visibilityTimeoutMs = options.visibilityTimeoutMs ?? SQS_DEFAULT_VISIBILITY_TIMEOUT_MS;
  }

  /** The same queue under another host spelling (localhost vs 127.0.0.1, a trailing slash). */
  matches(url: string): boolean {
    return pathOf(url) === pathOf(this.url);
  }

  send(body: string, options: { redelivery?: boolean } = {}): string {
    const id = randomUUID();
    this.messages.push({
      id,
      body,
      md5: createHash('md5').update(body, 'utf8').digest('hex'),
      sentAtMs: this.nowMs(),
      visibleAtMs: this.nowMs(),
      receiptHandle: null,
      receiveCount: 0,
      deleted: false,
      redelivery: options.redelivery ?? false,
    });
    return id;
  }

  /** Up to `max` visible messages, each hidden for the visibility timeout with a fresh handle. */
  receive(max: number, visibilityTimeoutMs?: number): ReceivedMessage[] {
    this.dropExpired();
    const now = this.nowMs();
    const taken = this.messages.filter((m) => !m.deleted && m.visibleAtMs <= now).slice(0, max);
    return taken.map((message) => {
      message.receiveCount += 1;
      message.visibleAtMs = now + (visibilityTimeoutMs ?? this.visibilityTimeoutMs);
      this.handles += 1;
      const salt = createHash('sha256')
        .update(`${message.id}:${this.handles}`)
        .digest('hex')
        .slice(0, 8);
      message.receiptHandle = `rh1.${message.id}.${this.handles}.${salt}`;
      return {
        MessageId: message.id,
        ReceiptHandle: message.receiptHandle,
        MD5OfBody: message.md5,
        Body: message.body,
      };
    });
  }

  hasVisible(): boolean {
    const now = this.nowMs();
    return this.messages.some((m) => !m.deleted && m.visibleAtMs <= now);
  }

  delete(receiptHandle: string): DeleteOutcome {
    const match = HANDLE_PATTERN.exec(receiptHandle);
    if (!match) return 'invalid';
    const message = this.messages.find((m) => m.id === match[1]);
    if (!message) return 'stale';
    if (message.receiptHandle !== receiptHandle) return 'stale';
    message.deleted = true;
    return 'deleted';
  }

  /** The last `count` first-time messages sent again, unchanged, as new messages. */
  resendLast(count: number): number {
    const originals = this.messages.filter((m) => !m.redelivery).slice(-count);
    for (const m of originals) this.send(m.body, { redelivery: true });
    return originals.length;
  }

  /** One record per message sent: attempts = receives, delivered = deleted by the consumer. */
  records(): DeliveryRecord[] {
    return this.messages.map((m) => ({
      url: this.url,
      body: m.body,
      headers: {},
      attempts: m.receiveCount,
      delivered: m.deleted,
      lastStatus: null,
      ...(m.redelivery ? { redelivery: true } : {}),
    }));
  }

  private dropExpired(): void {
    const oldest = this.nowMs() - SQS_RETENTION_MS;
    for (const m of this.messages) if (m.sentAtMs < oldest) m.deleted = true;
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname.replace(/\/$/, '');
  } catch {
    return url;
  }
}
