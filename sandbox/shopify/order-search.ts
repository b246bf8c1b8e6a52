/**
 * Shopify's order search syntax, as much as an app syncing orders uses (shopify.md §5.4):
 * `updated_at` and `created_at` compared with `>=`, `>`, `<=`, `<` against a time, terms joined
 * with AND; quoted or bare values. Unknown terms are ignored, as Shopify ignores fields it does
 * not filter on. Times compare to the second.
 */
import type { Order } from './state.ts';

type Compare = (orderSeconds: number) => boolean;

const TERM = /^(updated_at|created_at):(>=|<=|>|<)?'?([^']+)'?$/;

export function parseOrderSearch(query: string): (order: Order) => boolean {
  const tests: Array<{ field: 'updated_at' | 'created_at'; test: Compare }> = [];
  for (const term of query.split(/\s+AND\s+/i)) {
    const match = TERM.exec(term.trim());
    if (!match) continue;
    const seconds = Math.floor(Date.parse(match[3]!) / 1000);
    if (Number.isNaN(seconds)) continue;
    const op = match[2] ?? '=';
    const test: Compare = (s) =>
      op === '>='
        ? s >= seconds
        : op === '>'
          ? s > seconds
          : op === '<='
            ? s <= seconds
            : op === '<'
              ? s < seconds
              : s === seconds;
    tests.push({ field: match[1] as 'updated_at' | 'created_at', test });
  }
  return (order) =>
    tests.every(({ field, test }) =>
      test(Math.floor((field === 'updated_at' ? order.updatedAtMs : order.createdAtMs) / 1000)),
    );
}
