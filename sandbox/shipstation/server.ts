import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SANDBOX_DEFAULTS } from '../../src/config';
import type { Logger } from '../../src/logger';
import { type SimControl, adminRoutes } from './admin-routes';
import { FaultRegistry } from './faults';
import { SimHttpError, lowerCaseQuery, notFound, readBody, sendJson } from './http-io';
import { FixedWindowLimiter } from './rate-window';
import { restRoutes } from './rest-routes';
import { type Match, createRouter } from './router';
import { persistState } from '../persistence';
import { SimState } from './state';
import { TimerSet } from './timers';
import { WebhookDispatcher } from './webhooks';

export interface ShipStationSimulatorOptions {
  /** 0 = any free port. Default 4020. */
  port?: number;
  host?: string;
  apiKey?: string;
  apiSecret?: string;
  /** Requests per window per key; default 40, 0 turns limiting off. */
  rateLimitPerMinute?: number;
  /** The fixed window's length; default 60000. Tests shorten it. */
  rateLimitWindowMs?: number;
  /** The rate window's clock (default Date.now): a test holds it still to put a burst in one window. */
  rateLimitClock?: () => number;
  /** The manual store every order lands in unless it names another; default 1. */
  storeId?: number;
  /** How long after a label its webhook is sent; default 100 ms (ShipStation takes minutes). */
  webhookDelayMs?: number;
  /** Base of webhook `resource_url`s; default this server's own URL. */
  publicUrl?: string;
  logger?: Logger;
  /** Keep the account in this JSON file across restarts (the sandbox of `npm start`). */
  stateFile?: string;
}

export interface ShipStationSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
  reset(): void;
  /** The account came back from `stateFile`. */
  restored: boolean;
}

const AUTOSHIP_LABEL = { carrierCode: 'stamps_com', serviceCode: 'usps_priority_mail', shipmentCost: 7.5 };
const NOTIFY_EVENTS = new Set(['SHIP_NOTIFY', 'ITEM_SHIP_NOTIFY']);

/** A strict local ShipStation V1 (sandbox.md): real HTTP on loopback, the same rules, admin routes under /_sim. */
export async function startShipStationSimulator(opts: ShipStationSimulatorOptions = {}): Promise<ShipStationSimulator> {
  const apiKey = opts.apiKey ?? SANDBOX_DEFAULTS.apiKey;
  const apiSecret = opts.apiSecret ?? SANDBOX_DEFAULTS.apiSecret;
  const host = opts.host ?? '127.0.0.1';
  const logger = opts.logger;
  const timers = new TimerSet();
  const faults = new FaultRegistry();
  const limiter = new FixedWindowLimiter(opts.rateLimitPerMinute ?? 40, opts.rateLimitWindowMs ?? 60_000, opts.rateLimitClock);
  const webhooks = new WebhookDispatcher(opts.webhookDelayMs ?? 100, faults, timers, logger);
  let baseUrl = '';
  let autoshipMs: number | undefined;
  let autoshipBatchMs: number | undefined;
  /** Orders due for an autoship label at the next batch tick. */
  let autoshipDue: number[] = [];
  let batchTick: NodeJS.Timeout | undefined;
  let counters = { requests: {} as Record<string, number>, rateLimited: 0, unauthorized: 0 };

  const state: SimState = new SimState(opts.storeId ?? SANDBOX_DEFAULTS.storeId, {
    orderCreated: (order) => {
      if (autoshipMs !== undefined) timers.after(autoshipMs, () => autoship(order.orderId));
    },
    labelCreated: (shipment, order, batched) => {
      if (!batched) notifyBatch(shipment.batchId, new Set([order.storeId]));
    },
  });

  const persistence = opts.stateFile ? persistState(opts.stateFile, state) : undefined;

  /** One SHIP_NOTIFY per batch to each subscription whose store is in it. */
  function notifyBatch(batchId: number, storeIds: Set<number>): void {
    for (const hook of state.webhooks.values()) {
      if (!NOTIFY_EVENTS.has(hook.event) || (hook.storeId !== null && !storeIds.has(hook.storeId))) continue;
      const items = hook.event === 'ITEM_SHIP_NOTIFY' ? 'True' : 'False';
      webhooks.notify(hook.targetUrl, { resource_url: `${baseUrl}/shipments?batchId=${batchId}&includeShipmentItems=${items}`, resource_type: hook.event });
    }
  }

  const shippable = (orderId: number) => {
    const order = state.orders.get(orderId);
    return order && !order.deleted && order.status !== 'cancelled' && state.remaining(order).size > 0 ? order : undefined;
  };

  function autoship(orderId: number): void {
    if (autoshipBatchMs !== undefined) {
      autoshipDue.push(orderId);
      return;
    }
    if (shippable(orderId)) state.createLabel({ orderId, ...AUTOSHIP_LABEL });
  }

  /** Batched autoship: every label that fell due since the last tick is bought as one batch. */
  function buyDueBatch(): void {
    const due = [...new Set(autoshipDue)];
    autoshipDue = [];
    const orders = due.map(shippable).filter((o) => o !== undefined);
    if (orders.length === 0) return;
    const batchId = state.newBatchId();
    for (const order of orders) state.createLabel({ orderId: order.orderId, ...AUTOSHIP_LABEL }, { batchId });
    notifyBatch(batchId, new Set(orders.map((o) => o.storeId)));
  }

  function setAutoship(ms: number | undefined, batchMs?: number): void {
    autoshipMs = ms;
    autoshipBatchMs = ms === undefined ? undefined : batchMs;
    clearInterval(batchTick);
    batchTick = undefined;
    autoshipDue = [];
    if (autoshipBatchMs !== undefined) {
      batchTick = setInterval(buyDueBatch, autoshipBatchMs);
      batchTick.unref();
    }
    // Orders already waiting (e.g. restored after a restart) get their label too.
    if (ms !== undefined) for (const order of state.liveOrders()) timers.after(ms, () => autoship(order.orderId));
  }

  const control: SimControl = {
    state,
    addFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    setAutoship,
    stats: () => ({
      ...counters,
      total: Object.values(counters.requests).reduce((a, b) => a + b, 0),
      faultsServed: { ...faults.served },
      webhooks: { ...webhooks.stats },
      orders: state.liveOrders().length,
      shipments: state.shipments.length,
    }),
    reset: () => {
      timers.clear();
      setAutoship(undefined);
      webhooks.reset();
      faults.clear();
      limiter.reset();
      state.reset();
      counters = { requests: {}, rateLimited: 0, unauthorized: 0 };
    },
  };

  const rest = createRouter(restRoutes(state));
  const admin = createRouter(adminRoutes(control));
  const sleep = (ms: number) => new Promise<void>((resolve) => timers.after(ms, resolve));

  /** The API key of a request with valid Basic credentials, else undefined. */
  function authenticate(req: IncomingMessage): string | undefined {
    const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const [key, ...secret] = Buffer.from(m?.[1] ?? '', 'base64').toString('utf8').split(':');
    return m && key === apiKey && secret.join(':') === apiSecret ? key : undefined;
  }

  async function handleRest(req: IncomingMessage, res: ServerResponse, path: string, match: Match | undefined, run: () => unknown): Promise<void> {
    const key = authenticate(req);
    if (!key) {
      counters.unauthorized += 1;
      return sendJson(res, 401, { Message: 'Authorization has been denied for this request.' });
    }
    const name = match?.name ?? `${req.method} ${path}`;
    counters.requests[name] = (counters.requests[name] ?? 0) + 1;
    const limit = limiter.hit(key);
    const headers = limit?.headers ?? {};
    if (limit && !limit.allowed) {
      counters.rateLimited += 1;
      return sendJson(res, 429, { message: 'Too Many Requests' }, headers);
    }
    const fault = match ? faults.forRequest(match.name) : undefined;
    if (fault?.mode === '429') {
      counters.rateLimited += 1;
      return sendJson(res, 429, { message: 'Too Many Requests' }, limiter.exhaustedHeaders(key));
    }
    if (fault?.mode === 'http500') {
      return sendJson(res, 500, { Message: 'An error has occurred.', ExceptionMessage: 'Simulated failure.', ExceptionType: 'System.Exception' }, headers);
    }
    if (fault?.mode === 'delay') await sleep(fault.delay_ms);
    try {
      sendJson(res, 200, run(), headers);
    } catch (err) {
      if (!(err instanceof SimHttpError)) throw err;
      sendJson(res, err.status, err.body, headers);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://sim');
      const method = req.method ?? 'GET';
      const body = await readBody(req);
      const isAdmin = url.pathname.startsWith('/_sim/');
      const match = (isAdmin ? admin : rest)(method, url.pathname);
      const run = () => {
        if (!match) throw isAdmin ? notFound(`Admin route ${method} ${url.pathname}`) : new SimHttpError(404, { Message: `No HTTP resource was found that matches the request URI '${url.pathname}'.` });
        return match.route.handle({ params: match.params, query: lowerCaseQuery(url.searchParams), body });
      };
      logger?.debug({ method, path: url.pathname }, 'shipstation sim request');
      if (isAdmin) return sendJson(res, 200, run());
      await handleRest(req, res, url.pathname, match, run);
    } catch (err) {
      if (err instanceof SimHttpError) return sendJson(res, err.status, err.body);
      logger?.error({ err }, 'shipstation sim failure');
      sendJson(res, 500, { Message: 'An error has occurred.', ExceptionMessage: (err as Error).message, ExceptionType: (err as Error).name });
    }
  }

  const server = http.createServer((req, res) => void handle(req, res));
  // Node's 5 s keep-alive leaves fetch a 1 s margin before it stops reusing an idle socket; on a loaded machine the
  // event loop lags past it and a reused socket is reset mid-request (ECONNRESET). Idle sockets close at stop().
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? SANDBOX_DEFAULTS.shipstationPort, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  baseUrl = (opts.publicUrl ?? `http://${shownHost}:${port}`).replace(/\/+$/, '');
  logger?.info({ url: baseUrl }, 'ShipStation simulator listening');

  return {
    url: baseUrl,
    port,
    reset: control.reset,
    restored: persistence?.restored ?? false,
    close: async () => {
      persistence?.stop();
      control.reset();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
