import { proxyActivities } from '@temporalio/workflow';
import type { IngestActivities, IngestReport } from '../activities/ingest';
import { BATCH_LIMIT } from '../ultracart/protocol';
import { ULTRACART_ACTIVITY } from './retry-policies';

const { ingestQueuedOrders } = proxyActivities<IngestActivities>({ ...ULTRACART_ACTIVITY, summary: 'read the UltraCart queue and start order workflows' });
const { awaitAcknowledged } = proxyActivities<IngestActivities>({ ...ULTRACART_ACTIVITY, summary: 'wait until the batch is acknowledged' });

/** Batches one run drains at most (its history stays short); the Schedule's next run goes on from there. */
const MAX_BATCHES_PER_RUN = 100;

export interface IngestRunReport extends Omit<IngestReport, 'orderIds'> {
  batches: number;
}

/**
 * Run by the ingest Schedule every INGEST_INTERVAL (overlaps skipped). UltraCart hands out at most 100 orders
 * and the same ones until they are acknowledged: when it handed out a full batch, the next one is read as soon
 * as this one is acknowledged, not at the next interval, so a backlog drains at the pace of the orders, not of
 * the Schedule. A batch that started nothing new ends the run.
 */
export async function ingestWorkflow(): Promise<IngestRunReport> {
  const total: IngestRunReport = { batches: 0, seen: 0, started: 0, requeued: 0, inProgress: 0 };
  for (;;) {
    const { orderIds, ...report } = await ingestQueuedOrders();
    total.batches += 1;
    total.seen += report.seen;
    total.started += report.started;
    total.requeued += report.requeued;
    total.inProgress += report.inProgress;
    const drained = report.seen < BATCH_LIMIT;
    // Sightings of orders already running can be stale (a parked order UltraCart still hands out): only new
    // workflows show that the queue moved.
    const progressed = report.started > 0;
    if (drained || !progressed || total.batches >= MAX_BATCHES_PER_RUN) return total;
    await awaitAcknowledged(orderIds);
  }
}
