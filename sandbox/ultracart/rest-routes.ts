import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import {
  API_VERSION,
  HEADERS,
  NOT_REST_DC_TEXT,
  REST_LIMITS,
  acknowledgementsBodySchema,
  inventoryBodySchema,
  shipmentsBodySchema,
} from '../../src/ultracart/rest/schemas';
import type { FaultInjector, RestOperation } from './faults';
import { readBody, sendJson } from './http-io';
import type { RestLimits } from './rest-limits';
import { SoapFault, type UltraCartStore } from './state';
import type { SimulatorStats } from './stats';

/**
 * UltraCart's REST v2 fulfillment routes (`/rest/v2/fulfillment/...`) over the same store as SOAP, as strict as
 * shared/specs/ultracart.md: version header, simple key, the 100/100/500 limits with UltraCart's texts, the error
 * envelope with `UC-REST-ERROR`, a missing object as 400, leaky buckets and a 429 for concurrent requests.
 */

export const REST_PREFIX = '/rest/v2';

export interface RestDeps {
  store: UltraCartStore;
  faults: FaultInjector;
  stats: SimulatorStats;
  limits: RestLimits;
  dcCode: string;
  simpleKey: string;
  /** Serves an injected fault; true when the exchange is over. */
  serveFault(rule: NonNullable<ReturnType<FaultInjector['take']>>, res: ServerResponse, kind: 'rest'): Promise<boolean>;
}

class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const metadata = (payloadName: string, count?: number) => ({
  payload_name: payloadName,
  ...(count === undefined ? {} : { result_set: { count, limit: 100, more: false, next_offset: null, offset: 0, total_records: count } }),
});

/** An error answer as UltraCart sends it: the header and the envelope, no `success` key. */
export function sendRestError(res: ServerResponse, status: number, message: string, requestId: string): void {
  sendJson(res, status, { error: { developer_message: message, user_message: message }, metadata: {} }, { [HEADERS.error]: message, [HEADERS.requestId]: requestId });
}

interface Route {
  method: string;
  pattern: RegExp;
  operation: RestOperation;
  run(match: string[], body: string): { status: 200; body: unknown } | { status: 204 };
}

function parseBody<T>(text: string, schema: z.ZodType<T>, name: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RestError(400, `${name}: the request body is not valid JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RestError(400, `${name}${issue.path.length ? `[${issue.path.join('.')}]` : ''}: ${issue.message}`);
  }
  return parsed.data;
}

/** The size limit is checked before anything else in the body, with UltraCart's own text. */
function limited(text: string, limit: { max: number; text: string }): void {
  try {
    const json: unknown = JSON.parse(text);
    if (Array.isArray(json) && json.length > limit.max) throw new RestError(400, limit.text);
  } catch (err) {
    if (err instanceof RestError) throw err;
  }
}

/** The REST order item has no image or warehouse bin (those live in the Item API): the SOAP contract's fields go. */
function asRestOrder(order: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(order.items)) return order;
  return { ...order, items: (order.items as unknown[]).map((i) => (typeof i === 'object' && i !== null ? omit(i as Record<string, unknown>, ['image_url', 'inventory_location']) : i)) };
}

const omit = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

export function createRestHandler(deps: RestDeps) {
  const { store } = deps;
  const dcOf = (code: string) => {
    if (decodeURIComponent(code) !== deps.dcCode) throw new RestError(400, `${NOT_REST_DC_TEXT.replace(/\.$/, '')}: no REST distribution center ${decodeURIComponent(code)}.`);
  };
  // The store names a missing order in a SOAP fault; REST says the same in a 400.
  const inStore = <T>(run: () => T): T => {
    try {
      return run();
    } catch (err) {
      if (err instanceof SoapFault) throw new RestError(400, err.Fault.faultstring);
      throw err;
    }
  };

  const dc = '/fulfillment/distribution_centers/([^/]+)';
  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/fulfillment\/distribution_centers$/,
      operation: 'distributionCenters',
      run: () => ({
        status: 200,
        body: {
          distribution_centers: [{ code: deps.dcCode, name: `Simulated DC ${deps.dcCode}`, distribution_center_oid: 1, transport: 'REST', no_split_shipment: false }],
          success: true,
          metadata: metadata('distribution_centers', 1),
        },
      }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${dc}/orders$`),
      operation: 'queuedOrders',
      run: ([code]) => {
        dcOf(code);
        const orders = store.queued().map(asRestOrder);
        return { status: 200, body: { orders, success: true, metadata: metadata('orders', orders.length) } };
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^${dc}/orders/([^/]+)$`),
      operation: 'packingSlip',
      run: ([code, orderId]) => {
        dcOf(code);
        const order = inStore(() => store.order(decodeURIComponent(orderId)));
        const pdf = Buffer.from(`%PDF-1.4\n% packing slip for order ${order.order_id}\n%%EOF\n`).toString('base64');
        return { status: 200, body: { pdfBase64: pdf, success: true, metadata: {} } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/item\/items\/merchant_item_id\/([^/]+)$/,
      operation: 'item',
      run: ([id]) => {
        const merchantItemId = decodeURIComponent(id);
        const found = store.item(merchantItemId);
        if (!found) throw new RestError(400, `Item ${merchantItemId} not found.`);
        const item = {
          merchant_item_id: merchantItemId,
          content: { multimedia: found.image_url ? [{ type: 'Image', url: found.image_url, thumbnails: [{ https_url: found.image_url }] }] : [] },
          shipping: { distribution_centers: [{ distribution_center_code: deps.dcCode, stock_picking_location: found.inventory_location ?? null }] },
        };
        return { status: 200, body: { item, success: true, metadata: {} } };
      },
    },
    {
      method: 'PUT',
      pattern: new RegExp(`^${dc}/acknowledgements$`),
      operation: 'acknowledgements',
      run: ([code], body) => {
        dcOf(code);
        limited(body, REST_LIMITS.acknowledgements);
        inStore(() => store.acknowledge(parseBody(body, acknowledgementsBodySchema, 'order_ids')));
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${dc}/shipments$`),
      operation: 'shipments',
      run: ([code], body) => {
        dcOf(code);
        limited(body, REST_LIMITS.shipments);
        const shipments = parseBody(body, shipmentsBodySchema, 'shipments');
        // Every order must exist before any is stored, as an acknowledgement does.
        inStore(() => shipments.forEach((s) => store.order(s.order_id)));
        for (const s of shipments) store.fulfill(s.order_id, s.tracking_numbers, s.shipping_cost);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: new RegExp(`^${dc}/inventory$`),
      operation: 'inventory',
      run: ([code], body) => {
        dcOf(code);
        limited(body, REST_LIMITS.inventory);
        parseBody(body, inventoryBodySchema, 'inventories');
        return { status: 204 };
      },
    },
  ];

  return async function handleRest(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const requestId = crypto.randomUUID();
    const sub = path.slice(REST_PREFIX.length);
    const body = await readBody(req);
    const route = routes.find((r) => r.method === req.method && r.pattern.test(sub));
    deps.stats.call(route ? route.operation : 'unknown');
    const refuse = (status: number, message: string) => sendRestError(res, status, message, requestId);

    if (req.headers[HEADERS.version.toLowerCase()] !== API_VERSION) return refuse(400, `${HEADERS.version} header missing or not ${API_VERSION}`);
    if (req.headers[HEADERS.simpleKey] !== deps.simpleKey) return refuse(401, 'Invalid credentials.');
    const admission = deps.limits.admit();
    if (!admission.ok) return refuse(429, admission.message);
    try {
      const rule = route ? deps.faults.take(route.operation) : undefined;
      if (rule) {
        deps.stats.fault(rule.mode);
        if (await deps.serveFault(rule, res, 'rest')) return;
      }
      if (!route) return refuse(400, `No resource ${req.method} ${path}`);
      if ((req.method === 'PUT' || req.method === 'POST') && !/^application\/json/i.test(req.headers['content-type'] ?? '')) {
        return refuse(400, 'Content-Type must be application/json');
      }
      const result = route.run(route.pattern.exec(sub)!.slice(1), body);
      if (result.status === 204) sendJson(res, 204, undefined, { [HEADERS.requestId]: requestId });
      else sendJson(res, 200, result.body, { [HEADERS.requestId]: requestId });
    } catch (err) {
      if (!(err instanceof RestError)) throw err;
      refuse(err.status, err.message);
    } finally {
      admission.done();
    }
  };
}
