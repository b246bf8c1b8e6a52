/**
 * Lazada's answers (lazada.md §3.5): `{"code":"0","data":…,"request_id":…}` on success,
 * `{"type","code","message","request_id"}` on error, `code` always a string. Business and
 * gateway errors come with HTTP 200 (the SDKs read `code`, not the status); only the injected
 * faults use 429/500/503. Also Lazada's date-time format for order answers.
 */

/** What a handler decided. `detail` lists SKUs that failed (stock updates). */
export type ApiAnswer =
  | { ok: true; data?: unknown; detail?: unknown[]; topLevel?: Record<string, unknown> }
  | {
      ok: false;
      code: string;
      message: string;
      type?: 'ISV' | 'ISP' | 'SYSTEM';
      detail?: unknown[];
    };

/** A refusal; `type` ISV = the caller's mistake (LZ-DOC error-messages). */
export function refuse(
  code: string,
  message: string,
  type: 'ISV' | 'ISP' | 'SYSTEM' = 'ISV',
): ApiAnswer {
  return { ok: false, code, message, type };
}

/** The JSON body of an answer. */
export function answerBody(answer: ApiAnswer, requestId: string): Record<string, unknown> {
  if (answer.ok) {
    return {
      code: '0',
      ...(answer.topLevel ?? {}),
      ...(answer.data === undefined ? {} : { data: answer.data }),
      ...(answer.detail && answer.detail.length > 0 ? { detail: answer.detail } : {}),
      request_id: requestId,
    };
  }
  return {
    type: answer.type ?? 'ISV',
    code: answer.code,
    message: answer.message,
    ...(answer.detail ? { detail: answer.detail } : {}),
    request_id: requestId,
  };
}

/** "2023-11-14 10:00:00 +0800": order answers give Singapore time in this form (LZ-DOC examples). */
export function lazadaDateTime(ms: number): string {
  const local = new Date(Math.floor(ms / 1000) * 1000 + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} +0800`;
}
