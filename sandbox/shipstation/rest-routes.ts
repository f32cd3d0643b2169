import { z } from 'zod';
import { pacificToEpochMs } from '../../src/shipstation/pacific-time';
import { MARKETPLACES, formatFulfillment, formatOrder, formatShipment, formatStore, formatWebhook, paged } from './format';
import { SimHttpError, parseBody, validate } from './http-io';
import type { RequestContext, Route } from './router';
import { createOrderRequestSchema, subscribeWebhookRequestSchema } from '../../src/shipstation/schemas';
import {
  createOrdersRequestSchema,
  fulfillmentsQuerySchema,
  holdUntilSchema,
  markAsShippedSchema,
  orderIdBodySchema,
  ordersQuerySchema,
  shipmentsQuerySchema,
  storesQuerySchema,
} from './schemas';
import type { SimOrder } from './records';
import type { SimState } from './state';

const query = <T>(ctx: RequestContext, schema: z.ZodType<T>) => validate(ctx.query, schema, 'request');

/** ShipStation's number filters are starts-with matches, case-insensitive. */
const startsWith = (value: string, prefix: string | undefined) => prefix === undefined || value.toLowerCase().startsWith(prefix.toLowerCase());

const inRange = (epochMs: number, start: string | undefined, end: string | undefined) =>
  (start === undefined || epochMs >= pacificToEpochMs(start)) && (end === undefined || epochMs <= pacificToEpochMs(end));

function errorMessages(err: unknown): string {
  if (!(err instanceof SimHttpError)) throw err;
  const body = err.body as { Message?: string; ModelState?: Record<string, string[]> };
  return body.ModelState ? Object.values(body.ModelState).flat().join(' ') : (body.Message ?? `HTTP ${err.status}`);
}

/** The V1 REST routes (shipstation.md), all behind Basic auth and the rate limit. */
export function restRoutes(state: SimState): Route[] {
  const ordered = (orders: SimOrder[]) => orders.sort((a, b) => a.orderId - b.orderId);
  // Labels and fulfillments stay listed after their order is deleted, as long as the record exists.
  const withOrder = <T extends { orderId: number }>(rows: T[]) =>
    rows.flatMap((row) => {
      const order = state.orders.get(row.orderId);
      return order ? [{ row, order }] : [];
    });

  return [
    {
      method: 'POST',
      template: '/orders/createorder',
      handle: ({ body }) => formatOrder(state.upsertOrder(parseBody(body, createOrderRequestSchema)).order),
    },
    {
      method: 'POST',
      template: '/orders/createorders',
      handle: ({ body }) => {
        // One bad order does not fail the call: each gets its own result inside the 200.
        const results = parseBody(body, createOrdersRequestSchema, 'apiOrders').map((raw) => {
          const ref = z.looseObject({ orderKey: z.string().optional(), orderNumber: z.string().optional() }).catch({}).parse(raw);
          const failed = (errorMessage: string) => ({ orderId: 0, orderKey: ref.orderKey ?? null, orderNumber: ref.orderNumber ?? null, success: false, errorMessage });
          try {
            const { order } = state.upsertOrder(validate(raw, createOrderRequestSchema, 'apiOrder'));
            return { orderId: order.orderId, orderKey: order.orderKey, orderNumber: order.request.orderNumber, success: true, errorMessage: null };
          } catch (err) {
            return failed(errorMessages(err));
          }
        });
        return { hasErrors: results.some((r) => !r.success), results };
      },
    },
    {
      method: 'GET',
      template: '/orders',
      handle: (ctx) => {
        const q = query(ctx, ordersQuerySchema);
        const orders = state
          .liveOrders()
          .filter(
            (o) =>
              startsWith(o.request.orderNumber, q.ordernumber) &&
              (q.orderstatus === undefined || o.status === q.orderstatus) &&
              (q.storeid === undefined || o.storeId === q.storeid) &&
              inRange(o.createdAt, q.createdatestart, q.createdateend) &&
              inRange(o.modifiedAt, q.modifydatestart, q.modifydateend),
          );
        return paged('orders', ordered(orders), q.page, q.pagesize, formatOrder);
      },
    },
    { method: 'GET', template: '/orders/{id}', handle: ({ params }) => formatOrder(state.getOrder(params.id)) },
    {
      method: 'DELETE',
      template: '/orders/{id}',
      handle: ({ params }) => {
        state.deleteOrder(params.id);
        return { success: true, message: 'The requested order has been deleted.' };
      },
    },
    {
      method: 'POST',
      template: '/orders/holduntil',
      handle: ({ body }) => {
        const { orderId, holdUntilDate } = parseBody(body, holdUntilSchema, 'request');
        state.holdUntil(orderId, holdUntilDate);
        return { success: true, message: 'Order held successfully.' };
      },
    },
    {
      method: 'POST',
      template: '/orders/restorefromhold',
      handle: ({ body }) => {
        state.restoreFromHold(parseBody(body, orderIdBodySchema, 'request').orderId);
        return { success: true, message: 'Order restored successfully.' };
      },
    },
    {
      method: 'POST',
      template: '/orders/markasshipped',
      handle: ({ body }) => {
        const order = state.markAsShipped(parseBody(body, markAsShippedSchema, 'request'));
        return { orderId: order.orderId, orderNumber: order.request.orderNumber };
      },
    },
    {
      method: 'GET',
      template: '/shipments',
      handle: (ctx) => {
        const q = query(ctx, shipmentsQuerySchema);
        const rows = withOrder(state.shipments).filter(
          ({ row, order }) =>
            (q.orderid === undefined || row.orderId === q.orderid) &&
            (q.batchid === undefined || row.batchId === q.batchid) &&
            startsWith(order.request.orderNumber, q.ordernumber) &&
            inRange(row.createdAt, q.createdatestart, q.createdateend) &&
            // A void-date filter lists voided labels only.
            ((q.voiddatestart === undefined && q.voiddateend === undefined) || (row.voidedAt !== undefined && inRange(row.voidedAt, q.voiddatestart, q.voiddateend))),
        );
        return paged('shipments', rows, q.page, q.pagesize, (r) => formatShipment(r.row, r.order, q.includeshipmentitems));
      },
    },
    {
      method: 'GET',
      template: '/fulfillments',
      handle: (ctx) => {
        const q = query(ctx, fulfillmentsQuerySchema);
        const rows = withOrder(state.fulfillments).filter(
          ({ row, order }) =>
            (q.orderid === undefined || row.orderId === q.orderid) &&
            startsWith(order.request.orderNumber, q.ordernumber) &&
            inRange(row.createdAt, q.createdatestart, q.createdateend),
        );
        return paged('fulfillments', rows, q.page, q.pagesize, (r) => formatFulfillment(r.row, r.order));
      },
    },
    {
      method: 'POST',
      template: '/webhooks/subscribe',
      handle: ({ body }) => {
        const req = parseBody(body, subscribeWebhookRequestSchema, 'request');
        const hook = state.addWebhook({ targetUrl: req.target_url, event: req.event, storeId: req.store_id ?? null, name: req.friendly_name ?? null });
        return { id: hook.id };
      },
    },
    { method: 'GET', template: '/webhooks', handle: () => ({ webhooks: [...state.webhooks.values()].map(formatWebhook) }) },
    {
      method: 'DELETE',
      template: '/webhooks/{id}',
      handle: ({ params }) => {
        state.deleteWebhook(params.id);
        return undefined;
      },
    },
    {
      method: 'GET',
      template: '/stores',
      handle: (ctx) => {
        const q = query(ctx, storesQuerySchema);
        return state.stores.filter((s) => (q.showinactive || s.active) && (q.marketplaceid === undefined || s.marketplaceId === q.marketplaceid)).map(formatStore);
      },
    },
    { method: 'GET', template: '/stores/marketplaces', handle: () => MARKETPLACES },
  ];
}
