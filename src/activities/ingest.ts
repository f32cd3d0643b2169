import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import { sightOrder } from '../temporal/order-sighting';
import type { UltraCartTransport } from '../ultracart/transport';
import type { RequeueRequest } from '../contract';

export interface IngestReport {
  /** Orders UltraCart handed out in this batch. */
  seen: number;
  /** New workflows (or new runs of finished ones). */
  started: number;
  /** Running workflows told the order was queued again after they acknowledged it. */
  requeued: number;
  /** Orders whose workflow is importing or retrying them: the same queue entry, nothing to do. */
  inProgress: number;
}

/** The scheduled ingest's one step: take UltraCart's queued batch and make sure each order has its workflow. */
export function createIngestActivities(deps: { ultracart: Pick<UltraCartTransport, 'queuedOrders' | 'getOrder'>; temporal: Client; config: Config }) {
  return {
    async ingestQueuedOrders(): Promise<IngestReport> {
      const seenAt = Date.now();
      const batch = await deps.ultracart.queuedOrders();
      const report: IngestReport = { seen: batch.length, started: 0, requeued: 0, inProgress: 0 };
      // Without a per-order fetch (REST) the workflow gets the order's data with the sighting.
      const handOver = deps.ultracart.getOrder === undefined;
      for (const { orderId, raw } of batch) {
        const request: RequeueRequest = { source: 'ingest', seenAt, ...(handOver && raw !== undefined ? { order: raw } : {}) };
        // The workflow drops the sighting if it acknowledged after `seenAt` (the batch was read before that).
        const outcome = await sightOrder(deps.temporal, deps.config, orderId, request);
        if (outcome === 'started') report.started += 1;
        else if (outcome === 'signalled') report.requeued += 1;
        else report.inProgress += 1;
      }
      return report;
    },
  };
}
export type IngestActivities = ReturnType<typeof createIngestActivities>;

