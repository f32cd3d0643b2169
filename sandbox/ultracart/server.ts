import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SANDBOX_DEFAULTS } from '../../src/config';
import type { Logger } from '../../src/logger';
import { FAULT_CODES, SOAP_PATH } from '../../src/ultracart/protocol';
import { persistState } from '../persistence';
import { handleAdmin } from './admin-routes';
import { DEFAULT_DELAY_MS, FaultInjector, type FaultRule } from './faults';
import { HttpError, sendJson } from './http-io';
import { RestLimits, type RestLimitsConfig } from './rest-limits';
import { REST_PREFIX, createRestHandler, sendRestError } from './rest-routes';
import { createSoapHandler } from './soap-routes';
import { UltraCartStore } from './state';
import { SimulatorStats } from './stats';

/**
 * The UltraCart distribution-center simulator on one HTTP server: the SOAP service of
 * DistributionCenterService.wsdl, the REST v2 fulfillment routes, and the admin routes of sandbox.md,
 * all over one store, so an order posted through the admin routes is handed out by whichever transport asks.
 */

export interface UltraCartSimulatorOptions {
  /** 0 = any free port. */
  port?: number;
  host?: string;
  merchantId?: string;
  dcCode?: string;
  accessKey?: string;
  /** The REST simple key; default `sandbox-simple-key`. */
  simpleKey?: string;
  /** REST leaky buckets and the concurrency rule (default 1,000/hour, 10,000/day, concurrent requests refused). */
  restLimits?: Partial<RestLimitsConfig>;
  logger?: Logger;
  /** Keep the store in this JSON file across restarts (the sandbox of `npm start`). */
  stateFile?: string;
}

export interface UltraCartSimulator {
  /** Base URL, e.g. http://127.0.0.1:4010 (admin routes live under it). */
  url: string;
  soapUrl: string;
  /** e.g. http://127.0.0.1:4010/rest/v2 */
  restUrl: string;
  port: number;
  close(): Promise<void>;
  reset(): void;
  /** The store came back from `stateFile`. */
  restored: boolean;
}

export async function startUltraCartSimulator(opts: UltraCartSimulatorOptions = {}): Promise<UltraCartSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const merchantId = opts.merchantId ?? SANDBOX_DEFAULTS.merchantId;
  const creds = { merchantId, dcCode: opts.dcCode ?? SANDBOX_DEFAULTS.dcCode, accessKey: opts.accessKey ?? SANDBOX_DEFAULTS.accessKey };
  const store = new UltraCartStore(merchantId);
  const persistence = opts.stateFile ? persistState(opts.stateFile, store) : undefined;
  const faults = new FaultInjector();
  const stats = new SimulatorStats();
  const limits = new RestLimits(opts.restLimits);
  const reset = () => {
    store.clear();
    faults.clear();
    stats.clear();
    limits.reset();
  };

  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => (timers.delete(t), resolve()), ms);
      timers.add(t);
    });

  /** Serves the fault; true when the exchange is over (a delay lets the call go on afterwards). */
  async function serveFault(rule: FaultRule, res: ServerResponse, kind: 'soap' | 'rest'): Promise<boolean> {
    switch (rule.mode) {
      case 'delay':
        await sleep(rule.delay_ms ?? DEFAULT_DELAY_MS);
        return res.destroyed;
      case 'drop':
        res.socket?.destroy();
        return true;
      case 'http500':
        res.writeHead(500, { 'Content-Type': 'text/html' }).end('<html><body><h1>500 Internal Server Error</h1></body></html>');
        return true;
      case '429':
        if (kind === 'rest') sendRestError(res, 429, `rate of ${limits.current().rate_limit_per_hour} per 3600 second(s) exceeded.`, 'injected');
        else res.writeHead(429, { 'Content-Type': 'text/plain' }).end('Too Many Requests');
        return true;
      case '410':
        if (kind === 'rest') sendRestError(res, 410, 'This application has been disabled by UltraCart.', 'injected');
        else res.writeHead(410, { 'Content-Type': 'text/plain' }).end('Gone');
        return true;
      case 'fault':
        if (kind === 'rest') sendRestError(res, 500, 'Injected fault: the service is temporarily unavailable', 'injected');
        else res.writeHead(500, { 'Content-Type': 'text/xml; charset=utf-8' }).end(INJECTED_FAULT);
        return true;
    }
  }

  const handleSoap = await createSoapHandler({ store, faults, stats, creds, logger: opts.logger, serveFault });
  const handleRest = createRestHandler({ store, faults, stats, limits, dcCode: creds.dcCode, simpleKey: opts.simpleKey ?? SANDBOX_DEFAULTS.simpleKey, serveFault });
  let soapUrl = '';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const pathname = url.pathname.replace(/\/$/, '');
    const work =
      pathname === SOAP_PATH
        ? handleSoap(req, res, url.search, soapUrl)
        : pathname.startsWith(`${REST_PREFIX}/`)
          ? handleRest(req, res, pathname)
          : pathname.startsWith('/_sim/')
            ? handleAdmin(req, res, pathname, { store, faults, stats, limits, reset })
            : Promise.reject(new HttpError(404, 'not found'));
    work.catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return;
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) opts.logger?.error({ err }, 'ultracart simulator: request failed');
      sendJson(res, status, { error: err instanceof Error ? err.message : String(err) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  soapUrl = `${url}${SOAP_PATH}`;
  opts.logger?.info({ url, soapUrl, restUrl: `${url}${REST_PREFIX}`, merchantId, dcCode: creds.dcCode }, 'ultracart simulator listening');

  return {
    url,
    soapUrl,
    restUrl: `${url}${REST_PREFIX}`,
    port,
    reset,
    restored: persistence?.restored ?? false,
    close: () =>
      new Promise<void>((resolve, reject) => {
        persistence?.stop();
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The SOAP 1.1 Server fault the `fault` mode serves (a transient failure of UltraCart's service). */
const INJECTED_FAULT =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>' +
  `<faultcode>${FAULT_CODES.injected}</faultcode><faultstring>Injected fault: the service is temporarily unavailable</faultstring>` +
  '</soap:Fault></soap:Body></soap:Envelope>';
