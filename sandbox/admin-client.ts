import type { z } from 'zod';
import type { faultSchema, simLabelSchema, simStoreSchema } from './shipstation/schemas';
import type { faultRuleSchema } from './ultracart/faults';
import type { RestLimitsConfig } from './ultracart/rest-limits';
import type { OrderView } from './ultracart/state';

/**
 * A typed client of both simulators' `/_sim` admin routes (sandbox.md), and the one JSON fetch helper under it.
 * It lives beside the simulators because the routes and their client change together; the sandbox's demo setup,
 * the tests, the drills and the benchmark all drive the simulators through it.
 */

export interface JsonResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface JsonRequest {
  method?: string;
  /** Sent as JSON; a string is sent as it is (to send malformed JSON on purpose). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request with a JSON body; the answer parsed as JSON (undefined when empty), whatever its status. */
export async function requestJson<T = unknown>(url: string, init: JsonRequest = {}): Promise<JsonResponse<T>> {
  const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  const res = await fetch(url, { method: init.method ?? 'GET', body, headers: { 'content-type': 'application/json', ...init.headers } });
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** requestJson for a call that must succeed: any other status throws, naming the call and the answer. */
export async function json<T = unknown>(url: string, init: JsonRequest = {}): Promise<T> {
  const res = await requestJson<T>(url, init);
  if (res.status < 200 || res.status > 299) {
    throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`);
  }
  return res.body;
}

export type UcOrderView = OrderView;

export interface UcStats {
  calls: Record<string, number>;
  faults_served: number;
  faults_by_mode: Record<string, number>;
  /** REST answers refused by the leaky buckets, and for overlapping requests. */
  rest: { rate_limited: number; concurrent_rejected: number };
}

export type UcFaultRule = z.input<typeof faultRuleSchema>;

/** The UltraCart simulator's admin routes. */
export function ultraCartAdmin(baseUrl: string) {
  const at = (path: string) => `${baseUrl}/_sim${path}`;
  const order = (orderId: string) => at(`/orders/${encodeURIComponent(orderId)}`);
  return {
    /** Queues one order or many (any JSON with an order_id: malformed ones too). */
    postOrders: (orders: unknown) => json<{ order_ids: string[] }>(at('/orders'), { method: 'POST', body: orders }),
    order: (orderId: string) => json<UcOrderView>(order(orderId)),
    requeue: (orderId: string) => json<UcOrderView>(`${order(orderId)}/requeue`, { method: 'POST' }),
    addFault: (rule: UcFaultRule) => json(at('/faults'), { method: 'POST', body: rule }),
    clearFaults: () => json(at('/faults'), { method: 'DELETE' }),
    stats: () => json<UcStats>(at('/stats')),
    reset: () => json(at('/reset'), { method: 'POST' }),
    /** The REST limits (leaky buckets per hour and day, 0 = off; 429 for concurrent requests). */
    restLimits: () => json<RestLimitsConfig>(at('/config')),
    setRestLimits: (change: Partial<RestLimitsConfig>) => json<RestLimitsConfig>(at('/config'), { method: 'POST', body: change }),
  };
}
export type UltraCartAdmin = ReturnType<typeof ultraCartAdmin>;

export interface SsOrderView {
  orderId: number;
  orderKey: string;
  orderNumber: string;
  orderStatus: string;
  createDate: string;
  customerNotes?: string | null;
  [k: string]: unknown;
}

export interface SsShipmentView {
  shipmentId: number;
  orderId: number;
  orderKey: string;
  trackingNumber: string;
  createDate: string;
  voided: boolean;
  [k: string]: unknown;
}

export interface SsStats {
  requests: Record<string, number>;
  rateLimited: number;
  unauthorized: number;
  total: number;
  faultsServed: Record<string, number>;
  webhooks: Record<string, number>;
  orders: number;
  shipments: number;
}

export type SsFaultRule = z.input<typeof faultSchema>;

/** A label bought as the merchant would in ShipStation; no `items` means every remaining item. */
export type SsLabel = z.input<typeof simLabelSchema>;

/** The ShipStation simulator's admin routes. */
export function shipStationAdmin(baseUrl: string) {
  const at = (path: string) => `${baseUrl}/_sim${path}`;
  return {
    orders: () => json<{ orders: SsOrderView[] }>(at('/orders')),
    shipments: () => json<{ shipments: SsShipmentView[] }>(at('/shipments')),
    buyLabel: (label: SsLabel) => json<SsShipmentView>(at('/shipments'), { method: 'POST', body: label }),
    voidLabel: (shipmentId: number) => json<SsShipmentView>(at(`/shipments/${shipmentId}/void`), { method: 'POST' }),
    cancelOrder: (orderId: number) => json<SsOrderView>(at(`/orders/${orderId}/cancel`), { method: 'POST' }),
    addStore: (store: z.input<typeof simStoreSchema>) => json<{ storeId: number }>(at('/stores'), { method: 'POST', body: store }),
    /** Buys every new order's label `afterMs` after it was created; `batchMs` groups them into one webhook batch. */
    autoship: (afterMs: number, batchMs?: number) => json(at('/autoship'), { method: 'POST', body: { after_ms: afterMs, ...(batchMs !== undefined && { batch_ms: batchMs }) } }),
    stopAutoship: () => json(at('/autoship'), { method: 'DELETE' }),
    addFault: (rule: SsFaultRule) => json(at('/faults'), { method: 'POST', body: rule }),
    clearFaults: () => json(at('/faults'), { method: 'DELETE' }),
    stats: () => json<SsStats>(at('/stats')),
    reset: () => json(at('/reset'), { method: 'POST' }),
  };
}
export type ShipStationAdmin = ReturnType<typeof shipStationAdmin>;
