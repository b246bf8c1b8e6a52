/**
 * The emulator's HTTP front (node:http): reads the request (query and, for POSTs, the form
 * body, as Lazada's SDKs send every parameter, §3.1), strips the gateway's `/rest`, sends
 * `/_emulator/` paths to the control routes, and API paths through the gateway checks to their
 * handler. A timeout-after-apply fault runs the handler and never answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerBody, refuse, type ApiAnswer } from './answers.ts';
import { API_ROUTES } from './api-routes.ts';
import type { EmulatorContext } from './context.ts';
import { admit } from './gateway.ts';
import { expireUnpaidOrders } from './order-flow.ts';

/** Request bodies larger than this are refused (everything has a limit). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export type ControlHandler = (
  method: string,
  path: string,
  query: URLSearchParams,
  body: string,
) => { status: number; body: unknown } | null;

export async function handleRequest(
  context: EmulatorContext,
  control: ControlHandler,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://emulator');
  const body = await readBody(request);
  if (body === null) return sendJson(response, 413, { error: 'body too large' });
  if (url.pathname.startsWith('/_emulator/')) {
    const answer = control(request.method ?? 'GET', url.pathname, url.searchParams, body);
    return sendJson(
      response,
      answer?.status ?? 404,
      answer?.body ?? { error: 'no such control route' },
    );
  }
  const apiPath = url.pathname.replace(/^\/rest(?=\/)/, '');
  const params = new URLSearchParams(url.searchParams);
  if ((request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded'))
    for (const [key, value] of new URLSearchParams(body)) params.set(key, value);
  await answerApi(context, apiPath, params, response);
}

async function answerApi(
  context: EmulatorContext,
  apiPath: string,
  params: URLSearchParams,
  response: ServerResponse,
): Promise<void> {
  expireUnpaidOrders(context);
  const route = API_ROUTES[apiPath];
  if (!route)
    return sendAnswer(
      context,
      response,
      200,
      refuse('InvalidApiPath', `The specified API path ${apiPath} is invalid`),
    );
  const admission = await admit(context, apiPath, params, route.needsToken);
  if (!admission.admitted) {
    if (admission.retryAfterSeconds !== undefined)
      response.setHeader('retry-after', String(admission.retryAfterSeconds));
    return sendAnswer(context, response, admission.httpStatus, admission.answer);
  }
  const answer = route.handle({ context, shop: admission.shop, appKey: admission.appKey, params });
  if (admission.hangAfterApply) {
    // Applied, never answered: the socket stays open until the client gives up or we close.
    context.hung.add(response);
    response.on('close', () => context.hung.delete(response));
    return;
  }
  sendAnswer(context, response, 200, answer);
}

function sendAnswer(
  context: EmulatorContext,
  response: ServerResponse,
  status: number,
  answer: ApiAnswer,
): void {
  sendJson(response, status, answerBody(answer, context.requestId()));
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** The body as text, or null when it is over the limit. */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(size > BODY_LIMIT_BYTES ? null : Buffer.concat(chunks).toString('utf8')),
    );
    request.on('error', reject);
  });
}
