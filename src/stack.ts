import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { dataConverter, payloadCodec } from './codec/data-converter';
import { codecAuthToken, codecEndpoint } from './codec/endpoint';
import { createApiClients } from './clients';
import type { Config } from './config';
import { createMetrics } from './http/metrics';
import { startHttpServer } from './http/server';
import type { Logger } from './logger';
import { startSandbox } from './sandbox';
import { warnIfNativeUltraCartStore } from './shipstation/store-guard';
import { ensureWebhookSubscription } from './shipstation/webhook-subscription';
import { connectClient, connectWorker } from './temporal/connection';
import { ensureSearchAttributes } from './temporal/search-attribute-setup';
import { ensureTemporalServer, temporalAddress } from './temporal/server';
import { ensureAlertsWorkflow } from './temporal/ops-workflows';
import { ensureIngestSchedule, ensureReconcileSchedule, ensureVoidSweepSchedule } from './temporal/schedule';
import { createUltraCartTransport } from './ultracart';
import { checkUltraCartCredentials } from './ultracart/check';
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

/**
 * Everything `ucship start` runs: the sandbox simulators (no credentials), Temporal (embedded dev server unless
 * TEMPORAL_ADDRESS), the ingest schedule, the webhook server and subscription, and the workers. Stops in
 * reverse order; a failure half-way stops what already started.
 */
export interface StackParts {
  /** Start the simulators (sandbox) and the embedded dev server here; `ucship worker` connects to running ones. */
  servers: boolean;
}

export async function startStack(config: Config, logger: Logger, parts: StackParts = { servers: true }): Promise<Stack> {
  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stoppers.splice(0).reverse()) {
      await stop().catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'stopping a part failed'));
    }
  };
  try {
    // First, before any server starts: a WSDL lacking an operation stops the start within a second (exit 2).
    const transport = await createUltraCartTransport(config.ultracart);
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
    // 429s are waited out inside the call (up to a minute): bursts then cost no attempts and grow no backoff.
    const { ultracart, shipstation } = await createApiClients(config, { temporal: client, metrics, logger, retry429: true, ultracart: transport });
    // Both services are asked once before anything is scheduled: bad credentials end the start with their reason.
    await warnIfNativeUltraCartStore(shipstation, logger);
    await checkUltraCartCredentials(ultracart, logger);
    const scheduleId = await ensureIngestSchedule(client, config);
    logger.info({ scheduleId, everyMs: config.ingestIntervalMs }, 'ingest schedule ready');
    const voidSweepId = await ensureVoidSweepSchedule(client, config);
    logger.info({ scheduleId: voidSweepId, everyMs: config.voidSweepIntervalMs }, 'void-sweep schedule ready');
    const reconcileId = await ensureReconcileSchedule(client, config);
    logger.info({ scheduleId: reconcileId, everyMs: config.reconcileIntervalMs }, 'reconciliation schedule ready');
    const alertsId = await ensureAlertsWorkflow(client, config);
    logger.info({ workflowId: alertsId, everyMs: config.alerts.intervalMs, webhook: config.alerts.webhookUrl ? 'set' : 'not set (alerts are logged)' }, 'alerts sweep running');
    const httpServer = await startHttpServer({
      host: config.http.host,
      port: config.http.port,
      webhookSecret: config.http.webhookSecret,
      temporal: client,
      taskQueue: config.temporal.taskQueue,
      metrics,
      logger,
      codec: codec && codecToken ? codecEndpoint({ codec, namespace: config.temporal.namespace, authToken: codecToken, corsOrigins: config.codec.corsOrigins }) : undefined,
    });
    stoppers.push(httpServer.close);
    const publicUrl = config.http.publicUrl ?? (config.sandbox ? httpServer.url : undefined);
    if (publicUrl && config.http.webhookSecret) {
      await ensureWebhookSubscription(shipstation, `${publicUrl.replace(/\/$/, '')}/webhooks/shipstation/${config.http.webhookSecret}`, config.shipstation.storeId);
    } else {
      logger.warn('PUBLIC_URL or WEBHOOK_SECRET not set: no SHIP_NOTIFY webhook; shipments are found by polling every SHIPMENT_POLL_INTERVAL');
    }

    const workers = await createWorkers({ config, connection, client, ultracart, shipstation, metrics, logger, dataConverter: converter });
    const abort = new AbortController();
    const done = runWorkers(workers, abort.signal);
    stoppers.push(async () => {
      abort.abort();
      await done.catch(() => undefined);
    });
    return {
      client,
      uiUrl: temporal.uiUrl,
      httpUrl: httpServer.url,
      simulators: sandbox?.urls,
      done,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
