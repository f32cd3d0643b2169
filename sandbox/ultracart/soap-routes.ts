import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as soap from 'soap';
import { DEFAULT_WSDL } from '../../src/config';
import type { Logger } from '../../src/logger';
import { SOAP_PATH, ULTRACART_OPERATIONS } from '../../src/ultracart/protocol';
import type { FaultInjector, FaultRule } from './faults';
import { HttpError, readBody } from './http-io';
import { createDistributionCenterService, type Credentials } from './soap-service';
import type { UltraCartStore } from './state';
import type { SimulatorStats } from './stats';

export interface SoapDeps {
  store: UltraCartStore;
  faults: FaultInjector;
  stats: SimulatorStats;
  creds: Credentials;
  logger?: Logger;
  serveFault(rule: FaultRule, res: ServerResponse, kind: 'soap'): Promise<boolean>;
}

/**
 * The SOAP service of DistributionCenterService.wsdl. npm soap runs serverless inside the simulator's HTTP
 * server, so injected faults (drop, bare HTTP 500, delay) act on the raw HTTP exchange before SOAP sees it.
 */
export async function createSoapHandler(deps: SoapDeps) {
  const wsdlText = readFileSync(DEFAULT_WSDL, 'utf8');
  const soapServer = await new Promise<soap.Server>((resolve, reject) => {
    const server: soap.Server = soap.listen(null, {
      path: SOAP_PATH,
      services: createDistributionCenterService(deps.store, deps.creds),
      xml: wsdlText,
      callback: (err: unknown) => (err ? reject(err) : resolve(server)),
    });
  });

  return async function handleSoap(req: IncomingMessage, res: ServerResponse, search: string, soapUrl: string): Promise<void> {
    if (req.method === 'GET' && search.toLowerCase().startsWith('?wsdl')) {
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' }).end(wsdlText.replace(/location="[^"]*"/, `location="${soapUrl}"`));
      return;
    }
    if (req.method !== 'POST') throw new HttpError(405, 'POST a SOAP envelope, or GET ?wsdl');
    const xml = await readBody(req);
    const operation = operationOf(req, xml);
    deps.stats.call(operation);
    const rule = deps.faults.take(operation);
    if (rule) {
      deps.stats.fault(rule.mode);
      deps.logger?.debug({ operation, mode: rule.mode }, 'ultracart simulator: injecting fault');
      if (await deps.serveFault(rule, res, 'soap')) return;
    }
    const reply = await soapServer.processRequest(xml, { headers: req.headers, url: req.url });
    res.writeHead(reply.statusCode, { 'Content-Type': 'text/xml; charset=utf-8' }).end(reply.body);
  };
}

/** The operation a SOAP request names: its SOAPAction, else the first element in the Body. */
function operationOf(req: IncomingMessage, xml: string): string {
  const action = String(req.headers.soapaction ?? '').replace(/"/g, '');
  const named = action || /<(?:[\w.-]+:)?Body[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(xml)?.[1] || '';
  return (ULTRACART_OPERATIONS as readonly string[]).includes(named) ? named : 'unknown';
}
