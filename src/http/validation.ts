/**
 * Request validation with zod, and validation errors a seller can read in their language.
 * The compiled validator keeps zod's raw issues; the error handler localizes them per request
 * with zod's own en / zh-CN locales. Inputs are never echoed back.
 */
import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import type { Locale } from '../i18n/locale.ts';

/** At most this many issues are reported; a 1 MB body can hold thousands. */
const MAX_REPORTED_ISSUES = 20;
const MAX_MESSAGE_CHARS = 200;

type Issue = z.core.$ZodIssue;

/** Thrown (returned) by the validator; Fastify adds `validationContext` (body, querystring, …). */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  readonly code = 'FST_ERR_VALIDATION';
  validationContext?: string;
  constructor(readonly issues: readonly Issue[]) {
    super('request validation failed');
  }
}

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => {
  return (data: unknown) => {
    const result = schema.safeParse(data, { reportInput: true });
    return result.success
      ? { value: result.data }
      : { error: new RequestValidationError(result.error.issues) };
  };
};

const LOCALE_ERRORS: Record<Locale, z.core.$ZodErrorMap> = {
  en: z.locales.en().localeError,
  'zh-CN': z.locales.zhCN().localeError,
};

export interface ReportedIssue {
  in: string;
  path: string;
  code: string;
  message: string;
}

/** The details of a VALIDATION_FAILED error: a one-line summary and the first issues. */
export function validationDetails(
  error: RequestValidationError,
  locale: Locale,
): { summary: string; issues: ReportedIssue[] } {
  const where = error.validationContext ?? 'request';
  const issues = error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => ({
    in: where,
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: localize(issue, locale),
  }));
  const summary = issues
    .map((i) => `${[i.in, i.path].filter(Boolean).join('.')}: ${i.message}`)
    .join('; ');
  return { summary, issues };
}

function localize(issue: Issue, locale: Locale): string {
  const produced = LOCALE_ERRORS[locale](issue as Parameters<z.core.$ZodErrorMap>[0]);
  const text = typeof produced === 'string' ? produced : (produced?.message ?? issue.message);
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}

/** Problems found outside zod (body parsing, handler checks); each in both languages. */
export type BodyProblem =
  | 'invalid_json'
  | 'invalid_utf8'
  | 'too_deep'
  | 'empty_body'
  | 'bad_request'
  | 'unit_cost_format'
  | 'invalid_cursor';

const BODY_PROBLEMS: Record<BodyProblem, Record<Locale, string>> = {
  invalid_json: { en: 'the body is not valid JSON', 'zh-CN': '请求体不是有效的 JSON' },
  invalid_utf8: { en: 'the body is not valid UTF-8', 'zh-CN': '请求体不是有效的 UTF-8 编码' },
  too_deep: { en: 'the JSON is nested too deeply', 'zh-CN': 'JSON 嵌套层级过深' },
  empty_body: { en: 'the JSON body is empty', 'zh-CN': 'JSON 请求体为空' },
  bad_request: { en: 'the request is malformed', 'zh-CN': '请求格式错误' },
  unit_cost_format: {
    en: "body.unitCost: a plain decimal with no more digits after the point than the currency's minor unit",
    'zh-CN': 'body.unitCost：须为普通小数，小数位数不超过该币种的最小单位',
  },
  invalid_cursor: {
    en: 'query.cursor: not a cursor this API returned',
    'zh-CN': 'query.cursor：不是本接口返回的游标',
  },
};

export function bodyProblemDetails(
  problem: BodyProblem,
  locale: Locale,
): { summary: string; reason: BodyProblem } {
  return { summary: BODY_PROBLEMS[problem][locale], reason: problem };
}
