/**
 * Reading Shopee query parameters and JSON bodies the way the API validates them: a missing or
 * malformed parameter is `error_param` with a message naming it.
 */
import type { z } from 'zod';
import { paramError } from './envelope.ts';

export type Query = Record<string, string | string[] | undefined>;

/** A parameter's first value; undefined when absent or empty. */
export function optionalParam(query: Query, name: string): string | undefined {
  const value = query[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

export function requiredParam(query: Query, name: string): string {
  const value = optionalParam(query, name);
  if (value === undefined) throw paramError(`There is no ${name} in query.`);
  return value;
}

/** Every value of a repeatable parameter (`item_status=NORMAL&item_status=BANNED`). */
export function paramList(query: Query, name: string): string[] {
  const value = query[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v) => v !== '');
}

/** An integer parameter within [min, max]. */
export function intParam(
  query: Query,
  name: string,
  range: { min: number; max: number; fallback?: number },
): number {
  const raw = optionalParam(query, name);
  if (raw === undefined) {
    if (range.fallback !== undefined) return range.fallback;
    throw paramError(`There is no ${name} in query.`);
  }
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < range.min || value > range.max) {
    throw paramError(
      `Wrong parameters, detail: ${name} must be an integer in [${range.min}, ${range.max}].`,
    );
  }
  return value;
}

/** A comma-separated list (`order_sn_list=A,B`) of 1..max entries. */
export function commaList(query: Query, name: string, max: number): string[] {
  const values = requiredParam(query, name)
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (values.length < 1 || values.length > max) {
    throw paramError(`Wrong parameters, detail: ${name} limit [1,${max}].`);
  }
  return values;
}

/** A JSON body checked with zod; what fails is named in the message. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'body';
    throw paramError(`Wrong parameters, detail: ${where}: ${issue?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}
