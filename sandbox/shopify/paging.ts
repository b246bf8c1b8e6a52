/**
 * Cursor paging as Shopify's connections do it (`first`/`after`, `pageInfo{hasNextPage,
 * endCursor}`, at most 250 per page): the cursor is opaque to the client and names the last item
 * returned, so a page after it starts right after that item whatever was added meanwhile.
 */
import type { GqlObject } from './graphql-exec.ts';
import { GqlError } from './graphql-exec.ts';

const MAX_FIRST = 250;

export function toCursor(key: string): string {
  return Buffer.from(JSON.stringify({ last: key })).toString('base64');
}

function fromCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { last?: unknown };
    if (typeof parsed.last === 'string') return parsed.last;
  } catch {
    // answered below
  }
  throw new GqlError(`Invalid cursor for current pagination sort.`);
}

/** A connection over items already in order; `keyOf` gives each item's sort key (comparable). */
export function connection<T>(
  typename: string,
  items: T[],
  args: Record<string, unknown>,
  options: {
    keyOf: (item: T) => string;
    compare: (a: string, b: string) => number;
    view: (item: T) => GqlObject;
  },
): GqlObject {
  const first = args.first;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 0)
    throw new GqlError('you must provide one of first or last');
  if (first > MAX_FIRST)
    throw new GqlError(
      `The requested page size exceeds the maximum of ${MAX_FIRST}`,
      'BAD_REQUEST',
    );
  const after = typeof args.after === 'string' ? fromCursor(args.after) : null;
  const rest =
    after === null ? items : items.filter((i) => options.compare(options.keyOf(i), after) > 0);
  const page = rest.slice(0, first);
  const last = page[page.length - 1];
  return {
    __typename: `${typename}Connection`,
    pageInfo: {
      __typename: 'PageInfo',
      hasNextPage: rest.length > page.length,
      hasPreviousPage: after !== null,
      endCursor: last === undefined ? null : toCursor(options.keyOf(last)),
      startCursor: page[0] === undefined ? null : toCursor(options.keyOf(page[0])),
    },
    nodes: page.map(options.view),
    edges: page.map((item) => ({
      __typename: `${typename}Edge`,
      cursor: toCursor(options.keyOf(item)),
      node: options.view(item),
    })),
  };
}

/** Shopify ids are numbers: shorter is smaller. */
export function compareNumeric(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
