/**
 * A small GraphQL reader for the emulator: one operation (query or mutation) with variables,
 * arguments, aliases, directives and inline fragments; no named fragments. Enough to serve and
 * cost the documents a Shopify app sends, and to refuse malformed ones as Shopify does (a
 * top-level `errors` answer).
 */

export type GqlValue =
  | { kind: 'variable'; name: string }
  | { kind: 'literal'; value: unknown }
  | { kind: 'list'; items: GqlValue[] }
  | { kind: 'object'; fields: Record<string, GqlValue> };

export interface GqlField {
  kind: 'field';
  name: string;
  alias: string;
  args: Record<string, GqlValue>;
  directives: Array<{ name: string; args: Record<string, GqlValue> }>;
  selections: GqlSelection[] | null;
}

export interface GqlFragment {
  kind: 'fragment';
  typeName: string;
  selections: GqlSelection[];
}

export type GqlSelection = GqlField | GqlFragment;

export interface GqlOperation {
  type: 'query' | 'mutation';
  selections: GqlSelection[];
}

/** A document the emulator cannot read: answered as a GraphQL syntax error. */
export class GqlSyntaxError extends Error {}

const TOKEN =
  /\s*(?:#[^\n]*\n\s*)*(\.\.\.|[{}()[\]:!$@=,]|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"(?:[^"\\]|\\.)*"|[_A-Za-z][_0-9A-Za-z]*)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (;;) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      if (text.slice(start).trim() === '') return tokens.filter((t) => t !== ',');
      throw new GqlSyntaxError(`Unexpected character at ${start}`);
    }
    tokens.push(match[1]!);
  }
}

class Reader {
  private at = 0;
  constructor(private readonly tokens: string[]) {}

  peek(): string | undefined {
    return this.tokens[this.at];
  }

  next(): string {
    const token = this.tokens[this.at++];
    if (token === undefined) throw new GqlSyntaxError('Unexpected end of document');
    return token;
  }

  expect(token: string): void {
    const got = this.next();
    if (got !== token) throw new GqlSyntaxError(`Expected ${token}, got ${got}`);
  }

  skip(token: string): boolean {
    if (this.peek() !== token) return false;
    this.at++;
    return true;
  }

  name(): string {
    const token = this.next();
    if (!/^[_A-Za-z]/.test(token)) throw new GqlSyntaxError(`Expected a name, got ${token}`);
    return token;
  }

  done(): boolean {
    return this.at >= this.tokens.length;
  }
}

export function parseOperation(text: string): GqlOperation {
  const reader = new Reader(tokenize(text));
  let type: GqlOperation['type'] = 'query';
  if (reader.peek() === 'query' || reader.peek() === 'mutation') {
    type = reader.next() as GqlOperation['type'];
    if (reader.peek() !== '(' && reader.peek() !== '{' && reader.peek() !== '@') reader.name();
    if (reader.skip('(')) skipVariableDefinitions(reader);
    readDirectives(reader);
  }
  const selections = readSelectionSet(reader);
  if (!reader.done()) throw new GqlSyntaxError('Only one operation per document is served');
  return { type, selections };
}

function skipVariableDefinitions(reader: Reader): void {
  while (!reader.skip(')')) {
    reader.expect('$');
    reader.name();
    reader.expect(':');
    skipType(reader);
    if (reader.skip('=')) readValue(reader);
  }
}

function skipType(reader: Reader): void {
  if (reader.skip('[')) {
    skipType(reader);
    reader.expect(']');
  } else reader.name();
  reader.skip('!');
}

function readSelectionSet(reader: Reader): GqlSelection[] {
  reader.expect('{');
  const selections: GqlSelection[] = [];
  while (!reader.skip('}')) selections.push(readSelection(reader));
  if (selections.length === 0) throw new GqlSyntaxError('Empty selection set');
  return selections;
}

function readSelection(reader: Reader): GqlSelection {
  if (reader.skip('...')) {
    if (reader.next() !== 'on') throw new GqlSyntaxError('Named fragments are not served');
    const typeName = reader.name();
    return { kind: 'fragment', typeName, selections: readSelectionSet(reader) };
  }
  let alias = reader.name();
  let name = alias;
  if (reader.skip(':')) name = reader.name();
  else alias = name;
  const args = reader.peek() === '(' ? readArguments(reader) : {};
  const directives = readDirectives(reader);
  const selections = reader.peek() === '{' ? readSelectionSet(reader) : null;
  return { kind: 'field', name, alias, args, directives, selections };
}

function readArguments(reader: Reader): Record<string, GqlValue> {
  reader.expect('(');
  const args: Record<string, GqlValue> = {};
  while (!reader.skip(')')) {
    const name = reader.name();
    reader.expect(':');
    args[name] = readValue(reader);
  }
  return args;
}

function readDirectives(reader: Reader): GqlField['directives'] {
  const directives: GqlField['directives'] = [];
  while (reader.skip('@')) {
    const name = reader.name();
    directives.push({ name, args: reader.peek() === '(' ? readArguments(reader) : {} });
  }
  return directives;
}

function readValue(reader: Reader): GqlValue {
  const token = reader.next();
  if (token === '$') return { kind: 'variable', name: reader.name() };
  if (token === '[') {
    const items: GqlValue[] = [];
    while (!reader.skip(']')) items.push(readValue(reader));
    return { kind: 'list', items };
  }
  if (token === '{') {
    const fields: Record<string, GqlValue> = {};
    while (!reader.skip('}')) {
      const name = reader.name();
      reader.expect(':');
      fields[name] = readValue(reader);
    }
    return { kind: 'object', fields };
  }
  if (token.startsWith('"')) return { kind: 'literal', value: JSON.parse(token) as unknown };
  if (/^-?\d/.test(token)) return { kind: 'literal', value: Number(token) };
  if (token === 'true' || token === 'false') return { kind: 'literal', value: token === 'true' };
  if (token === 'null') return { kind: 'literal', value: null };
  if (/^[_A-Za-z]/.test(token)) return { kind: 'literal', value: token };
  throw new GqlSyntaxError(`Unexpected ${token}`);
}

/** An argument's value with the request's variables put in. */
export function valueOf(value: GqlValue, variables: Record<string, unknown>): unknown {
  switch (value.kind) {
    case 'variable':
      return variables[value.name] ?? null;
    case 'literal':
      return value.value;
    case 'list':
      return value.items.map((item) => valueOf(item, variables));
    case 'object':
      return Object.fromEntries(
        Object.entries(value.fields).map(([k, v]) => [k, valueOf(v, variables)]),
      );
  }
}

export function argsOf(
  args: Record<string, GqlValue>,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, valueOf(v, variables)]));
}
