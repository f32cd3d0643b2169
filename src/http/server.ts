import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { SHIPMENT_NOTIFICATION_WORKFLOW, notificationWorkflowStart, type ShipmentNotificationWorkflow } from '../contract';
import type { Logger } from '../logger';
import { namingPortSetting } from '../util/port-in-use';
import { webhookPayloadSchema } from '../shipstation/schemas';
import { pathSegment, readBody, secretEquals, send } from './io';
import type { Metrics } from './metrics';

export interface HttpServerOptions {
  port: number;
  host?: string;
  /** Undefined: no webhook route (no secret configured). */
  webhookSecret: string | undefined;
  temporal: Client;
  taskQueue: string;
  metrics: Metrics;
  logger: Logger;
  /** Whether the workers run yet: until then /healthz answers 503 (readiness for whoever started this process). */
  ready?: () => boolean;
  /** `/codec/encode`, `/codec/decode` (codec/endpoint.ts); undefined: no codec endpoint. */
  codec?: (req: http.IncomingMessage, res: http.ServerResponse, path: string) => Promise<boolean>;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

/**
 * `POST /webhooks/shipstation/<secret>`: ShipStation webhooks are not signed, so the secret lives in the path;
 * a wrong one gets 404 as if nothing were there. The body only names a batch: a workflow fetches it.
 * `GET /healthz` (503 until the workers run), `GET /metrics`.
 */
export async function startHttpServer(opts: HttpServerOptions): Promise<RunningHttpServer> {
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.logger.error({ err: (err as Error).message }, 'http handler failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return (opts.ready?.() ?? true) ? send(res, 200, { ok: true }) : send(res, 503, { ok: false, starting: true });
    if (req.method === 'GET' && path === '/metrics') {
      res.writeHead(200, { 'content-type': opts.metrics.registry.contentType });
      res.end(await opts.metrics.registry.metrics());
      return;
    }
    if (opts.codec && (await opts.codec(req, res, path))) return;
    const webhook = /^\/webhooks\/shipstation\/([^/]+)$/.exec(path);
    if (req.method === 'POST' && webhook && opts.webhookSecret !== undefined && secretEquals(pathSegment(webhook[1]), opts.webhookSecret)) {
      return onWebhook(req, res);
    }
    send(res, 404, { error: 'not found' });
  }

  async function onWebhook(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req, MAX_BODY);
    let payload;
    try {
      payload = webhookPayloadSchema.parse(JSON.parse(body));
    } catch {
      opts.metrics.webhooks.inc({ outcome: 'invalid' });
      return send(res, 400, { error: 'expected {"resource_url": "...", "resource_type": "..."}' });
    }
    if (payload.resource_type !== 'SHIP_NOTIFY' && payload.resource_type !== 'ITEM_SHIP_NOTIFY') {
      opts.metrics.webhooks.inc({ outcome: 'ignored' });
      return send(res, 200, { ignored: payload.resource_type });
    }
    try {
      await opts.temporal.workflow.start<ShipmentNotificationWorkflow>(SHIPMENT_NOTIFICATION_WORKFLOW, notificationWorkflowStart(opts.taskQueue, payload.resource_url));
      opts.metrics.webhooks.inc({ outcome: 'accepted' });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      opts.metrics.webhooks.inc({ outcome: 'duplicate' });
    }
    send(res, 200, { ok: true });
  }

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(namingPortSetting(err, 'HTTP_PORT', `${host}:${opts.port}`)));
    server.listen(opts.port, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  // Bound to every interface (the container's 0.0.0.0): this machine reaches it on loopback.
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${reachable}:${port}`,
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
