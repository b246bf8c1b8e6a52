/**
 * Cursor paging as TikTok answers it (tiktok-shop.md §1.10): `page_size` 1..100 and an opaque
 * `page_token` in the query; `next_page_token` '' on the last page.
 */
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  pageSize: number;
  offset: number;
}

/** Reads page_size and page_token; null when either is not acceptable. */
export function readPageRequest(query: URLSearchParams): PageRequest | null {
  const pageSize = Number(query.get('page_size'));
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) return null;
  const token = query.get('page_token') ?? '';
  if (token === '') return { pageSize, offset: 0 };
  const offset = Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^o:/, ''));
  return Number.isInteger(offset) && offset >= 0 ? { pageSize, offset } : null;
}

/** One page of `items` and the token of the next ('' when there is none). */
export function pageOf<T>(items: T[], page: PageRequest): { items: T[]; nextPageToken: string } {
  const end = page.offset + page.pageSize;
  const nextPageToken = end < items.length ? Buffer.from(`o:${end}`).toString('base64url') : '';
  return { items: items.slice(page.offset, end), nextPageToken };
}
