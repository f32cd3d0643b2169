import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { NotificationActivities, NotificationResult } from '../activities/notifications';
import { SHIPSTATION_ACTIVITY, shipStationTaskQueue } from './retry-policies';

/** The notification activities, on the rate-limited ShipStation queue, with what they do as their summary. */
const notifications = (summary: string) =>
  proxyActivities<NotificationActivities>({ ...SHIPSTATION_ACTIVITY, taskQueue: shipStationTaskQueue(workflowInfo().taskQueue), summary });

/**
 * One SHIP_NOTIFY webhook: its activity fetches the batch and signals each order's workflow. The workflow id
 * derives from the resource_url, so repeated deliveries collapse; signals are idempotent per shipment anyway.
 */
export async function shipmentNotificationWorkflow(resourceUrl: string): Promise<NotificationResult> {
  return notifications('fetch the shipments the webhook names and tell each order').deliverShipmentNotification(resourceUrl);
}

/** Run by the void-sweep Schedule every VOID_SWEEP_INTERVAL (overlaps skipped): orders with a label voided lately are told. */
export async function voidSweepWorkflow(lookbackMs: number): Promise<NotificationResult> {
  return notifications('list the labels voided lately and tell each order').sweepVoidedLabels(lookbackMs);
}
