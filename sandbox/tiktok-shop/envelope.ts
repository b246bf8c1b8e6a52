/**
 * TikTok's answer envelope `{code, message, request_id, data}` (tiktok-shop.md §1.5) and the codes
 * the emulator answers with. HTTP status: 401 for credential errors (a live capture shows 106001
 * with 401, §1.3), 429 when throttled, 500/503 for internal errors and overload (§1.5); business
 * refusals come with HTTP 200 and a nonzero code (the sheet does not say; choice documented).
 */
import type { FastifyReply } from 'fastify';
import type { EmulatorContext } from './context.ts';

export const CODES = {
  tooManyRequests: 36009002,
  internalError: 36009003,
  credentialsOrTimestamp: 36009004,
  invalidPath: 36009009,
  /** Used for every malformed request (body, query or ids): the sheet lists no finer code. */
  badRequest: 36009022,
  /** The sheet names 105xxx as the token group; 105001 is used here for an unknown token. */
  invalidToken: 105001,
  tokenExpired: 105002,
  badSign: 106001,
  missingShopCipher: 106013,
  productNotFound: 12052031,
  notYourProduct: 12052048,
  skuCheckFailed: 12052990,
  warehouseRequired: 12019028,
  allWarehousesRequired: 12052037,
  quantityOutOfLimits: 12052055,
  warehouseNotFound: 12052097,
  cancelReasonMismatch: 25001021,
  alreadyCancelled: 25001011,
  alreadyShipped: 25001045,
  completedOrCancelled: 25001051,
} as const;

/** What an API handler decided: the data to answer, or a refusal. */
export type ApiOutcome =
  { ok: true; data: unknown } | { ok: false; code: number; message: string; httpStatus?: number };

export function refuse(code: number, message: string, httpStatus = 200): ApiOutcome {
  return { ok: false, code, message, httpStatus };
}

export function sendEnvelope(
  context: EmulatorContext,
  reply: FastifyReply,
  answer: { httpStatus: number; code: number; message: string; data?: unknown },
): FastifyReply {
  return reply.code(answer.httpStatus).send({
    code: answer.code,
    message: answer.message,
    request_id: context.ids.next('request'),
    ...(answer.data === undefined ? {} : { data: answer.data }),
  });
}

export function sendOutcome(
  context: EmulatorContext,
  reply: FastifyReply,
  outcome: ApiOutcome,
): FastifyReply {
  if (outcome.ok)
    return sendEnvelope(context, reply, {
      httpStatus: 200,
      code: 0,
      message: 'Success',
      data: outcome.data,
    });
  const { code, message } = outcome;
  return sendEnvelope(context, reply, { httpStatus: outcome.httpStatus ?? 200, code, message });
}
