import { patched, proxyActivities } from '@temporalio/workflow';
import type { DrainReport, IngestActivities, IngestReport } from '../activities/ingest';
import { addBatch, queueMoved } from '../contract';
import { INGEST_DRAIN_ACTIVITY, ULTRACART_ACTIVITY } from './retry-policies';

const { ingestQueuedOrders } = proxyActivities<IngestActivities>({ ...ULTRACART_ACTIVITY, summary: 'read the UltraCart queue and start order workflows' });
const { awaitAcknowledged } = proxyActivities<IngestActivities>({ ...ULTRACART_ACTIVITY, summary: 'wait until the batch is acknowledged' });
const { drainQueue } = proxyActivities<IngestActivities>({ ...INGEST_DRAIN_ACTIVITY, summary: 'read the UltraCart queue batch after batch and start order workflows' });

/** Batches one run drains at most (its history stays short); the Schedule's next run goes on from there. */
const MAX_BATCHES_PER_RUN = 100;

/**
 * Runs begun before read each batch in an activity of its own, with a workflow task between the read and the
 * wait for its acknowledgements; runs since drain the queue in one activity.
 */
const DRAIN_PATCH = 'drain-queue-in-one-activity';

/** Runs begun before the drain report their times as 0. */
export type IngestRunReport = Omit<DrainReport, 'more'>;

/**
 * Run by the ingest Schedule every INGEST_INTERVAL (overlaps skipped). UltraCart hands out at most 100 orders
 * and the same ones until they are acknowledged: when it handed out a full batch, the next one is read as soon
 * as this one is acknowledged, not at the next interval, so a backlog drains at the pace of the orders, not of
 * the Schedule. A batch that started nothing new ends the run.
 */
export async function ingestWorkflow(): Promise<IngestRunReport> {
  if (!patched(DRAIN_PATCH)) return batchByBatch();
  const total: IngestRunReport = { batches: 0, seen: 0, started: 0, requeued: 0, inProgress: 0, readAndStartMs: 0, ackWaitMs: 0 };
  for (;;) {
    const { more, ...report } = await drainQueue(MAX_BATCHES_PER_RUN - total.batches);
    for (const k of Object.keys(total) as Array<keyof IngestRunReport>) total[k] += report[k];
    if (!more || total.batches >= MAX_BATCHES_PER_RUN) return total;
  }
}

/** The ingest as runs begun before the drain activity replay it. */
async function batchByBatch(): Promise<IngestRunReport> {
  const total: IngestRunReport = { batches: 0, seen: 0, started: 0, requeued: 0, inProgress: 0, readAndStartMs: 0, ackWaitMs: 0 };
  for (;;) {
    const report: IngestReport = await ingestQueuedOrders();
    addBatch(total, report);
    if (!queueMoved(report) || total.batches >= MAX_BATCHES_PER_RUN) return total;
    await awaitAcknowledged(report.orderIds, report.readAtMs);
  }
}
