import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import { createAlertActivities } from './activities/alerts';
import { createCredentialProbeActivities } from './activities/credential-probe';
import { createIngestActivities } from './activities/ingest';
import { createMappingActivities } from './activities/mapping';
import { createOrderImportActivities } from './activities/order-import';
import { createNotificationActivities } from './activities/notifications';
import { createShipmentSweepActivities } from './activities/shipment-sweep';
import { createReconcileFindActivities, createReconcileHealActivities } from './activities/reconcile';
import { createShipStationActivities } from './activities/shipstation';
import { createUltraCartActivities } from './activities/ultracart';
import { asWorkerActivities } from './activities/heartbeat';
import { dataConverter } from './codec/data-converter';
import type { Config } from './config';
import type { Metrics } from './http/metrics';
import type { Logger } from './logger';
import type { ShipStationClient } from './shipstation/client';
import { CREATE_ORDERS_LIMIT } from './shipstation/schemas';
import { BATCH_LIMIT } from './ultracart/protocol';
import type { UltraCartTransport } from './ultracart/transport';
import { AcknowledgedLedger } from './ultracart/acknowledged-ledger';
import { bundleWorkflowsInChild } from './temporal/bundle';
import { shipStationTaskQueue } from './workflows/retry-policies';
import { processIdentity } from './temporal/peer-count';

export interface WorkerDeps {
  config: Config;
  connection: NativeConnection;
  client: Client;
  ultracart: UltraCartTransport;
  shipstation: ShipStationClient;
  /** The one of the process's client (codec/data-converter.ts); built from config when absent. */
  dataConverter?: DataConverter;
  /** The process's metrics (the alerts sweep sets the order gauges); absent in tests that do not read them. */
  metrics?: Metrics;
  logger?: Logger;
  /** Tests pass a pre-built bundle; production bundles src/workflows at start. */
  workflowBundle?: WorkflowBundle;
}

/**
 * Enough for the orders in flight at once (a batch importing, the batches before it being written back), so
 * their workflow tasks seldom replay from history; few enough that orders waiting days for a label keep the
 * worker's memory small. The workflow modules are shared (temporal/bundle.ts), so a cached order costs its own state only.
 */
const MAX_CACHED_WORKFLOWS = 250;
/**
 * A workflow task waiting for its local activities (the import; mark-Imported, held in a coalescer for company)
 * keeps its slot: a whole UltraCart batch must fit, or its acknowledgement is cut in pieces.
 */
const WORKFLOW_TASK_SLOTS = BATCH_LIMIT + 20;
const LOCAL_ACTIVITY_SLOTS = WORKFLOW_TASK_SLOTS + 30;
/**
 * Order upserts wait in this process's coalescer for company (src/batching), up to 100 per `createorders` call:
 * two full batches (one in flight, one filling) plus a few slots for the other calls (polls, cancels, webhook
 * fetches). A call waiting in the client's rate gate holds a slot; with batching the gate seldom closes. There
 * is no server-side task-queue cap (`maxTaskQueueActivitiesPerSecond`): the gate, which counts the server's own
 * `X-Rate-Limit-*` windows, spends the budget exactly, each process its share of it (the processes polling this
 * queue split it). A cap is split across the queue's partitions, so a short queue drains at a fraction of it: the
 * tail of a backlog would trickle well below the budget.
 */
const SHIPSTATION_SLOTS = 2 * CREATE_ORDERS_LIMIT + 10;

/**
 * Two workers: the main queue runs the workflows and the UltraCart and mapping activities; the ShipStation
 * queue runs only ShipStation calls, order upserts joined into batches, paced by the client on the server's
 * rate-limit headers (it waits out 429s too).
 */
export async function createWorkers(deps: WorkerDeps): Promise<Worker[]> {
  const { config, connection } = deps;
  const converter = deps.dataConverter ?? dataConverter(config);
  const acknowledged = new AcknowledgedLedger();
  const ultracartActivities = createUltraCartActivities({
    ultracart: deps.ultracart,
    batching: { ...config.batching, onBatch: (operation, size) => deps.metrics?.recordBatch('ultracart', operation, size) },
    acknowledged,
  });
  const mappingActivities = createMappingActivities({ merchantId: config.ultracart.merchantId, shipstation: config.shipstation });
  const main = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataConverter: converter,
    workflowBundle: deps.workflowBundle ?? (await bundleWorkflowsInChild(require.resolve('./workflows'))),
    // Orders wait days for a label: keeping every one in memory grows the worker with the backlog. An evicted
    // order is replayed from its short history when its shipment arrives.
    maxCachedWorkflows: MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: WORKFLOW_TASK_SLOTS,
    maxConcurrentLocalActivityExecutions: LOCAL_ACTIVITY_SLOTS,
    activities: asWorkerActivities({
      ...ultracartActivities,
      ...mappingActivities,
      ...createOrderImportActivities({ importOrder: ultracartActivities.importOrder, prepareShipStationOrder: mappingActivities.prepareShipStationOrder }),
      ...createIngestActivities({ ultracart: deps.ultracart, temporal: deps.client, config, acknowledged }),
      ...createReconcileHealActivities({ ultracart: deps.ultracart, temporal: deps.client, config, metrics: deps.metrics }),
      ...createAlertActivities({ temporal: deps.client, config, metrics: deps.metrics, logger: deps.logger }),
    }),
  });
  const shipstation = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: shipStationTaskQueue(config.temporal.taskQueue),
    // The peer count (clients.ts) counts this process by this identity before the server has seen it poll.
    identity: processIdentity(),
    dataConverter: converter,
    activities: asWorkerActivities({
      ...createShipStationActivities({
        shipstation: deps.shipstation,
        batching: { ...config.batching, onBatch: (operation, size) => deps.metrics?.recordBatch('shipstation', operation, size) },
      }),
      ...createNotificationActivities({ shipstation: deps.shipstation, temporal: deps.client }),
      ...createShipmentSweepActivities({ shipstation: deps.shipstation, temporal: deps.client, config }),
      ...createReconcileFindActivities({ shipstation: deps.shipstation, temporal: deps.client, config }),
      ...createCredentialProbeActivities({ shipstation: deps.shipstation }),
    }),
    maxConcurrentActivityTaskExecutions: SHIPSTATION_SLOTS,
  });
  return [main, shipstation];
}

/** Runs the workers until `signal` aborts, then drains them (in-flight activities finish or time out). */
export async function runWorkers(workers: Worker[], signal: AbortSignal): Promise<void> {
  const stop = () => workers.forEach((w) => w.getState() === 'RUNNING' && w.shutdown());
  signal.addEventListener('abort', stop, { once: true });
  try {
    await Promise.all(workers.map((w) => w.run()));
  } finally {
    signal.removeEventListener('abort', stop);
  }
}
