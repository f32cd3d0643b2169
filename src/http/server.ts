import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { SHIPMENT_NOTIFICATION_WORKFLOW, notificationWorkflowStart, type ShipmentNotificationWorkflow } from '../contract';
import type { Logger } from '../logger';
import { namingPortSetting } from '../util/port-in-use';
import { webhookPayloadSchema } from '../shipstation/schemas';
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
 * `GET /healthz`, `GET /metrics`.
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
    if (req.method === 'GET' && path === '/healthz') return send(res, 200, { ok: true });
    if (req.method === 'GET' && path === '/metrics') {
      res.writeHead(200, { 'content-type': opts.metrics.registry.contentType });
      res.end(await opts.metrics.registry.metrics());
      return;
    }
    const webhook = /^\/webhooks\/shipstation\/([^/]+)$/.exec(path);
    if (req.method === 'POST' && webhook && opts.webhookSecret !== undefined && secretMatches(webhook[1], opts.webhookSecret)) {
      return onWebhook(req, res);
    }
    send(res, 404, { error: 'not found' });
  }

  async function onWebhook(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
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

/**
 * The path's secret against the configured one, in constant time (digests of equal length, so neither the
 * content nor the length leaks through timing). A malformed escape (`%zz`) is simply not the secret: 404, not 500.
 */
function secretMatches(encoded: string, secret: string): boolean {
  let candidate: string;
  try {
    candidate = decodeURIComponent(encoded);
  } catch {
    return false;
  }
  const digest = (s: string) => crypto.createHash('sha256').update(s).digest();
  return crypto.timingSafeEqual(digest(candidate), digest(secret));
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('webhook body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
