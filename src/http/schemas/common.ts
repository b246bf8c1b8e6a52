/**
 * Building blocks of request and response schemas: codes, quantities, free text, paging, the
 * Idempotency-Key header and the error body. Every field has a bound (ARCHITECTURE: everything
 * has a limit); bodies are strict objects, so a misspelt field is an error, not silently ignored.
 */
import { z } from 'zod';
import { MAX_LINE_QUANTITY } from '../../domain/movements.ts';

/** No control characters, unpaired surrogates or U+FFFD (the mark of mangled encoding). */
const CLEAN_TEXT = /^[^\p{Cc}\p{Cs}\uFFFD]*$/u;
const NO_EDGE_SPACE = /^(?!\s)[\s\S]*(?<!\s)$/u;

/** SKU and warehouse codes as sellers write them (any script), without edge spaces. */
export const Code = z
  .string()
  .min(1)
  .max(64)
  .regex(CLEAN_TEXT)
  .regex(NO_EDGE_SPACE)
  .meta({ description: 'A SKU or warehouse code', example: 'CASE-IP15-BLK' });

export function text(max: number) {
  return z.string().max(max).regex(CLEAN_TEXT);
}

/** A non-empty label (names, references) up to `max` characters. */
export function label(max: number) {
  return text(max).min(1).regex(NO_EDGE_SPACE);
}

export const Quantity = z.number().int().min(1).max(MAX_LINE_QUANTITY);
export const Counted = z.number().int().min(0).max(MAX_LINE_QUANTITY);
export const MAX_LINES = 1000;

/** ISO 8601 time with an offset (UTC `Z` or `+08:00`). */
export const IsoTime = z.iso.datetime({ offset: true });

/**
 * Client-chosen keys: letters, digits and `_ . ~ + / = -`. Colons are reserved for keys the
 * server derives (`<hold id>:ship`), so a client key can never collide with one.
 */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.~+/=-]{1,128}$/;

export const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z.string().regex(IDEMPOTENCY_KEY).optional().meta({
    description:
      'Required. Repeating a request with the same key returns the first result and changes nothing.',
  }),
});

export const Limit = z.coerce.number().int().min(1).max(500).default(50);
export const Offset = z.coerce.number().int().min(0).max(10_000_000).default(0);

/** A query parameter listing enum values, comma-separated or repeated: `status=zero,low`. */
export function enumList<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .union([z.string().max(200), z.array(z.string().max(200)).max(20)])
    .transform((v) =>
      [v]
        .flat()
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).max(values.length * 4));
}

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'INSUFFICIENT_STOCK' }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .meta({ id: 'Error' });

const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 415] as const;

/** A route's success responses plus the documented error responses. */
export function withErrors<T extends Record<number, z.ZodType>>(success: T) {
  const errors = Object.fromEntries(ERROR_STATUSES.map((s) => [s, ErrorBody])) as Record<
    (typeof ERROR_STATUSES)[number],
    typeof ErrorBody
  >;
  return { ...errors, ...success };
}

export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
