import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import { sightOrders } from '../ops/order-sighting';
import type { UltraCartTransport } from '../ultracart/transport';
import { addBatch, orderWorkflowId, queueMoved, type BatchCounts, type Cohort, type OrderStage, type RequeueRequest } from '../contract';
import { untilLeftStage } from '../ops/order-visibility';
import type { AcknowledgedLedger } from '../ultracart/acknowledged-ledger';

export interface IngestReport extends BatchCounts {
  /** The UltraCart order ids of the batch, so the ingest can wait for them to be acknowledged. */
  orderIds: string[];
  /** When the batch was read: acknowledgements since then are of this batch (absent in older runs' histories). */
  readAtMs?: number;
}

/** The stage every order workflow starts in (order-workflow-start.ts); it leaves it once it has acknowledged. */
const IMPORTING: OrderStage = 'importing';
/** Order workflows one ingest activity starts (or signals) at a time. */
const START_CONCURRENCY = 20;
/** How often the ingest looks whether the batch is acknowledged. */
const ACK_POLL_MS = 250;
/**
 * The longest wait for a batch's acknowledgements (inside the activity's timeout), whatever INGEST_INTERVAL is:
 * a shorter wait only reads the same batch again and ends the run, at the cost of a describe per order.
 */
const MAX_ACK_WAIT_MS = 90_000;

/** What a drain reports: its batches' figures added up, and whether the queue may hold more. */
export interface DrainReport extends BatchCounts {
  batches: number;
  /** The last batch was full, moved the queue and was acknowledged: the next one can be read at once. */
  more: boolean;
  /** Time spent reading the queue and starting (or telling) the orders, and waiting for acknowledgements. */
  readAndStartMs: number;
  ackWaitMs: number;
}

/** How long one drain goes on reading batches before it hands back to the workflow (inside its timeout). */
const DRAIN_BUDGET_MS = 10 * 60_000;

/** The scheduled ingest's steps: take UltraCart's queued batch and make sure each order has its workflow. */
export function createIngestActivities(deps: {
  ultracart: Pick<UltraCartTransport, 'queuedOrders' | 'getOrder'>;
  temporal: Client;
  config: Config;
  /** This process's acknowledgements: the wait ends as soon as they cover the batch. */
  acknowledged?: AcknowledgedLedger;
}) {
  const workflowIdOf = (orderId: string) => orderWorkflowId(deps.config.ultracart.merchantId, orderId);

  async function ingestQueuedOrders(): Promise<IngestReport> {
    const seenAt = Date.now();
    const batch = await deps.ultracart.queuedOrders();
    const report: IngestReport = { seen: batch.length, started: 0, requeued: 0, inProgress: 0, orderIds: batch.map((o) => o.orderId), readAtMs: seenAt };
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
  }

  /**
   * Waits until none of these orders' workflows is still importing (each has acknowledged the order in
   * UltraCart, or parked), at most 90 s. UltraCart hands out the same batch until it is acknowledged, so this
   * is the earliest moment the next batch can be read. Asks Temporal, never UltraCart, and ends at once when
   * this process acknowledged the whole batch itself (`readAtMs`: when the batch was read). (The worker's
   * wrapper heartbeats while it waits.)
   */
  async function awaitAcknowledged(orderIds: string[], readAtMs?: number): Promise<{ stillImporting: number; waitedMs: number }> {
    const ownAcks = readAtMs === undefined ? undefined : deps.acknowledged?.whenAll(orderIds, readAtMs);
    const acked = new AbortController();
    void ownAcks?.done.then(() => acked.abort());
    try {
      const since = readAtMs ?? Date.now() - MAX_ACK_WAIT_MS;
      const { still, waitedMs } = await untilLeftStage(deps.temporal, orderIds.map(workflowIdOf), IMPORTING, since, MAX_ACK_WAIT_MS, ACK_POLL_MS, acked.signal);
      return { stillImporting: still, waitedMs };
    } finally {
      ownAcks?.cancel();
    }
  }

  return {
    ingestQueuedOrders,
    awaitAcknowledged,

    /**
     * Reads batch after batch in one activity: when UltraCart handed out a full batch that started new orders,
     * the next is read as soon as that one is acknowledged, with no workflow task in between. Stops when the
     * queue is drained or stands still, after `maxBatches`, or after a while (`more` then says to go on).
     * A retried attempt starts over: a sighting of an order already running is nothing new to it.
     */
    async drainQueue(maxBatches: number): Promise<DrainReport> {
      const total: DrainReport = { batches: 0, seen: 0, started: 0, requeued: 0, inProgress: 0, more: false, readAndStartMs: 0, ackWaitMs: 0 };
      const startedAt = Date.now();
      for (;;) {
        const readingAt = Date.now();
        const { orderIds, readAtMs, ...report } = await ingestQueuedOrders();
        total.readAndStartMs += Date.now() - readingAt;
        addBatch(total, report);
        if (!queueMoved(report)) return total;
        total.ackWaitMs += (await awaitAcknowledged(orderIds, readAtMs)).waitedMs;
        if (total.batches >= maxBatches || Date.now() - startedAt >= DRAIN_BUDGET_MS) return { ...total, more: true };
      }
    },
  };
}
export type IngestActivities = ReturnType<typeof createIngestActivities>;
