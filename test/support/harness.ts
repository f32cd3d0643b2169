import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { createApiClients } from '../../src/clients';
import { loadConfig, type Config } from '../../src/config';
import { createMetrics } from '../../src/http/metrics';
import { startHttpServer, type RunningHttpServer } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { startShipStationSimulator, type ShipStationSimulator } from '../../sandbox/shipstation';
import { startUltraCartSimulator, type UltraCartSimulator } from '../../sandbox/ultracart/server';
import { ensureWebhookSubscription } from '../../src/shipstation/webhook-subscription';
import { alertsWorkflowId, orderWorkflowId, statusQuery, type OrderStage, type OrderStatus } from '../../src/contract';
import { createWorkers } from '../../src/worker';
import { TEST_PAYLOAD_KEYS } from './codec';
import { bundleOnce, devServerAddress } from './temporal';

export interface HarnessOptions {
  client: Client;
  nativeConnection: NativeConnection;
  env?: Record<string, string>;
  /** ShipStation simulator rate limit per minute; 0 (off) unless a test is about the limit. */
  rateLimitPerMinute?: number;
  /** Subscribe the webhook (default true); off to prove the poll fallback. */
  webhooks?: boolean;
  /** The key the product uses (SOAP access key and REST simple key); the simulator keeps the right one (a misconfigured merchant). */
  ultracartAccessKey?: string;
  /** Last changes to the loaded config before anything is built (e.g. a secret file). */
  configure?: (config: Config) => void;
}

/**
 * The product wired as `ucship start` wires it, over real servers: both simulators on free ports, the workers on
 * a task queue of their own, the webhook server subscribed in the ShipStation simulator. Each harness has its
 * own merchant id, so workflow ids never collide on the shared dev server.
 */
export async function startHarness(opts: HarnessOptions) {
  const merchantId = `T${crypto.randomBytes(4).toString('hex')}`;
  const uc: UltraCartSimulator = await startUltraCartSimulator({ port: 0, merchantId });
  const ss: ShipStationSimulator = await startShipStationSimulator({ port: 0, rateLimitPerMinute: opts.rateLimitPerMinute ?? 0, webhookDelayMs: 20 });
  const config: Config = loadConfig({
    SANDBOX_ULTRACART_PORT: String(uc.port),
    SANDBOX_SHIPSTATION_PORT: String(ss.port),
    TEMPORAL_TASK_QUEUE: `test-${merchantId}`,
    ULTRACART_TIMEOUT_MS: '3000',
    SHIPSTATION_TIMEOUT_MS: '3000',
    SHIPMENT_WATCH_PERIOD: '1s',
    SHIPSTATION_RATE_LIMIT_PER_MINUTE: String(opts.rateLimitPerMinute ?? 0),
    PAYLOAD_ENCRYPTION_KEYS: TEST_PAYLOAD_KEYS,
    // CI runs the end-to-end tests once per transport.
    ULTRACART_TRANSPORT: process.env.ULTRACART_TRANSPORT ?? 'soap',
    ...opts.env,
  });
  config.ultracart.merchantId = merchantId;
  if (opts.ultracartAccessKey) {
    config.ultracart.accessKey = opts.ultracartAccessKey;
    config.ultracart.apiKey = opts.ultracartAccessKey;
  }
  opts.configure?.(config);
  const logger = createLogger('silent');
  const metrics = createMetrics({ defaultMetrics: false });
  const { ultracart, shipstation } = await createApiClients(config, { temporal: opts.client, metrics, logger });
  const http: RunningHttpServer = await startHttpServer({
    port: 0,
    webhookSecret: config.http.webhookSecret,
    temporal: opts.client,
    taskQueue: config.temporal.taskQueue,
    metrics,
    logger,
  });
  const webhookUrl = `${http.url}/webhooks/shipstation/${config.http.webhookSecret}`;
  if (opts.webhooks !== false) await ensureWebhookSubscription(shipstation, webhookUrl, undefined);
  const workers: Worker[] = await createWorkers({
    config,
    connection: opts.nativeConnection,
    client: opts.client,
    ultracart,
    shipstation,
    metrics,
    logger,
    workflowBundle: await bundleOnce(path.resolve(__dirname, '../../src/workflows/index.ts')),
  });
  const running = workers.map((w) => w.run());

  const json = async (url: string, init?: RequestInit) => {
    const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  /** Runs `ucship <args>` as a person would, configured for this harness (its merchant, queue, simulators). */
  const cli = (...args: string[]) => {
    const env = {
      ...process.env,
      TEMPORAL_ADDRESS: devServerAddress(),
      TEMPORAL_TASK_QUEUE: config.temporal.taskQueue,
      ULTRACART_TRANSPORT: config.ultracart.transport,
      ULTRACART_MERCHANT_ID: merchantId,
      ULTRACART_DC_CODE: config.ultracart.dcCode,
      ...(config.ultracart.transport === 'soap'
        ? { ULTRACART_ACCESS_KEY: config.ultracart.accessKey, ULTRACART_SOAP_URL: config.ultracart.soapUrl }
        : { ULTRACART_API_KEY: config.ultracart.apiKey, ULTRACART_REST_URL: config.ultracart.restUrl }),
      SHIPSTATION_API_KEY: config.shipstation.apiKey,
      SHIPSTATION_API_SECRET: config.shipstation.apiSecret,
      SHIPSTATION_BASE_URL: config.shipstation.baseUrl,
      // The CLI reads what the workers wrote: the same payload key.
      PAYLOAD_ENCRYPTION_KEYS: TEST_PAYLOAD_KEYS,
    };
    return promisify(execFile)('node', [path.resolve(__dirname, '../../bin/ucship.js'), ...args], { env });
  };
  const handle = (orderId: string) => opts.client.workflow.getHandle(orderWorkflowId(merchantId, orderId));
  let ingestRuns = 0;

  const h = {
    config,
    transport: config.ultracart.transport,
    merchantId,
    metrics,
    uc,
    ss,
    ultracart,
    shipstation,
    client: opts.client,
    handle,
    cli,
    webhookUrl,
    postOrders: (orders: unknown) => json(`${uc.url}/_sim/orders`, { method: 'POST', body: JSON.stringify(orders) }),
    ucOrder: (orderId: string) => json(`${uc.url}/_sim/orders/${encodeURIComponent(orderId)}`),
    ucStats: () => json(`${uc.url}/_sim/stats`),
    ucFaults: (rule: unknown) => json(`${uc.url}/_sim/faults`, { method: 'POST', body: JSON.stringify(rule) }),
    ssOrders: () => json(`${ss.url}/_sim/orders`),
    ssStats: () => json(`${ss.url}/_sim/stats`),
    buyLabel: (label: Record<string, unknown>) =>
      json(`${ss.url}/_sim/shipments`, { method: 'POST', body: JSON.stringify({ carrierCode: 'ups_walleted', serviceCode: 'ups_ground', shipmentCost: 8.5, ...label }) }),
    voidLabel: (shipmentId: number) => json(`${ss.url}/_sim/shipments/${shipmentId}/void`, { method: 'POST' }),
    cancelInShipStation: (ssOrderId: number) => json(`${ss.url}/_sim/orders/${ssOrderId}/cancel`, { method: 'POST' }),
    /** One run of the ingest workflow, as the Schedule would start it. */
    ingest: () =>
      opts.client.workflow.execute('ingestWorkflow', { taskQueue: config.temporal.taskQueue, workflowId: `ingest-${merchantId}-${++ingestRuns}` }),
    status: (orderId: string): Promise<OrderStatus> => handle(orderId).query(statusQuery),
    /** Polls the workflow's status query until `stage` (the workflow may still be starting). */
    async waitForStage(orderId: string, stage: OrderStage, timeoutMs = 30_000): Promise<OrderStatus> {
      const deadline = Date.now() + timeoutMs;
      let last: OrderStatus | undefined;
      while (Date.now() < deadline) {
        try {
          last = await handle(orderId).query(statusQuery);
          if (last.stage === stage) return last;
        } catch {
          // not started yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`order ${orderId} did not reach ${stage} in ${timeoutMs} ms; last status: ${JSON.stringify(last)}`);
    },
    async close(): Promise<void> {
      // The credential watch starts the alerts workflow on the first answer; it must not outlive its workers.
      await opts.client.workflow.getHandle(alertsWorkflowId(merchantId, config.ultracart.dcCode)).terminate('harness closed').catch(() => undefined);
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      await Promise.allSettled(running);
      await http.close();
      await uc.close();
      await ss.close();
    },
  };
  return h;
}
export type Harness = Awaited<ReturnType<typeof startHarness>>;
