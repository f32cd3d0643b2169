import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { faultRuleSchema, type FaultInjector } from './faults';
import { HttpError, readJson, sendJson } from './http-io';
import { restLimitsSchema, type RestLimits } from './rest-limits';
import type { SimulatorStats } from './stats';
import type { UltraCartStore } from './state';

/** The simulator's admin routes (sandbox.md): JSON in, JSON out, zod on every body. */

/** Any JSON object with an order_id: the simulator must be able to hold malformed orders. */
const postedOrder = z.looseObject({ order_id: z.string().trim().min(1) });
const postedOrders = z.union([postedOrder, z.array(postedOrder).min(1)]);

export interface AdminDeps {
  store: UltraCartStore;
  faults: FaultInjector;
  stats: SimulatorStats;
  limits: RestLimits;
  reset(): void;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new HttpError(400, `${issue.path.join('.') || 'body'}: ${issue.message}`);
}

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, pathname: string, deps: AdminDeps): Promise<void> {
  const { store, faults, stats } = deps;
  const route = `${req.method} ${pathname}`;
  const orderMatch = /^\/_sim\/orders\/([^/]+)(\/requeue)?$/.exec(pathname);

  if (route === 'POST /_sim/orders') {
    const body = parse(postedOrders, await readJson(req));
    return sendJson(res, 201, { order_ids: store.put(Array.isArray(body) ? body : [body]) });
  }
  if (orderMatch && (req.method === 'GET' || (req.method === 'POST' && orderMatch[2]))) {
    const orderId = decodeURIComponent(orderMatch[1]);
    if (!store.has(orderId)) throw new HttpError(404, `no order ${orderId}`);
    if (orderMatch[2]) store.requeue(orderId);
    else if (req.method !== 'GET') throw new HttpError(405, 'method not allowed');
    return sendJson(res, 200, store.view(orderId));
  }
  if (route === 'POST /_sim/faults') {
    const rule = parse(faultRuleSchema, await readJson(req));
    faults.add(rule);
    return sendJson(res, 201, rule);
  }
  if (route === 'DELETE /_sim/faults') {
    faults.clear();
    return sendJson(res, 204);
  }
  if (route === 'GET /_sim/stats') return sendJson(res, 200, { ...stats.snapshot(), rest: { ...deps.limits.counters } });
  // The REST limits: leaky buckets per hour and per day (0 = off) and the concurrency rule, for drills and benches.
  if (route === 'GET /_sim/config') return sendJson(res, 200, deps.limits.current());
  if (route === 'POST /_sim/config') return sendJson(res, 200, deps.limits.set(parse(restLimitsSchema, await readJson(req))));
  if (route === 'POST /_sim/reset') {
    deps.reset();
    return sendJson(res, 204);
  }
  throw new HttpError(404, `no route ${route}`);
}
