import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { WorkflowStartOptions } from '@temporalio/client';
import { notificationWorkflowId, orderKeyOf, orderWorkflowId } from './ids';
import type { CarriedOrder, OrderWorkflow, RequeueRequest, ShipmentNotificationWorkflow } from './order-messages';
import { OrderStageKey, UltraCartMerchantId, UltraCartOrderId } from './search-attributes';

/** The settings an order's start needs (Config has them). */
export interface OrderStartSettings {
  ultracart: { merchantId: string };
  temporal: { taskQueue: string };
  shipmentPollIntervalMs: number;
  shipmentWatchPeriodMs: number;
}

/**
 * How every caller (ingest, CLI) starts an order's workflow, under the business-key id so an order seen twice
 * never gets two workflows. The sighting travels in the input: a start is not a `requeue` in the history. The
 * search attributes are there from the first moment; the summary names the order in the Web UI's list.
 */
export function orderWorkflowStart(config: OrderStartSettings, orderId: string, sighting: RequeueRequest, carried?: CarriedOrder): WorkflowStartOptions<OrderWorkflow> {
  const { merchantId } = config.ultracart;
  return {
    workflowId: orderWorkflowId(merchantId, orderId),
    taskQueue: config.temporal.taskQueue,
    args: [{ merchantId, orderId, shipmentPollIntervalMs: config.shipmentPollIntervalMs, shipmentWatchPeriodMs: config.shipmentWatchPeriodMs, sighting, carried, localImport: true, importAndMap: true, knownShipmentsNoNews: true, heldShipmentsNoNews: true }],
    // A closed workflow may start again: the merchant requeued an order that had finished (its memory is carried).
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    typedSearchAttributes: [
      { key: UltraCartOrderId, value: orderId },
      { key: UltraCartMerchantId, value: merchantId },
      { key: OrderStageKey, value: 'importing' },
    ],
    staticSummary: `UltraCart order ${orderId} (merchant ${merchantId})${carried ? ': requeued after it had finished' : ''}`,
    staticDetails: orderStaticDetails(merchantId, orderId),
  };
}

/** The order's fixed facts and the commands a person uses on it; the current stage is in the current details. */
function orderStaticDetails(merchantId: string, orderId: string): string {
  return [
    `**UltraCart order** ${orderId}, merchant ${merchantId}`,
    `**ShipStation orderKey** ${orderKeyOf(merchantId, orderId)}`,
    '',
    `- stage, reason and next action: the current details below, or \`ucship status ${orderId}\``,
    `- after fixing the order in UltraCart: its "requeue for pickup" (over SOAP \`ucship requeue ${orderId}\` does both)`,
    `- to stop it: \`ucship cancel ${orderId}\``,
  ].join('\n');
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
