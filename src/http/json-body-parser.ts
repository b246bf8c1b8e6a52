/**
 * The JSON body parser: strict UTF-8 (a body with invalid bytes is refused rather than silently
 * patched with U+FFFD), a nesting limit checked before parsing, and Fastify's own parser for the
 * rest (which refuses `__proto__` and `constructor.prototype` keys).
 */
import type { FastifyInstance } from 'fastify';
import type { BodyProblem } from './validation.ts';

/** Deeper than any request this API accepts; deeper input is junk or an attack. */
export const MAX_JSON_DEPTH = 32;

export class BodyParseError extends Error {
  readonly statusCode = 400;
  constructor(readonly problem: BodyProblem) {
    super(`request body rejected: ${problem}`);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function registerJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(new BodyParseError('invalid_utf8'), undefined);
      return;
    }
    if (text.trim() === '') return done(new BodyParseError('empty_body'), undefined);
    if (exceedsDepth(text, MAX_JSON_DEPTH)) return done(new BodyParseError('too_deep'), undefined);
    // Fastify's parser is synchronous and answers through the callback; it returns nothing.
    void parseJson(request, text, (error, value) =>
      error ? done(new BodyParseError('invalid_json'), undefined) : done(null, value),
    );
  });
}

/** Whether brackets outside strings nest deeper than `limit`; a linear scan, no recursion. */
export function exceedsDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
