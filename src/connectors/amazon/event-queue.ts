/**
 * The seller's SQS queue of SP-API notifications (amazon.md §4.5) as the contract's
 * EventQueueSource: up to 10 messages per receive with a short long-poll, deleted in batches of
 * 10 once stored. Messages not deleted come back after the queue's visibility timeout, so an event
 * is never lost between receiving and storing it. Queue URL, endpoint and AWS keys come from the
 * shop's `auth.extra` (options.ts AMAZON_EXTRA_KEYS).
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { EventQueueSource, QueuedEvent, ShopAuth } from '../contract.ts';
import { ConnectorError, isConnectorError } from '../errors.ts';
import { AMAZON_EXTRA_KEYS } from './options.ts';

/** SQS's largest batch for ReceiveMessage and DeleteMessageBatch. */
export const SQS_MAX_BATCH = 10;

/** Default long-poll: short, so a worker's poll loop stays responsive. */
const DEFAULT_WAIT_SECONDS = 1;

/** SQS error names that mean the keys or the queue's policy refuse us: a seller must act. */
const AUTH_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'AccessDeniedException',
  'IncompleteSignature',
  'MissingAuthenticationToken',
]);

/** SQS throttling error names. */
const THROTTLE_ERRORS = new Set(['RequestThrottled', 'ThrottlingException', 'OverLimit']);

/** A queue from the shop's settings, or undefined when the shop names none. */
export function amazonEventQueueOf(
  auth: ShopAuth,
  timeoutMs: number,
): AmazonEventQueue | undefined {
  const extra = auth.extra ?? {};
  const queueUrl = extra[AMAZON_EXTRA_KEYS.sqsQueueUrl];
  return queueUrl ? new AmazonEventQueue({ queueUrl, extra, timeoutMs }) : undefined;
}

export class AmazonEventQueue implements EventQueueSource {
  readonly sourceId: string;
  private sqs: SQSClient | null = null;
  private readonly queueUrl: string;
  private readonly waitSeconds: number;

  constructor(
    private readonly options: {
      queueUrl: string;
      extra: Record<string, string>;
      timeoutMs: number;
    },
  ) {
    this.queueUrl = options.queueUrl;
    this.sourceId = `amazon:${options.queueUrl}`;
    const wait = Number(
      options.extra[AMAZON_EXTRA_KEYS.sqsWaitTimeSeconds] ?? DEFAULT_WAIT_SECONDS,
    );
    this.waitSeconds =
      Number.isInteger(wait) && wait >= 0 && wait <= 20 ? wait : DEFAULT_WAIT_SECONDS;
  }

  /**
   * The SDK client, made on first use: every connector of a shop has the queue, and only the one
   * the worker reads it through needs a client (and its sockets).
   */
  private get client(): SQSClient {
    if (this.sqs) return this.sqs;
    const { extra, queueUrl, timeoutMs } = this.options;
    const keyId = extra[AMAZON_EXTRA_KEYS.awsAccessKeyId];
    const secret = extra[AMAZON_EXTRA_KEYS.awsSecretAccessKey];
    // The SDK warns on Node 20 that releases after January 2027 will need Node 22; the lockfile
    // pins one that runs here, so the warning would only puzzle a seller reading the log.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    this.sqs = new SQSClient({
      region: extra[AMAZON_EXTRA_KEYS.awsRegion] ?? regionOfQueueUrl(queueUrl),
      ...(extra[AMAZON_EXTRA_KEYS.sqsEndpoint]
        ? { endpoint: extra[AMAZON_EXTRA_KEYS.sqsEndpoint] }
        : {}),
      ...(keyId && secret ? { credentials: { accessKeyId: keyId, secretAccessKey: secret } } : {}),
      // StockPool's own poll loop retries; the SDK's retries would only hide an outage.
      maxAttempts: 1,
      // The long-poll plus the connector's timeout for the answer itself.
      requestHandler: { requestTimeout: this.waitSeconds * 1000 + timeoutMs },
    });
    return this.sqs;
  }

  /** Up to 10 messages; an empty array when none are waiting (§4.5). */
  async receive(): Promise<QueuedEvent[]> {
    const answer = await sqsCall(() =>
      this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: SQS_MAX_BATCH,
          WaitTimeSeconds: this.waitSeconds,
        }),
      ),
    );
    return (answer.Messages ?? []).flatMap((message) =>
      message.MessageId && message.ReceiptHandle && message.Body !== undefined
        ? [
            {
              messageId: message.MessageId,
              receiptHandle: message.ReceiptHandle,
              rawBody: Buffer.from(message.Body, 'utf8'),
            },
          ]
        : [],
    );
  }

  /**
   * Deletes the messages, 10 per call. A receipt handle SQS no longer takes (the message came
   * back and was received again) is left alone: the message returns and is de-duplicated by its
   * NotificationId. Any other refused entry throws, so the caller tries again.
   */
  async delete(receiptHandles: string[]): Promise<void> {
    for (let start = 0; start < receiptHandles.length; start += SQS_MAX_BATCH) {
      const batch = receiptHandles.slice(start, start + SQS_MAX_BATCH);
      const answer = await sqsCall(() =>
        this.client.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: batch.map((handle, index) => ({ Id: String(index), ReceiptHandle: handle })),
          }),
        ),
      );
      const failed = (answer.Failed ?? []).filter((f) => f.Code !== 'ReceiptHandleIsInvalid');
      if (failed.length > 0)
        throw new ConnectorError(
          'UNAVAILABLE',
          `SQS refused to delete ${failed.length} message(s): ${failed[0]?.Code ?? ''}`,
          {
            platformCode: failed[0]?.Code ?? null,
          },
        );
    }
  }
}

/** One SQS call, its failure as a ConnectorError. */
async function sqsCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toConnectorError(error);
  }
}

/** An SDK failure as a ConnectorError: throttling, transport and 5xx retryable; keys refused AUTH_FAILED. */
export function toConnectorError(error: unknown): ConnectorError {
  if (isConnectorError(error)) return error;
  const named = error as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const name = named.name ?? 'Error';
  const status = named.$metadata?.httpStatusCode ?? null;
  const message = `SQS: ${name}${named.message ? `: ${named.message}` : ''}`;
  const common = { platformCode: name, httpStatus: status, cause: error };
  if (THROTTLE_ERRORS.has(name) || status === 429)
    return new ConnectorError('RATE_LIMITED', message, common);
  if (AUTH_ERRORS.has(name) || status === 401 || status === 403)
    return new ConnectorError('AUTH_FAILED', message, common);
  if (status !== null && status >= 400 && status < 500)
    return new ConnectorError('REJECTED', message, common);
  return new ConnectorError('UNAVAILABLE', message, common);
}

/** `https://sqs.<region>.amazonaws.com/<account>/<name>` → region; us-east-1 otherwise. */
function regionOfQueueUrl(queueUrl: string): string {
  const match = /^https?:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com/.exec(queueUrl);
  return match?.[1] ?? 'us-east-1';
}
