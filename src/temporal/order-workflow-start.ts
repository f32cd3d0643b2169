import { WorkflowIdReusePolicy, type WithWorkflowArgs, type WorkflowSignalWithStartOptions } from '@temporalio/client';
import type { Config } from '../config';
import { requeueSignal, type RequeueRequest } from '../workflows/definitions';
import { orderWorkflowId } from '../workflows/ids';
import type { orderWorkflow } from '../workflows/order';
import { OrderStage, UltraCartMerchantId, UltraCartOrderId } from './search-attributes';

/**
 * How every caller (ingest, CLI) starts an order's workflow: signal-with-start under the business-key id, so an
 * order seen twice never gets two workflows; the search attributes are there from the first moment.
 */
export function orderWorkflowStart(
  config: Config,
  orderId: string,
  request: RequeueRequest,
): WithWorkflowArgs<typeof orderWorkflow, WorkflowSignalWithStartOptions<[RequeueRequest]>> {
  const { merchantId } = config.ultracart;
  return {
    workflowId: orderWorkflowId(merchantId, orderId),
    taskQueue: config.temporal.taskQueue,
    args: [{ merchantId, orderId, shipmentPollIntervalMs: config.shipmentPollIntervalMs, shipmentWatchPeriodMs: config.shipmentWatchPeriodMs }],
    signal: requeueSignal,
    signalArgs: [request],
    // A closed workflow may start again: the merchant requeued an order that had finished.
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    typedSearchAttributes: [
      { key: UltraCartOrderId, value: orderId },
      { key: UltraCartMerchantId, value: merchantId },
      { key: OrderStage, value: 'importing' },
    ],
    staticSummary: `UltraCart order ${orderId} (merchant ${merchantId})`,
  };
}
