/**
 * An SQS endpoint for the notification queues (amazon.md §4.5), in the AWS JSON 1.0 protocol that
 * @aws-sdk/client-sqs speaks: `POST /` (or the queue URL's path) with `X-Amz-Target:
 * AmazonSQS.<Action>` and `application/x-amz-json-1.0` bodies. ReceiveMessage (1–10 messages,
 * VisibilityTimeout, WaitTimeSeconds long polling), DeleteMessage and DeleteMessageBatch (at most
 * 10 entries). Errors carry `__type` and, for the SDK's query compatibility, `x-amzn-query-error`.
 * Every request must carry a valid SigV4 signature (sigv4-check.ts) by a key AWS knows, checked
 * before anything else, and the key must be the queue owner's (the queue's access policy). While
 * the fault injector's webhook outage lasts, the endpoint answers 503 and messages stay queued.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AmazonContext } from './context.ts';
import type { SigV4Outcome } from './sigv4-check.ts';
import { checkSigV4 } from './sigv4-check.ts';
import type { AppRecord } from './state.ts';

const JSON_10 = 'application/x-amz-json-1.0';
const MAX_WAIT_S = 20;
const POLL_MS = 20;

interface SqsError {
  status: number;
  type: string;
  queryCode: string;
  message: string;
}

const QUEUE_MISSING: SqsError = {
  status: 400,
  type: 'com.amazonaws.sqs#QueueDoesNotExist',
  queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
  message: 'The specified queue does not exist.',
};
/** AWS's answers to a request whose signature does not pass, by reason. */
const SIGNATURE_ERRORS: Record<Exclude<SigV4Outcome, { ok: true }>['reason'], SqsError> = {
  missing: {
    status: 400,
    type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
    queryCode: 'MissingAuthenticationToken',
    message: 'Request is missing Authentication Token',
  },
  malformed: {
    status: 400,
    type: 'com.amazon.coral.service#IncompleteSignatureException',
    queryCode: 'IncompleteSignature',
    message: 'The request signature does not conform to AWS standards.',
  },
  'unknown-key': {
    status: 403,
    type: 'com.amazon.coral.service#UnrecognizedClientException',
    queryCode: 'InvalidClientTokenId',
    message: 'The security token included in the request is invalid.',
  },
  expired: {
    status: 403,
    type: 'com.amazon.coral.service#InvalidSignatureException',
    queryCode: 'SignatureDoesNotMatch',
    message: 'Signature expired: the request time is more than 5 minutes from the server time.',
  },
  mismatch: {
    status: 403,
    type: 'com.amazon.coral.service#InvalidSignatureException',
    queryCode: 'SignatureDoesNotMatch',
    message:
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
  },
};
const UNREACHABLE: SqsError = {
  status: 503,
  type: 'com.amazonaws.sqs#ServiceUnavailable',
  queryCode: 'ServiceUnavailable',
  message: 'The request has failed due to a temporary failure of the server.',
};
const NOT_OWNER: SqsError = {
  status: 403,
  type: 'com.amazonaws.sqs#AccessDeniedException',
  queryCode: 'AccessDenied',
  message: 'Access to the resource is denied.',
};

/** Raw request bodies: the signature covers the bytes as sent. */
const rawBodies = new WeakMap<object, string>();

export function registerSqsRoutes(app: FastifyInstance, context: AmazonContext): void {
  app.addContentTypeParser(JSON_10, { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    rawBodies.set(request.raw, text);
    try {
      done(null, JSON.parse(text) as unknown);
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  const handler = (request: FastifyRequest, reply: FastifyReply) => handle(context, request, reply);
  app.post('/', handler);
  app.post('/:account/:queue', handler);
}

async function handle(context: AmazonContext, request: FastifyRequest, reply: FastifyReply) {
  const target = String(request.headers['x-amz-target'] ?? '');
  const action = target.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : '';
  const key = `POST sqs:${action || 'unknown'}`;
  context.stats.requests[key] = (context.stats.requests[key] ?? 0) + 1;
  // The kit's "receiver down" fault, for a queue: the reader cannot reach SQS; messages wait.
  if (context.faults.isWebhookTargetDown()) return fail(reply, UNREACHABLE);
  const signed = checkSigV4(
    {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: rawBodies.get(request.raw) ?? '',
    },
    (keyId) =>
      [...context.state.apps.values()].find((a) => a.awsAccessKeyId === keyId)?.awsSecretAccessKey,
    Date.now(),
  );
  if (!signed.ok) return fail(reply, SIGNATURE_ERRORS[signed.reason]);
  const input = (request.body ?? {}) as Record<string, unknown>;
  const queueApp = context.state.appOfQueueUrl(stringField(input.QueueUrl));
  if (!['ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch'].includes(action))
    return fail(reply, {
      status: 400,
      type: 'com.amazonaws.sqs#UnsupportedOperation',
      queryCode: 'AWS.SimpleQueueService.UnsupportedOperation',
      message: `Unsupported action ${action}`,
    });
  if (!queueApp) return fail(reply, QUEUE_MISSING);
  if (signed.accessKeyId !== queueApp.awsAccessKeyId) return fail(reply, NOT_OWNER);
  if (action === 'ReceiveMessage') return receive(context, queueApp, input, reply);
  if (action === 'DeleteMessage') return deleteOne(queueApp, input, reply);
  return deleteBatch(queueApp, input, reply);
}

async function receive(
  context: AmazonContext,
  app: AppRecord,
  input: Record<string, unknown>,
  reply: FastifyReply,
) {
  const max = Number(input.MaxNumberOfMessages ?? 1);
  const wait = Number(input.WaitTimeSeconds ?? 0);
  const visibility =
    input.VisibilityTimeout === undefined ? undefined : Number(input.VisibilityTimeout);
  if (!Number.isInteger(max) || max < 1 || max > 10)
    return fail(reply, invalidParameter('MaxNumberOfMessages must be between 1 and 10'));
  if (!Number.isInteger(wait) || wait < 0 || wait > MAX_WAIT_S)
    return fail(reply, invalidParameter(`WaitTimeSeconds must be between 0 and ${MAX_WAIT_S}`));
  // Long polling: wait (real time) until a message is visible or the wait is over.
  const until = Date.now() + wait * 1000;
  while (!app.queue.hasVisible() && Date.now() < until && !context.closed)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  const messages = app.queue.receive(max, visibility === undefined ? undefined : visibility * 1000);
  return ok(reply, messages.length > 0 ? { Messages: messages } : {});
}

function deleteOne(app: AppRecord, input: Record<string, unknown>, reply: FastifyReply) {
  const outcome = app.queue.delete(stringField(input.ReceiptHandle));
  if (outcome === 'invalid')
    return fail(reply, {
      status: 400,
      type: 'com.amazonaws.sqs#ReceiptHandleIsInvalid',
      queryCode: 'ReceiptHandleIsInvalid',
      message: 'The input receipt handle is invalid.',
    });
  return ok(reply, {});
}

function deleteBatch(app: AppRecord, input: Record<string, unknown>, reply: FastifyReply) {
  const entries = Array.isArray(input.Entries)
    ? (input.Entries as Array<{ Id?: string; ReceiptHandle?: string }>)
    : [];
  if (entries.length === 0)
    return fail(reply, {
      status: 400,
      type: 'com.amazonaws.sqs#EmptyBatchRequest',
      queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest',
      message: 'There should be at least one DeleteMessageBatchRequestEntry in the request.',
    });
  if (entries.length > 10)
    return fail(reply, {
      status: 400,
      type: 'com.amazonaws.sqs#TooManyEntriesInBatchRequest',
      queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      message: 'Maximum number of entries per request are 10.',
    });
  const Successful: Array<{ Id: string }> = [];
  const Failed: Array<{ Id: string; SenderFault: boolean; Code: string; Message: string }> = [];
  for (const entry of entries) {
    const id = String(entry.Id ?? '');
    if (app.queue.delete(String(entry.ReceiptHandle ?? '')) === 'invalid')
      Failed.push({
        Id: id,
        SenderFault: true,
        Code: 'ReceiptHandleIsInvalid',
        Message: 'The input receipt handle is invalid.',
      });
    else Successful.push({ Id: id });
  }
  return ok(reply, { Successful, Failed });
}

function stringField(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function invalidParameter(message: string): SqsError {
  return {
    status: 400,
    type: 'com.amazonaws.sqs#InvalidParameterValue',
    queryCode: 'InvalidParameterValue',
    message,
  };
}

function ok(reply: FastifyReply, body: unknown): FastifyReply {
  return reply
    .code(200)
    .header('content-type', JSON_10)
    .header('x-amzn-RequestId', crypto.randomUUID())
    .send(Buffer.from(JSON.stringify(body)));
}

function fail(reply: FastifyReply, error: SqsError): FastifyReply {
  return reply
    .code(error.status)
    .header('content-type', JSON_10)
    .header('x-amzn-query-error', `${error.queryCode};Sender`)
    .send(Buffer.from(JSON.stringify({ __type: error.type, message: error.message })));
}
