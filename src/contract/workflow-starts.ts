import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { WithWorkflowArgs, WorkflowSignalWithStartOptions, WorkflowStartOptions } from '@temporalio/client';
import { notificationWorkflowId, orderWorkflowId } from './ids';
import { requeueSignal, type OrderWorkflow, type RequeueRequest, type ShipmentNotificationWorkflow } from './order-messages';
import { OrderStageKey, UltraCartMerchantId, UltraCartOrderId } from './search-attributes';

/** The settings an order's start needs (Config has them). */
export interface OrderStartSettings {
  ultracart: { merchantId: string };
  temporal: { taskQueue: string };
  shipmentPollIntervalMs: number;
  shipmentWatchPeriodMs: number;
}

/**
 * How every caller (ingest, CLI) starts an order's workflow: signal-with-start under the business-key id, so an
 * order seen twice never gets two workflows; the search attributes are there from the first moment.
 */
export function orderWorkflowStart(
  config: OrderStartSettings,
  orderId: string,
  request: RequeueRequest,
): WithWorkflowArgs<OrderWorkflow, WorkflowSignalWithStartOptions<[RequeueRequest]>> {
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
      { key: OrderStageKey, value: 'importing' },
    ],
    staticSummary: `UltraCart order ${orderId} (merchant ${merchantId})`,
  };
}

/** How the webhook server starts the fetch of one SHIP_NOTIFY batch: one workflow per resource_url. */
export function notificationWorkflowStart(taskQueue: string, resourceUrl: string): WorkflowStartOptions<ShipmentNotificationWorkflow> {
  return {
    workflowId: notificationWorkflowId(resourceUrl),
    taskQueue,
    args: [resourceUrl],
    // A batch whose fetch failed for good may be delivered again; a finished one needs nothing more.
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
    staticSummary: 'ShipStation SHIP_NOTIFY',
  };
}
