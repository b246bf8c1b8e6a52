/**
 * Order routes (woocommerce.md §6.2): the list with its filters (status, include, modified and
 * created windows in GMT, paging, orderby), one order, the seller's status change (with core's
 * stock handling, order-flow.ts) and order notes. A move to cancelled through the API is a seller
 * cancellation; the note that follows it is recorded as its reason.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WooContext } from './context.ts';
import { invalidId, invalidParam } from './errors.ts';
import { route } from './gate.ts';
import { changeStatus } from './order-flow.ts';
import { paged, queryOf, sorted } from './paging.ts';
import type { OrderRecord, StoreRecord } from './state.ts';
import { API_PREFIX, gmt, orderJson } from './views.ts';

const STATUSES = [
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'trash',
  'checkout-draft',
];
/** `status=any` leaves these out, as the list's default does. */
const NOT_IN_ANY = new Set(['trash', 'checkout-draft']);

export function registerOrderRoutes(app: FastifyInstance, context: WooContext): void {
  const o = `${API_PREFIX}/orders`;
  app.get(
    o,
    route(context, 'GET orders', (store, request) => {
      const query = queryOf(request);
      const keys = {
        id: (x: OrderRecord) => x.id,
        include: (x: OrderRecord) => x.id,
        date: (x: OrderRecord) => x.createdMs,
        modified: (x: OrderRecord) => x.modifiedMs,
      };
      const list = sorted(query, [...store.orders.values()].filter(matches(query)), keys, 'date');
      return paged(request, list, (x) => orderJson(store, x));
    }),
  );
  app.get(
    `${o}/:id`,
    route(context, 'GET orders/{id}', (store, request) => ({
      body: orderJson(store, orderOf(store, request)),
    })),
  );
  app.put(
    `${o}/:id`,
    route(context, 'PUT orders/{id}', (store, request) => {
      const order = orderOf(store, request);
      const status = ((request.body ?? {}) as { status?: unknown }).status;
      if (status !== undefined) {
        if (typeof status !== 'string' || !STATUSES.includes(status)) throw invalidParam('status');
        if (status === 'cancelled' && order.status !== 'cancelled')
          context.stats.sellerCancellations.push({ orderId: String(order.id), reason: '' });
        changeStatus(context, store, order, status);
      }
      return { body: orderJson(store, order) };
    }),
  );
  app.post(
    `${o}/:id/notes`,
    route(context, 'POST orders/{id}/notes', (store, request) => {
      const order = orderOf(store, request);
      const body = (request.body ?? {}) as { note?: unknown; customer_note?: unknown };
      if (typeof body.note !== 'string' || body.note === '') throw invalidParam('note');
      const note = {
        id: context.state.id(),
        note: body.note,
        customerNote: body.customer_note === true,
      };
      order.notes.push(note);
      const cancellation = context.stats.sellerCancellations.findLast(
        (c) => c.orderId === String(order.id),
      );
      if (cancellation && cancellation.reason === '') cancellation.reason = body.note;
      return {
        status: 201,
        body: {
          id: note.id,
          author: 'system',
          date_created_gmt: gmt(context.nowMs()),
          note: note.note,
          customer_note: note.customerNote,
        },
      };
    }),
  );
}

function orderOf(store: StoreRecord, request: FastifyRequest): OrderRecord {
  const order = store.orders.get(Number((request.params as { id: string }).id));
  if (!order) throw invalidId('shop_order');
  return order;
}

/** The list's filters; dates are read as GMT (the emulated site's timezone is UTC anyway). */
function matches(query: URLSearchParams): (order: OrderRecord) => boolean {
  const statuses = (query.get('status') ?? 'any').split(',');
  const include = query.get('include')
    ? new Set(query.get('include')!.split(',').map(Number))
    : null;
  const window = {
    modifiedAfter: dateParam(query, 'modified_after'),
    modifiedBefore: dateParam(query, 'modified_before'),
    after: dateParam(query, 'after'),
    before: dateParam(query, 'before'),
  };
  const sec = (ms: number) => Math.floor(ms / 1000) * 1000;
  return (order) =>
    (statuses.includes('any') ? !NOT_IN_ANY.has(order.status) : statuses.includes(order.status)) &&
    (!include || include.has(order.id)) &&
    // MySQL datetimes have whole seconds; WP_Date_Query's after/before are exclusive.
    (window.modifiedAfter === null || sec(order.modifiedMs) > window.modifiedAfter) &&
    (window.modifiedBefore === null || sec(order.modifiedMs) < window.modifiedBefore) &&
    (window.after === null || sec(order.createdMs) > window.after) &&
    (window.before === null || sec(order.createdMs) < window.before);
}

function dateParam(query: URLSearchParams, name: string): number | null {
  const value = query.get(name);
  if (value === null) return null;
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(ms)) throw invalidParam(name);
  return ms;
}
