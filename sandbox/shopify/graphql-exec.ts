/**
 * Executing a parsed operation over the emulator's objects, and costing it as Shopify does
 * (shopify.md §5.5 and the public cost rules): scalars 0, objects 1, a connection or a list taken
 * with `first` 2 plus `first` times its item, `nodes(ids:)` one item per id, a mutation 10.
 * The requested cost is read from the document before anything runs; the actual cost counts what
 * was returned.
 *
 * Emulated objects are plain objects: `__typename`, and per field either a value or a function of
 * the field's arguments. A field the object lacks is the GraphQL error Shopify gives for it.
 */
import type { GqlField, GqlOperation, GqlSelection } from './graphql-parse.ts';
import { argsOf } from './graphql-parse.ts';

export type GqlObject = { __typename: string } & Record<string, unknown>;

/** A refusal inside execution (bad argument, unknown field): the answer's `errors`. */
export class GqlError extends Error {
  constructor(
    message: string,
    readonly code: string = 'BAD_REQUEST',
  ) {
    super(message);
  }
}

export const MUTATION_COST = 10;

/** The cost Shopify would request for an operation before running it. */
export function requestedCost(operation: GqlOperation, variables: Record<string, unknown>): number {
  if (operation.type === 'mutation') return MUTATION_COST * operation.selections.length;
  return selectionsCost(operation.selections, variables);
}

function selectionsCost(selections: GqlSelection[], variables: Record<string, unknown>): number {
  let fields = 0;
  let fragments = 0;
  for (const selection of selections) {
    if (selection.kind === 'fragment')
      fragments = Math.max(fragments, selectionsCost(selection.selections, variables));
    else fields += fieldCost(selection, variables);
  }
  return fields + fragments;
}

function fieldCost(field: GqlField, variables: Record<string, unknown>): number {
  if (!field.selections || field.name === 'pageInfo') return 0;
  const args = argsOf(field.args, variables);
  const item = 1 + selectionsCost(itemSelections(field.selections), variables);
  if (typeof args.first === 'number' || typeof args.last === 'number')
    return 2 + Number(args.first ?? args.last) * item;
  if (Array.isArray(args.ids)) return args.ids.length * item;
  return 1 + selectionsCost(field.selections, variables);
}

/** A connection's item: what `nodes` or `edges.node` select; else the field's own selection. */
function itemSelections(selections: GqlSelection[]): GqlSelection[] {
  const items: GqlSelection[] = [];
  let isConnection = false;
  for (const s of selections) {
    if (s.kind !== 'field') continue;
    if (s.name === 'nodes' && s.selections) {
      isConnection = true;
      items.push(...s.selections);
    }
    if (s.name === 'edges' && s.selections) {
      isConnection = true;
      for (const e of s.selections)
        if (e.kind === 'field' && e.name === 'node' && e.selections) items.push(...e.selections);
    }
  }
  return isConnection ? items : selections;
}

/** Runs the selections over a root object; returns data and the actual cost. */
export function execute(
  root: GqlObject,
  operation: GqlOperation,
  variables: Record<string, unknown>,
): { data: Record<string, unknown>; actualCost: number } {
  const counter = { cost: 0 };
  const data = selectOn(root, operation.selections, variables, counter);
  const actualCost =
    operation.type === 'mutation' ? requestedCost(operation, variables) : counter.cost;
  return { data, actualCost };
}

function selectOn(
  object: GqlObject,
  selections: GqlSelection[],
  variables: Record<string, unknown>,
  counter: { cost: number },
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const selection of selections) {
    if (selection.kind === 'fragment') {
      if (selection.typeName === object.__typename)
        Object.assign(result, selectOn(object, selection.selections, variables, counter));
      continue;
    }
    result[selection.alias] = resolveField(object, selection, variables, counter);
  }
  return result;
}

function resolveField(
  object: GqlObject,
  field: GqlField,
  variables: Record<string, unknown>,
  counter: { cost: number },
): unknown {
  if (field.name === '__typename') return object.__typename;
  if (!(field.name in object))
    throw new GqlError(
      `Field '${field.name}' doesn't exist on type '${object.__typename}'`,
      'undefinedField',
    );
  const raw = object[field.name];
  const value =
    typeof raw === 'function'
      ? (raw as (a: unknown) => unknown)(argsOf(field.args, variables))
      : raw;
  if (!field.selections || value === null || value === undefined) return value ?? null;
  const one = (item: unknown): unknown => {
    if (item === null) return null;
    const child = item as GqlObject;
    counter.cost += costOfObject(child);
    return selectOn(child, field.selections ?? [], variables, counter);
  };
  return Array.isArray(value) ? value.map(one) : one(value);
}

/** Connections cost 2, page info nothing, any other object 1. */
function costOfObject(object: GqlObject): number {
  if (object.__typename === 'PageInfo') return 0;
  return object.__typename.endsWith('Connection') ? 2 : 1;
}
