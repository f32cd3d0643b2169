import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Config } from '../config';
import type { UltraCartTransport } from '../ultracart/transport';
import { ORDER_WORKFLOW, OrderStageKey, orderWorkflowId, orderWorkflowStart, requeueSignal, type OrderWorkflow, type RequeueRequest } from '../contract';

export interface IngestReport {
  /** Orders UltraCart handed out in this batch. */
  seen: number;
  /** New workflows (or new runs of finished ones). */
  started: number;
  /** Running workflows told the order was queued again after they acknowledged it. */
  requeued: number;
  /** Orders whose workflow is still importing them: the same queue entry, nothing to do. */
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
        const workflowId = orderWorkflowId(deps.config.ultracart.merchantId, orderId);
        const stage = await runningStage(deps.temporal, workflowId);
        if (stage === 'importing') {
          report.inProgress += 1;
        } else if (stage !== undefined) {
          // Acknowledged before, handed out again: the merchant requeued it. The workflow drops the sighting if
          // it acknowledged after `seenAt` (the batch was read before that acknowledgement).
          await deps.temporal.workflow.getHandle(workflowId).signal(requeueSignal, request);
          report.requeued += 1;
        } else {
          await deps.temporal.workflow.signalWithStart<OrderWorkflow, [RequeueRequest]>(ORDER_WORKFLOW, orderWorkflowStart(deps.config, orderId, request));
          report.started += 1;
        }
      }
      return report;
    },
  };
}
export type IngestActivities = ReturnType<typeof createIngestActivities>;

/** The OrderStage of a running workflow, or undefined when none runs under that id. */
async function runningStage(client: Client, workflowId: string): Promise<string | undefined> {
  try {
    const description = await client.workflow.getHandle(workflowId).describe();
    if (description.status.name !== 'RUNNING') return undefined;
    return description.typedSearchAttributes.get(OrderStageKey) ?? 'importing';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}
