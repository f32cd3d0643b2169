import crypto from 'node:crypto';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { orderWorkflowId, statusQuery, type OrderStage, type OrderStatus } from '../../src/contract';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createServiceClients, startProduct } from '../../src/stack';
import type { SsLabel } from '../../sandbox/admin-client';
import { startSimulators } from '../../sandbox/simulators';
import { waitFor } from '../../stack-kit';
import { bundleOnce } from './temporal';

export interface HarnessOptions {
  client: Client;
  nativeConnection: NativeConnection;
  env?: Record<string, string>;
  /** ShipStation simulator rate limit per minute; 0 (off) unless a test is about the limit. */
  rateLimitPerMinute?: number;
  /** Subscribe the webhook (default true); off to prove the poll fallback. */
  webhooks?: boolean;
  /** The key the product uses; the simulator keeps the right one (a misconfigured merchant). */
  ultracartAccessKey?: string;
}

/**
 * The product wired by its own composition root (startProduct, with the API clients of createServiceClients:
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
    ...opts.env,
  });
  config.ultracart.merchantId = merchantId;
  if (opts.ultracartAccessKey) config.ultracart.accessKey = opts.ultracartAccessKey;
  const logger = createLogger('silent');
  const services = await createServiceClients(config, logger);
  const product = await startProduct({
    config,
    logger,
    client: opts.client,
    connection: opts.nativeConnection,
    services,
    schedules: false,
    webhooks: opts.webhooks !== false,
    workflowBundle: await bundleOnce(path.resolve(__dirname, '../../src/workflows/index.ts')),
  }).catch(async (err: unknown) => {
    await sims.close();
    throw err;
  });

  const handle = (orderId: string) => opts.client.workflow.getHandle(orderWorkflowId(merchantId, orderId));
  let ingestRuns = 0;

  return {
    config,
    merchantId,
    ...sims,
    ...services,
    client: opts.client,
    handle,
    webhookUrl: product.webhookUrl as string,
    /** A label bought in ShipStation, with a carrier, service and cost unless the test names them. */
    buyLabel: (label: Partial<SsLabel>) => sims.ssAdmin.buyLabel({ carrierCode: 'ups_walleted', serviceCode: 'ups_ground', shipmentCost: 8.5, ...label }),
    /** One run of the ingest workflow, as the Schedule would start it. */
    ingest: () =>
      opts.client.workflow.execute('ingestWorkflow', { taskQueue: config.temporal.taskQueue, workflowId: `ingest-${merchantId}-${++ingestRuns}` }),
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
      await product.stop();
      await sims.close();
    },
  };
}
export type Harness = Awaited<ReturnType<typeof startHarness>>;
