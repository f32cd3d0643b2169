import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as soap from 'soap';
import { DEFAULT_WSDL, SANDBOX_DEFAULTS } from '../../src/config';
import type { Logger } from '../../src/logger';
import { FAULT_CODES, SOAP_PATH, ULTRACART_OPERATIONS } from '../../src/ultracart/protocol';
import { handleAdmin } from './admin';
import { DEFAULT_DELAY_MS, FaultInjector, type FaultRule } from './faults';
import { HttpError, readBody, sendJson } from './http';
import { createDistributionCenterService } from './service';
import { SimulatorStats } from './stats';
import { persistState } from '../persistence';
import { UltraCartStore } from './store';

/**
 * The UltraCart distribution-center simulator: the SOAP service of DistributionCenterService.wsdl plus the
 * admin routes of sandbox.md, on its own HTTP server. npm soap runs serverless inside it, so
 * injected faults (drop, bare HTTP 500, delay) can act on the raw HTTP exchange before SOAP sees it.
 */

export interface UltraCartSimulatorOptions {
  /** 0 = any free port. */
  port?: number;
  host?: string;
  merchantId?: string;
  dcCode?: string;
  accessKey?: string;
  logger?: Logger;
  /** Keep the store in this JSON file across restarts (the sandbox of `npm start`). */
  stateFile?: string;
}

export interface UltraCartSimulator {
  /** Base URL, e.g. http://127.0.0.1:4010 (admin routes live under it). */
  url: string;
  soapUrl: string;
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
  const reset = () => {
    store.clear();
    faults.clear();
    stats.clear();
  };

  const wsdlText = readFileSync(DEFAULT_WSDL, 'utf8');
  const soapServer = await new Promise<soap.Server>((resolve, reject) => {
    const server: soap.Server = soap.listen(null, {
      path: SOAP_PATH,
      services: createDistributionCenterService(store, creds),
      xml: wsdlText,
      callback: (err: unknown) => (err ? reject(err) : resolve(server)),
    });
  });
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => (timers.delete(t), resolve()), ms);
      timers.add(t);
    });

  let soapUrl = '';
  async function handleSoap(req: IncomingMessage, res: ServerResponse, search: string): Promise<void> {
    if (req.method === 'GET' && search.toLowerCase().startsWith('?wsdl')) {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(wsdlText.replace(/location="[^"]*"/, `location="${soapUrl}"`));
      return;
    }
    if (req.method !== 'POST') throw new HttpError(405, 'POST a SOAP envelope, or GET ?wsdl');
    const xml = await readBody(req);
    const operation = operationOf(req, xml);
    stats.call(operation);
    const rule = faults.take(operation);
    if (rule) {
      stats.fault(rule.mode);
      opts.logger?.debug({ operation, mode: rule.mode }, 'ultracart simulator: injecting fault');
      if (await injectFault(rule, res)) return;
    }
    const reply = await soapServer.processRequest(xml, { headers: req.headers, url: req.url });
    res.writeHead(reply.statusCode, { 'Content-Type': 'text/xml; charset=utf-8' }).end(reply.body);
  }

  /** Serves the fault; true when the exchange is over (a delay lets the call go on afterwards). */
  async function injectFault(rule: FaultRule, res: ServerResponse): Promise<boolean> {
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
      case 'fault':
        res.writeHead(500, { 'Content-Type': 'text/xml; charset=utf-8' }).end(INJECTED_FAULT);
        return true;
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const pathname = url.pathname.replace(/\/$/, '');
    const work = pathname === SOAP_PATH ? handleSoap(req, res, url.search) : pathname.startsWith('/_sim/') ? handleAdmin(req, res, pathname, { store, faults, stats, reset }) : Promise.reject(new HttpError(404, 'not found'));
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
  opts.logger?.info({ url, soapUrl, merchantId, dcCode: creds.dcCode }, 'ultracart simulator listening');

  return {
    url,
    soapUrl,
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

/** The operation a SOAP request names: its SOAPAction, else the first element in the Body. */
function operationOf(req: IncomingMessage, xml: string): string {
  const action = String(req.headers.soapaction ?? '').replace(/"/g, '');
  const named = action || /<(?:[\w.-]+:)?Body[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(xml)?.[1] || '';
  return (ULTRACART_OPERATIONS as readonly string[]).includes(named) ? named : 'unknown';
}

/** The SOAP 1.1 Server fault the `fault` mode serves (a transient failure of UltraCart's service). */
const INJECTED_FAULT =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>' +
  `<faultcode>${FAULT_CODES.injected}</faultcode><faultstring>Injected fault: the service is temporarily unavailable</faultstring>` +
  '</soap:Fault></soap:Body></soap:Envelope>';
