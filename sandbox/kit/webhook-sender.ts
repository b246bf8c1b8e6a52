/**
 * Delivers an emulator's webhooks to StockPool the way the platform does: POST, the platform's
 * signature header, success only on the accepted status codes, and retries on the platform's own
 * schedule (scaled down in tests through `retryDelaysMs`). Every attempt is recorded so tests can
 * see how many deliveries a webhook took.
 */

export interface WebhookDelivery {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export interface DeliveryRecord {
  url: string;
  body: string;
  /** The headers sent, signature included (tests re-deliver exactly what the platform sent). */
  headers: Record<string, string>;
  attempts: number;
  delivered: boolean;
  lastStatus: number | null;
  /** Sent again by resendLast (not a first delivery). */
  redelivery?: boolean;
}

export interface WebhookSenderOptions {
  /** Delays before each retry after a failed attempt (TikTok: 2 min, 30 min, 3 h, 12 h). */
  retryDelaysMs: number[];
  /** The platform gives up waiting for an answer after this (TikTok: 3 s). */
  timeoutMs: number;
  /** Which answers count as delivered. */
  isAccepted: (status: number) => boolean;
  /** True while the receiver is down (an injected fault): the attempt fails without a request. */
  isTargetDown?: () => boolean;
}

export class WebhookSender {
  readonly records: DeliveryRecord[] = [];
  private inFlight = new Set<Promise<void>>();
  private stopped = false;
  private readonly waits = new Set<() => void>();

  constructor(private readonly options: WebhookSenderOptions) {}

  /**
   * Starts delivering in the background; `drain()` waits for every delivery to finish.
   * `onGiveUp` runs once if every attempt failed (not when the sender was stopped first).
   */
  send(delivery: WebhookDelivery, onGiveUp?: (record: DeliveryRecord) => void): DeliveryRecord {
    const record: DeliveryRecord = {
      url: delivery.url,
      body: delivery.body,
      headers: delivery.headers,
      attempts: 0,
      delivered: false,
      lastStatus: null,
    };
    this.records.push(record);
    const run = this.deliver(delivery, record)
      .then((outcome) => {
        if (outcome === 'given-up') onGiveUp?.(record);
      })
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
    return record;
  }

  /**
   * The platform sends its last `count` webhooks again, exactly as first sent (a platform that
   * re-delivers after a receiver restart, or that never saw the acknowledgement). Re-sends are
   * recorded too, flagged `redelivery`, and are not themselves re-sent. Returns how many went.
   */
  resendLast(count: number): number {
    const originals = this.records.filter((r) => r.redelivery !== true).slice(-count);
    for (const r of originals) {
      const again = this.send({ url: r.url, body: r.body, headers: r.headers });
      again.redelivery = true;
    }
    return originals.length;
  }

  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Stops delivering: pending retry waits end at once, so a closed emulator keeps no timer alive. */
  stop(): void {
    this.stopped = true;
    for (const end of this.waits) end();
  }

  private wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.waits.delete(end);
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.waits.add(end);
    });
  }

  private async deliver(
    delivery: WebhookDelivery,
    record: DeliveryRecord,
  ): Promise<'delivered' | 'stopped' | 'given-up'> {
    for (let attempt = 0; attempt <= this.options.retryDelaysMs.length; attempt++) {
      if (this.stopped) return 'stopped';
      if (attempt > 0) await this.wait(this.options.retryDelaysMs[attempt - 1] ?? 0);
      if (this.stopped) return 'stopped';
      record.attempts += 1;
      record.lastStatus = this.options.isTargetDown?.() ? null : await this.post(delivery);
      if (record.lastStatus !== null && this.options.isAccepted(record.lastStatus)) {
        record.delivered = true;
        return 'delivered';
      }
    }
    return 'given-up';
  }

  private async post(delivery: WebhookDelivery): Promise<number | null> {
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...delivery.headers },
        body: delivery.body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return null;
    }
  }
}
