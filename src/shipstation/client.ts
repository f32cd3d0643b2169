import { z } from 'zod';
import type { ShipStationConfig } from '../config';
import { IntegrationError } from '../errors';
import type { Logger } from '../logger';
import type { ApiCallObserver } from '../ops/api-calls';
import { liveSecret } from '../secrets';
import { ShipStationErrorKind } from './errors';
import { createHttp } from './http';
import { toPacific } from './pacific-time';
import { validated } from './validate';
import { RateLimitGate } from './rate-limit';
import {
  type CreateOrderRequest,
  type Fulfillment,
  CREATE_ORDERS_LIMIT,
  type CreateOrdersResult,
  LOCKED_STATUSES,
  type OrderStatus,
  type ShipStationOrder,
  type ShipStationStore,
  type Shipment,
  type WebhookEvent,
  createOrderRequestSchema,
  fulfillmentSchema,
  createOrdersResponseSchema,
  orderSchema,
  pageOf,
  shipmentSchema,
  storeSchema,
  subscribeWebhookRequestSchema,
  subscribeWebhookResponseSchema,
  webhookListSchema,
} from './schemas';

export interface ShipStationClientOptions {
  logger?: Logger;
  fetch?: typeof fetch;
  /**
   * Absorb 429s by waiting for the window reset and retrying: `true` = up to 5 times, or a number of times.
   * Default off: the call throws a retryable `ShipStationRateLimited` with `retryAfterMs` for Temporal to retry.
   */
  retry429?: boolean | number;
  /** Told the outcome of every request (metrics, the credential watch). */
  observe?: ApiCallObserver;
  /** How many worker processes share the key, this one included: each spends its share of a window (RateLimitGate). */
  peers?: () => number;
  /**
   * The abort signal of the activity attempt a call is made for, read at each call: a timed-out attempt's calls
   * leave the rate gate's queue instead of spending the budget for nobody. A batch serves many attempts and
   * ignores it.
   */
  cancellation?: () => AbortSignal | undefined;
}

export interface WebhookSubscription {
  id: number;
  event: string;
  targetUrl: string;
  storeId: number | null;
  friendlyName: string | null;
  active: boolean;
}

export interface SubscribeWebhookInput {
  targetUrl: string;
  event: WebhookEvent;
  storeId?: number;
  friendlyName?: string;
}

export interface ShipStationClient {
  /** Upsert by `orderKey`: the same key always updates the same order (whole-order replace). */
  createOrder(body: CreateOrderRequest): Promise<ShipStationOrder>;
  /**
   * `POST /orders/createorders`: up to 100 upserts by `orderKey` in one request, one result each (a refused order
   * is `success: false` inside the 200). A function is called when the rate gate lets the request go, so the
   * batch can be cut at the last moment.
   */
  createOrders(orders: CreateOrderRequest[] | (() => CreateOrderRequest[])): Promise<CreateOrdersResult[]>;
  getOrder(orderId: number): Promise<ShipStationOrder>;
  /** The API matches `orderNumber` by prefix; this returns the first exact match over all pages. */
  findOrderByNumber(orderNumber: string): Promise<ShipStationOrder | undefined>;
  /** Re-sends the full order as `cancelled` while it is open; a shipped or cancelled order is returned unchanged. */
  cancelOrder(orderId: number): Promise<ShipStationOrder>;
  /** Every label of the order (voided and return labels included), with its items. */
  listShipments(q: { orderId: number }): Promise<Shipment[]>;
  /** What "mark as shipped" recorded for the order (no label, no webhook). */
  listFulfillments(q: { orderId: number }): Promise<Fulfillment[]>;
  /** Every label voided since `sinceMs`, with its items: voids send no webhook, so this is how they are seen. */
  listVoidedShipments(sinceMs: number): Promise<Shipment[]>;
  /** Every label created since `sinceMs` (voided and return labels included), with its items, page by page. */
  listShipmentsCreatedSince(sinceMs: number, beforePage?: () => Promise<void>): Promise<Shipment[]>;
  /** Every "mark as shipped" fulfillment created since `sinceMs`, page by page. */
  listFulfillmentsCreatedSince(sinceMs: number, beforePage?: () => Promise<void>): Promise<Fulfillment[]>;
  /** Follows a webhook's `resource_url` (every page), only when it points at the configured API origin. */
  fetchResource(resourceUrl: string): Promise<Shipment[]>;
  subscribeWebhook(input: SubscribeWebhookInput): Promise<{ id: number }>;
  listWebhooks(): Promise<WebhookSubscription[]>;
  /** Every store, inactive ones included. */
  listStores(): Promise<ShipStationStore[]>;
  /**
   * Every order modified since `sinceMs` (only those in `orderStatus` when given), page by page; `beforePage`
   * runs before each request (budget checks).
   */
  listOrdersModifiedSince(sinceMs: number, beforePage?: () => Promise<void>, orderStatus?: OrderStatus): Promise<ShipStationOrder[]>;
  /** Requests this process could send now without delaying another call (see RateLimitGate.spare). */
  spareRequests(): number | undefined;
}

const PAGE_SIZE = 500;
const DEFAULT_429_RETRIES = 5;

export function createShipStationClient(config: ShipStationConfig, opts: ShipStationClientOptions = {}): ShipStationClient {
  const base = new URL(config.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const retry429 = opts.retry429 === true ? DEFAULT_429_RETRIES : opts.retry429 === false || opts.retry429 === undefined ? 0 : opts.retry429;
  const gate = new RateLimitGate(config.rateLimitPerMinute, config.rateLimitReserve, Date.now, opts.peers);
  const send = createHttp({
    apiKey: liveSecret(config.apiKey, config.apiKeyFile),
    apiSecret: liveSecret(config.apiSecret, config.apiSecretFile),
    timeoutMs: config.timeoutMs,
    gate,
    retry429,
    fetch: opts.fetch ?? fetch,
    logger: opts.logger,
    observe: opts.observe,
  });
  const http: typeof send = (req) => send({ signal: opts.cancellation?.(), ...req });

  /** ShipStation reads dates as Pacific time without an offset. */
  const pacificSince = (sinceMs: number) => toPacific(new Date(sinceMs).toISOString());

  const url = (path: string, query: Record<string, string | number> = {}) => {
    const u = new URL(base.origin + basePath + path);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, String(v));
    return u;
  };

  /** Requests page 1, 2, ... of a list until `pages` is reached; `stop` ends early once it has what it needs. */
  async function allPages<S extends z.ZodTypeAny>(
    first: URL,
    key: string,
    item: S,
    stop?: (batch: z.infer<S>[]) => boolean,
    beforePage?: () => Promise<void>,
  ): Promise<z.infer<S>[]> {
    const schema = pageOf(key, item);
    const items: z.infer<S>[] = [];
    for (let page = 1; ; page += 1) {
      await beforePage?.();
      const u = new URL(first);
      u.searchParams.set('page', String(page));
      u.searchParams.set('pageSize', String(PAGE_SIZE));
      const result = await http({ method: 'GET', url: u, schema });
      const batch = result[key] as z.infer<S>[];
      items.push(...batch);
      if (page >= (result.pages as number) || batch.length === 0 || stop?.(batch)) return items;
    }
  }

  const client: ShipStationClient = {
    async createOrder(body) {
      const valid = validated(createOrderRequestSchema, body, 'order');
      return http({ method: 'POST', url: url('/orders/createorder'), body: valid, schema: orderSchema });
    },

    async createOrders(orders) {
      const build = () => {
        const batch = typeof orders === 'function' ? orders() : orders;
        if (batch.length === 0 || batch.length > CREATE_ORDERS_LIMIT) {
          throw new IntegrationError(ShipStationErrorKind.InvalidRequest, `createorders takes 1 to ${CREATE_ORDERS_LIMIT} orders, not ${batch.length}`, { retryable: false });
        }
        return batch.map((o) => validated(createOrderRequestSchema, o, `order ${o.orderKey ?? o.orderNumber}`));
      };
      const res = await http({ method: 'POST', url: url('/orders/createorders'), bodyWhenAdmitted: build, schema: createOrdersResponseSchema, signal: undefined });
      return res.results;
    },

    getOrder(orderId) {
      return http({ method: 'GET', url: url(`/orders/${orderId}`), schema: orderSchema });
    },

    async findOrderByNumber(orderNumber) {
      const exact = (o: ShipStationOrder) => o.orderNumber === orderNumber;
      const orders = await allPages(url('/orders', { orderNumber }), 'orders', orderSchema, (batch) => batch.some(exact));
      return orders.find(exact);
    },

    async cancelOrder(orderId) {
      const order = await client.getOrder(orderId);
      if (LOCKED_STATUSES.includes(order.orderStatus)) return order;
      // V1 has no cancel call: the whole order goes back with the new status, the merchant's edits there included.
      return client.createOrder(validated(createOrderRequestSchema, { ...order, orderStatus: 'cancelled' }, 'order'));
    },

    listShipments({ orderId }) {
      return allPages(url('/shipments', { orderId, includeShipmentItems: 'true' }), 'shipments', shipmentSchema);
    },

    listFulfillments({ orderId }) {
      return allPages(url('/fulfillments', { orderId }), 'fulfillments', fulfillmentSchema);
    },

    listVoidedShipments(sinceMs) {
      return allPages(url('/shipments', { voidDateStart: pacificSince(sinceMs), includeShipmentItems: 'true' }), 'shipments', shipmentSchema);
    },

    listShipmentsCreatedSince(sinceMs, beforePage) {
      return allPages(url('/shipments', { createDateStart: pacificSince(sinceMs), includeShipmentItems: 'true' }), 'shipments', shipmentSchema, undefined, beforePage);
    },

    listFulfillmentsCreatedSince(sinceMs, beforePage) {
      return allPages(url('/fulfillments', { createDateStart: pacificSince(sinceMs) }), 'fulfillments', fulfillmentSchema, undefined, beforePage);
    },

    async fetchResource(resourceUrl) {
      let target: URL;
      try {
        target = new URL(resourceUrl);
      } catch {
        throw new IntegrationError(ShipStationErrorKind.ForeignResourceUrl, 'Refusing a webhook resource_url that is not a URL', { retryable: false });
      }
      // Webhooks are unsigned: anyone can post one, so only ever follow URLs on our own API host.
      if (target.origin !== base.origin) {
        throw new IntegrationError(ShipStationErrorKind.ForeignResourceUrl, `Refusing a webhook resource_url on ${target.origin}: not the configured ShipStation API host`, {
          retryable: false,
        });
      }
      return allPages(target, 'shipments', shipmentSchema);
    },

    async subscribeWebhook({ targetUrl, event, storeId, friendlyName }) {
      const body = validated(subscribeWebhookRequestSchema, { target_url: targetUrl, event, store_id: storeId, friendly_name: friendlyName }, 'webhook subscription');
      return http({ method: 'POST', url: url('/webhooks/subscribe'), body, schema: subscribeWebhookResponseSchema });
    },

    async listWebhooks() {
      const hooks = await http({ method: 'GET', url: url('/webhooks'), schema: webhookListSchema });
      return hooks.map((h) => ({ id: h.WebHookID, event: h.HookType, targetUrl: h.Url, storeId: h.StoreID ?? null, friendlyName: h.Name ?? null, active: h.Active ?? true }));
    },

    listStores() {
      return http({ method: 'GET', url: url('/stores', { showInactive: 'true' }), schema: z.array(storeSchema) });
    },

    listOrdersModifiedSince(sinceMs, beforePage, orderStatus) {
      const query = { modifyDateStart: pacificSince(sinceMs), ...(orderStatus ? { orderStatus } : {}) };
      return allPages(url('/orders', query), 'orders', orderSchema, undefined, beforePage);
    },

    spareRequests: () => gate.spare(),
  };
  return client;
}
