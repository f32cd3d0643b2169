import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Config } from '../config';
import type { UltraCartClient } from '../ultracart/client';
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
export function createIngestActivities(deps: { ultracart: Pick<UltraCartClient, 'getOrders'>; temporal: Client; config: Config }) {
  return {
    async ingestQueuedOrders(): Promise<IngestReport> {
      const seenAt = Date.now();
      const batch = await deps.ultracart.getOrders();
      const report: IngestReport = { seen: batch.length, started: 0, requeued: 0, inProgress: 0 };
      for (const { orderId } of batch) {
        const workflowId = orderWorkflowId(deps.config.ultracart.merchantId, orderId);
        const stage = await runningStage(deps.temporal, workflowId);
        if (stage === 'importing') {
          report.inProgress += 1;
        } else if (stage !== undefined) {
          // Acknowledged before, handed out again: the merchant requeued it. The workflow drops the sighting if
          // it acknowledged after `seenAt` (the batch was read before that acknowledgement).
          await deps.temporal.workflow.getHandle(workflowId).signal(requeueSignal, { source: 'ingest', seenAt });
          report.requeued += 1;
        } else {
          await deps.temporal.workflow.signalWithStart<OrderWorkflow, [RequeueRequest]>(ORDER_WORKFLOW, orderWorkflowStart(deps.config, orderId, { source: 'ingest', seenAt }));
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
