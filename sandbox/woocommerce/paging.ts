/**
 * Collection paging as the WP REST API does it (woocommerce.md §6.2): `per_page` 1–100 (else 400),
 * `page` from 1, or `offset`, and the X-WP-Total / X-WP-TotalPages / Link headers.
 */
import type { FastifyRequest } from 'fastify';
import { invalidParam } from './errors.ts';
import type { Answer } from './gate.ts';

export function queryOf(request: FastifyRequest): URLSearchParams {
  const at = request.url.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : request.url.slice(at + 1));
}

export function paged<T>(
  request: FastifyRequest,
  items: T[],
  toJson: (item: T) => unknown,
): Answer {
  const query = queryOf(request);
  const perPage = intParam(query, 'per_page', 10);
  if (perPage < 1 || perPage > 100) throw invalidParam('per_page');
  const page = intParam(query, 'page', 1);
  if (page < 1) throw invalidParam('page');
  const offset = query.has('offset') ? intParam(query, 'offset', 0) : (page - 1) * perPage;
  const total = items.length;
  const totalPages = Math.ceil(total / perPage);
  const headers: Record<string, string> = {
    'x-wp-total': String(total),
    'x-wp-totalpages': String(totalPages),
  };
  if (page < totalPages)
    headers.link = `<${request.url.replace(/([?&])page=\d+/, `$1page=${page + 1}`)}>; rel="next"`;
  return { body: items.slice(offset, offset + perPage).map(toJson), headers };
}

export function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const value = query.get(name);
  if (value === null || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw invalidParam(name);
  return Number(value);
}

/** Sorts by `orderby` (a key getter per accepted value) and `order` (asc|desc, desc by default). */
export function sorted<T>(
  query: URLSearchParams,
  items: T[],
  keys: Record<string, (item: T) => number>,
  fallback: string,
): T[] {
  const by = query.get('orderby') ?? fallback;
  const key = keys[by];
  if (!key) throw invalidParam('orderby');
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalidParam('order');
  const sign = order === 'asc' ? 1 : -1;
  const id = keys.id ?? (() => 0);
  return [...items].sort((a, b) => sign * (key(a) - key(b) || id(a) - id(b)));
}
