import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import { sightOrders } from '../ops/order-sighting';
import type { UltraCartTransport } from '../ultracart/transport';
import { orderWorkflowId, type Cohort, type OrderStage, type RequeueRequest } from '../contract';
import { untilLeftStage } from '../ops/order-visibility';

export interface IngestReport {
  /** Orders UltraCart handed out in this batch. */
  seen: number;
  /** New workflows (or new runs of finished ones). */
  started: number;
  /** Running workflows told the order was queued again after they acknowledged it. */
  requeued: number;
  /** Orders whose workflow is importing or retrying them: the same queue entry, nothing to do. */
  inProgress: number;
  /** The UltraCart order ids of the batch, so the ingest can wait for them to be acknowledged. */
  orderIds: string[];
}

/** The stage every order workflow starts in (order-workflow-start.ts); it leaves it once it has acknowledged. */
const IMPORTING: OrderStage = 'importing';
/** Order workflows one ingest activity starts (or signals) at a time. */
const START_CONCURRENCY = 10;
/** How often the ingest looks whether the batch is acknowledged. */
const ACK_POLL_MS = 250;
/** The longest wait for a batch's acknowledgements (inside the activity's timeout); by then the Schedule reads anyway. */
const MAX_ACK_WAIT_MS = 90_000;

/** The scheduled ingest's steps: take UltraCart's queued batch and make sure each order has its workflow. */
export function createIngestActivities(deps: { ultracart: Pick<UltraCartTransport, 'queuedOrders' | 'getOrder'>; temporal: Client; config: Config }) {
  const workflowIdOf = (orderId: string) => orderWorkflowId(deps.config.ultracart.merchantId, orderId);
  return {
    async ingestQueuedOrders(): Promise<IngestReport> {
      const seenAt = Date.now();
      const batch = await deps.ultracart.queuedOrders();
      const report: IngestReport = { seen: batch.length, started: 0, requeued: 0, inProgress: 0, orderIds: batch.map((o) => o.orderId) };
      // A few at a time: one by one (two calls each), a batch's starts spread its orders over seconds, so they
      // reached createorders in handfuls; all 100 at once overloaded a dev server on 2 cores ("context deadline
      // exceeded" while processing the workflow tasks).
      // The batch's orders reach ShipStation's batcher together: it need not wait for more once all have come.
      const cohort: Cohort = { id: `ingest ${seenAt} ${batch[0]?.orderId ?? ''}`, size: batch.length };
      const sightings = batch.map(({ orderId, raw }) => {
        // The workflow drops the sighting if it acknowledged after `seenAt` (the batch was read before that).
        // The order's data travels with the sighting: its import fetches nothing (and REST has no per-order fetch).
        const request: RequeueRequest = { source: 'ingest', seenAt, ...(raw !== undefined ? { order: raw, cohort } : {}) };
        return { orderId, request };
      });
      const outcomes = await sightOrders(deps.temporal, deps.config, sightings, START_CONCURRENCY);
      for (const outcome of outcomes) {
        if (outcome === 'started') report.started += 1;
        else if (outcome === 'signalled') report.requeued += 1;
        else report.inProgress += 1;
      }
      return report;
    },

    /**
     * Waits until none of these orders' workflows is still importing (each has acknowledged the order in
     * UltraCart, or parked), at most INGEST_INTERVAL (90 s at most). UltraCart hands out the same batch until it is acknowledged,
     * so this is the earliest moment the next batch can be read. Asks Temporal, never UltraCart. (The worker's
     * wrapper heartbeats while it waits.)
     */
    async awaitAcknowledged(orderIds: string[]): Promise<{ stillImporting: number; waitedMs: number }> {
      const maxWaitMs = Math.min(deps.config.ingestIntervalMs, MAX_ACK_WAIT_MS);
      const { still, waitedMs } = await untilLeftStage(deps.temporal, orderIds.map(workflowIdOf), IMPORTING, maxWaitMs, ACK_POLL_MS);
      return { stillImporting: still, waitedMs };
    },
  };
}
export type IngestActivities = ReturnType<typeof createIngestActivities>;

