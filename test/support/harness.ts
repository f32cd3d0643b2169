import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { createApiClients } from '../../src/clients';
import { alertsWorkflowId, orderWorkflowId, statusQuery, type OrderStage, type OrderStatus } from '../../src/contract';
import { loadConfig, type Config } from '../../src/config';
import { createMetrics } from '../../src/http/metrics';
import { createLogger } from '../../src/logger';
import { startProduct } from '../../src/stack';
import type { SsLabel } from '../../sandbox/admin-client';
import { startSimulators } from '../../sandbox/simulators';
import { waitFor } from '../../stack-kit';
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
 * The product wired by its own composition root (startProduct, with the API clients of createApiClients:
 * the production 429 policy), over real servers: both simulators on free ports, the workers on a task queue of
 * their own, the webhook server subscribed in the ShipStation simulator. No schedules and no start-up checks:
 * each test runs the ingest itself. Each harness has its own merchant id, so workflow ids never collide on the
 * shared dev server.
 */
export async function startHarness(opts: HarnessOptions) {
  const merchantId = `T${crypto.randomBytes(4).toString('hex')}`;
  const sims = await startSimulators({
    ultracart: { merchantId },
    shipstation: { rateLimitPerMinute: opts.rateLimitPerMinute ?? 0, webhookDelayMs: 20 },
  });
  const config: Config = loadConfig({
    SANDBOX_ULTRACART_PORT: String(sims.uc.port),
    SANDBOX_SHIPSTATION_PORT: String(sims.ss.port),
    TEMPORAL_TASK_QUEUE: `test-${merchantId}`,
    HTTP_PORT: '0',
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
  const services = await createApiClients(config, { temporal: opts.client, metrics, logger });
  const product = await startProduct({
    config,
    logger,
    client: opts.client,
    connection: opts.nativeConnection,
    services,
    metrics,
    schedules: false,
    webhooks: opts.webhooks !== false,
    workflowBundle: await bundleOnce(path.resolve(__dirname, '../../src/workflows/index.ts')),
  }).catch(async (err: unknown) => {
    await sims.close();
    throw err;
  });

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

  return {
    config,
    transport: config.ultracart.transport,
    merchantId,
    metrics,
    ...sims,
    ...services,
    client: opts.client,
    handle,
    cli,
    webhookUrl: product.webhookUrl as string,
    /** A label bought in ShipStation, with a carrier, service and cost unless the test names them. */
    buyLabel: (label: Partial<SsLabel>) => sims.ssAdmin.buyLabel({ carrierCode: 'ups_walleted', serviceCode: 'ups_ground', shipmentCost: 8.5, ...label }),
    /** One run of the ingest workflow, as the Schedule would start it. */
    ingest: () =>
      opts.client.workflow.execute('ingestWorkflow', { taskQueue: config.temporal.taskQueue, workflowId: `ingest-${merchantId}-${++ingestRuns}` }),
    /** The workflow id of the latest `ingest()` run. */
    lastIngestId: () => `ingest-${merchantId}-${ingestRuns}`,
    status: (orderId: string): Promise<OrderStatus> => handle(orderId).query(statusQuery),
    /** Polls the workflow's status query until `stage` (the workflow may still be starting). */
    async waitForStage(orderId: string, stage: OrderStage, timeoutMs = 30_000): Promise<OrderStatus> {
      let last: OrderStatus | undefined;
      const reached = async () => {
        last = await handle(orderId).query(statusQuery).catch(() => last); // not started yet
        return { done: last?.stage === stage, progress: `last status: ${JSON.stringify(last)}` };
      };
      await waitFor(`order ${orderId} reaching ${stage}`, reached, { timeoutMs, everyMs: 100 });
      return last as OrderStatus;
    },
    async close(): Promise<void> {
      // The credential watch signals the alerts workflow of this merchant; none must outlive its workers.
      await opts.client.workflow.getHandle(alertsWorkflowId(merchantId, config.ultracart.dcCode)).terminate('harness closed').catch(() => undefined);
      await product.stop();
      await sims.close();
    },
  };
}
export type Harness = Awaited<ReturnType<typeof startHarness>>;
