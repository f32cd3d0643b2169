import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { NativeConnection, WorkflowBundle } from '@temporalio/worker';
import { createApiClients, type ApiClients } from './clients';
import { dataConverter, payloadCodec } from './codec/data-converter';
import { codecAuthToken, codecEndpoint } from './codec/endpoint';
import type { Config } from './config';
import { createMetrics, type Metrics } from './http/metrics';
import { startHttpServer, type HttpServerOptions } from './http/server';
import type { Logger } from './logger';
import { startSandbox } from './sandbox';
import { warnIfNativeUltraCartStore } from './shipstation/store-guard';
import { ensureWebhookSubscription } from './shipstation/webhook-subscription';
import { connectClient, connectWorker } from './temporal/connection';
import { ensureSearchAttributes } from './temporal/search-attribute-setup';
import { ensureTemporalServer, temporalAddress } from './temporal/server';
import { ensureAlertsWorkflow } from './temporal/ops-workflows';
import { ensureIngestSchedule, ensureReconcileSchedule, ensureShipmentSweepSchedule, ensureVoidSweepSchedule } from './temporal/schedule';
import { createUltraCartGate, createUltraCartTransport } from './ultracart';
import { checkUltraCartCredentials } from './ultracart/check';
import { activityCancellation } from './activities/heartbeat';
import { createWorkers, runWorkers } from './worker';

export interface Stack {
  client: Client;
  uiUrl: string | undefined;
  httpUrl: string;
  simulators: { ultracart: string; shipstation: string } | undefined;
  /** Resolves when the workers stop (after stop(), or on a fatal worker error). */
  done: Promise<void>;
  stop(): Promise<void>;
}

export interface StackParts {
  /** Start the simulators (sandbox) and the embedded dev server here; `ucship worker` connects to running ones. */
  servers: boolean;
}

/**
 * Everything `ucship start` runs: the sandbox simulators (no credentials), Temporal (embedded dev server unless
 * TEMPORAL_ADDRESS), the API clients and their start-up checks, then the product (startProduct). Stops in
 * reverse order; a failure half-way stops what already started.
 */
export async function startStack(config: Config, logger: Logger, parts: StackParts = { servers: true }): Promise<Stack> {
  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = () => stopInReverse(stoppers, logger);
  try {
    // First, before any server starts: a WSDL lacking an operation stops the start within a second (exit 2).
    const transport = await createUltraCartTransport(config.ultracart, createUltraCartGate(config.ultracart, activityCancellation));
    const sandbox = config.sandbox && parts.servers ? await startSandbox(config, logger) : undefined;
    if (sandbox) stoppers.push(sandbox.stop);

    const codec = payloadCodec(config);
    if (!codec) logger.warn('PAYLOAD_ENCRYPTION=off: customer data is stored in plain text in Temporal');
    const codecToken = codec && codecAuthToken(config);
    if (codec && !codecToken) logger.warn('CODEC_AUTH_TOKEN not set: no codec endpoint, so the Web UI shows payloads encrypted');
    // The dev server's UI sends no Authorization header: its endpoint carries the token as a path segment.
    const uiCodecEndpoint = codecToken ? `http://127.0.0.1:${config.http.port}/codec/${encodeURIComponent(codecToken)}` : undefined;
    const temporal = parts.servers
      ? await ensureTemporalServer(config, uiCodecEndpoint)
      : { address: temporalAddress(config), uiUrl: undefined, stop: async () => undefined };
    stoppers.push(temporal.stop);
    if (temporal.leftoverPid !== undefined) {
      logger.warn({ pid: temporal.leftoverPid }, 'stopped a Temporal dev server that a killed earlier start had left running on the same data');
    }
    const converter = dataConverter(config, codec);
    const client = await connectClient(config.temporal, temporal.address, converter);
    stoppers.push(() => client.connection.close());
    await ensureSearchAttributes(client, config.temporal, temporal.address, logger);
    const connection: NativeConnection = await connectWorker(config.temporal, temporal.address);
    stoppers.push(() => connection.close());

    const metrics = createMetrics();
    const services = await createApiClients(config, { temporal: client, metrics, logger, ultracart: transport });
    // Both services are asked once before anything is scheduled: bad credentials end the start with their reason.
    await warnIfNativeUltraCartStore(services.shipstation, logger);
    await checkUltraCartCredentials(services.ultracart, logger);

    const codecHandler = codec && codecToken ? codecEndpoint({ codec, namespace: config.temporal.namespace, authToken: codecToken, corsOrigins: config.codec.corsOrigins }) : undefined;
    const product = await startProduct({ config, logger, client, connection, services, metrics, dataConverter: converter, codecEndpoint: codecHandler, schedules: true, webhooks: true });
    stoppers.push(product.stop);
    return { client, uiUrl: temporal.uiUrl, httpUrl: product.httpUrl, simulators: sandbox?.urls, done: product.done, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

export interface ProductOptions {
  config: Config;
  logger: Logger;
  client: Client;
  connection: NativeConnection;
  services: ApiClients;
  metrics: Metrics;
  /** The schedules (ingest, void sweep, reconciliation) and the alerts sweep; off where a test runs the ingest itself. */
  schedules: boolean;
  /** The SHIP_NOTIFY subscription (when a public URL and a secret are set); off to prove the poll fallback. */
  webhooks: boolean;
  /** The one of the process's client (codec/data-converter.ts); built from config when absent. */
  dataConverter?: DataConverter;
  /** The Web UI's codec endpoint on the HTTP server; absent: none. */
  codecEndpoint?: HttpServerOptions['codec'];
  /** Tests pass a pre-built bundle; production bundles src/workflows at start. */
  workflowBundle?: WorkflowBundle;
}

export interface RunningProduct {
  httpUrl: string;
  /** Where ShipStation is told to send SHIP_NOTIFY; undefined without a public URL or a secret. */
  webhookUrl: string | undefined;
  done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The product over a running Temporal and the two API clients: the schedules, the webhook server and its
 * subscription, the workers. `/healthz` answers 200 once the workers run (503 until then).
 */
export async function startProduct(opts: ProductOptions): Promise<RunningProduct> {
  const { config, logger, client, services } = opts;
  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = () => stopInReverse(stoppers, logger);
  try {
    if (opts.schedules) {
      const scheduleId = await ensureIngestSchedule(client, config);
      logger.info({ scheduleId, everyMs: config.ingestIntervalMs }, 'ingest schedule ready');
      const voidSweepId = await ensureVoidSweepSchedule(client, config);
      logger.info({ scheduleId: voidSweepId, everyMs: config.voidSweepIntervalMs }, 'void-sweep schedule ready');
      const shipmentSweepId = await ensureShipmentSweepSchedule(client, config);
      logger.info({ scheduleId: shipmentSweepId, everyMs: config.shipmentSweepIntervalMs }, 'shipment-sweep schedule ready');
      const reconcileId = await ensureReconcileSchedule(client, config);
      logger.info({ scheduleId: reconcileId, everyMs: config.reconcileIntervalMs }, 'reconciliation schedule ready');
      const alertsId = await ensureAlertsWorkflow(client, config);
      logger.info({ workflowId: alertsId, everyMs: config.alerts.intervalMs, webhook: config.alerts.webhookUrl ? 'set' : 'not set (alerts are logged)' }, 'alerts sweep running');
    }

    let workersRunning = false;
    const httpServer = await startHttpServer({
      host: config.http.host,
      port: config.http.port,
      webhookSecret: config.http.webhookSecret,
      temporal: client,
      taskQueue: config.temporal.taskQueue,
      metrics: opts.metrics,
      logger,
      ready: () => workersRunning,
      codec: opts.codecEndpoint,
    });
    stoppers.push(httpServer.close);
    const publicUrl = config.http.publicUrl ?? (config.sandbox ? httpServer.url : undefined);
    const webhookUrl = publicUrl && config.http.webhookSecret ? `${publicUrl.replace(/\/$/, '')}/webhooks/shipstation/${config.http.webhookSecret}` : undefined;
    if (opts.webhooks && webhookUrl) {
      await ensureWebhookSubscription(services.shipstation, webhookUrl, config.shipstation.storeId);
    } else if (opts.webhooks) {
      logger.warn('PUBLIC_URL or WEBHOOK_SECRET not set: no SHIP_NOTIFY webhook; shipments are found by the shipment sweep every SHIPMENT_SWEEP_INTERVAL');
    }

    // Read before the workers take tasks: a process that joins spends only its share from its first call.
    await services.shipstationPeers.start();
    stoppers.push(async () => services.shipstationPeers.stop());
    const workers = await createWorkers({ config, connection: opts.connection, client, ...services, metrics: opts.metrics, logger, dataConverter: opts.dataConverter, workflowBundle: opts.workflowBundle });
    const abort = new AbortController();
    const done = runWorkers(workers, abort.signal);
    workersRunning = true;
    stoppers.push(async () => {
      abort.abort();
      await done.catch(() => undefined);
    });
    return { httpUrl: httpServer.url, webhookUrl, done, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** Stops what started, last first; a part that fails to stop is logged and the rest still stop. */
async function stopInReverse(stoppers: Array<() => Promise<void>>, logger: Logger): Promise<void> {
  for (const stop of stoppers.splice(0).reverse()) {
    await stop().catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'stopping a part failed'));
  }
}
