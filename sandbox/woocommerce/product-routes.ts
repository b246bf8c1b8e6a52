/**
 * Product and variation routes (woocommerce.md §6.2): reads with paging, single updates and the
 * batch endpoints (at most 100 objects; an object that fails is an `{id, error}` entry inside the
 * 200 answer). Only the stock fields are writable here: manage_stock and stock_quantity.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WooContext } from './context.ts';
import { invalidId, invalidParam, WooApiError } from './errors.ts';
import { route, type Answer } from './gate.ts';
import { paged, queryOf, sorted } from './paging.ts';
import type { ProductRecord, StockKeeper, StoreRecord } from './state.ts';
import { API_PREFIX, productJson, variationJson } from './views.ts';

/** `check_batch_limit`: create + update + delete at most 100 (§6.2). */
const BATCH_LIMIT = 100;

type Params = { id?: string; variationId?: string };

export function registerProductRoutes(app: FastifyInstance, context: WooContext): void {
  const p = `${API_PREFIX}/products`;
  app.get(
    p,
    route(context, 'GET products', (store, request) => {
      const query = queryOf(request);
      const include = idList(query.get('include'));
      const products = [...store.products.values()].filter((x) => !include || include.has(x.id));
      const keys = {
        id: (x: ProductRecord) => x.id,
        date: (x: ProductRecord) => x.id,
        modified: (x: ProductRecord) => x.modifiedMs,
      };
      return paged(request, sorted(query, products, keys, 'date'), (x) => productJson(store, x));
    }),
  );
  app.get(
    `${p}/:id`,
    route(context, 'GET products/{id}', (store, request) => ({
      body: productJson(store, productOf(store, request)),
    })),
  );
  app.put(
    `${p}/:id`,
    route(context, 'PUT products/{id}', (store, request) => {
      const product = productOf(store, request);
      applyStock(context, product, request.body);
      return { body: productJson(store, product) };
    }),
  );
  app.post(
    `${p}/batch`,
    route(context, 'POST products/batch', (store, request) =>
      batch(
        context,
        request,
        (id) => store.products.get(id) ?? null,
        'product',
        (k) => productJson(store, k as ProductRecord),
      ),
    ),
  );
  app.get(
    `${p}/:id/variations`,
    route(context, 'GET products/{id}/variations', (store, request) => {
      const product = productOf(store, request);
      const keys = { id: (x: StockKeeper) => x.id, date: (x: StockKeeper) => x.id };
      const list = sorted(queryOf(request), [...product.variations.values()], keys, 'date');
      return paged(request, list, (x) => variationJson(store, x));
    }),
  );
  app.put(
    `${p}/:id/variations/:variationId`,
    route(context, 'PUT products/{id}/variations/{id}', (store, request) => {
      const product = productOf(store, request);
      const variation = product.variations.get(Number((request.params as Params).variationId));
      if (!variation) throw invalidId('product_variation', 400);
      applyStock(context, variation, request.body);
      return { body: variationJson(store, variation) };
    }),
  );
  app.post(
    `${p}/:id/variations/batch`,
    route(context, 'POST products/{id}/variations/batch', (store, request) => {
      const product = productOf(store, request);
      return batch(
        context,
        request,
        (id) => product.variations.get(id) ?? null,
        'product_variation',
        (k) => variationJson(store, k as never),
      );
    }),
  );
}

function productOf(store: StoreRecord, request: FastifyRequest): ProductRecord {
  const product = store.products.get(Number((request.params as Params).id));
  if (!product) throw invalidId('product');
  return product;
}

/** `{create, update, delete}`; only update is served (StockPool creates and deletes nothing). */
function batch(
  context: WooContext,
  request: FastifyRequest,
  find: (id: number) => StockKeeper | null,
  postType: string,
  toJson: (keeper: StockKeeper) => unknown,
): Answer {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const lists = ['create', 'update', 'delete'].map((key) =>
    Array.isArray(body[key]) ? (body[key] as unknown[]) : [],
  );
  const count = lists.reduce((sum, list) => sum + list.length, 0);
  if (count > BATCH_LIMIT)
    throw new WooApiError(
      'woocommerce_rest_request_entity_too_large',
      `Unable to accept more than ${BATCH_LIMIT} items for this request.`,
      413,
    );
  const update = (lists[1] ?? []).map((item) => {
    const id = Number((item as { id?: unknown }).id);
    try {
      const keeper = Number.isInteger(id) ? find(id) : null;
      if (!keeper) throw invalidId(postType, 400);
      applyStock(context, keeper, item);
      return toJson(keeper);
    } catch (error) {
      if (!(error instanceof WooApiError)) throw error;
      return { id: Number.isFinite(id) ? id : 0, error: error.body() };
    }
  });
  return { body: { update } };
}

function applyStock(context: WooContext, keeper: StockKeeper, raw: unknown): void {
  const body = (raw ?? {}) as Record<string, unknown>;
  const { manage_stock: manage, stock_quantity: quantity } = body;
  if (manage !== undefined && typeof manage !== 'boolean') throw invalidParam('manage_stock');
  if (quantity !== undefined && quantity !== null && !Number.isInteger(quantity))
    throw invalidParam('stock_quantity');
  if (typeof manage === 'boolean') keeper.manageStock = manage;
  keeper.modifiedMs = context.nowMs();
  if (typeof quantity !== 'number') return;
  keeper.stockQuantity = quantity;
  context.stats.stockWrites += 1;
}

function idList(value: string | null): Set<number> | null {
  if (!value) return null;
  return new Set(value.split(',').map(Number).filter(Number.isInteger));
}
