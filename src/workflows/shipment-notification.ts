import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { NotificationActivities, NotificationResult } from '../activities/notifications';
import type { ShipmentSweepActivities, ShipmentSweepResult } from '../activities/shipment-sweep';
import { SHIPMENT_SWEEP_ACTIVITY, SHIPSTATION_ACTIVITY, shipStationTaskQueue } from './retry-policies';

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

/**
 * Run by the shipment-sweep Schedule every SHIPMENT_SWEEP_INTERVAL (overlaps skipped): labels whose webhook was
 * lost, "mark as shipped" fulfillments and cancels made in ShipStation, listed for all orders at once.
 */
export async function shipmentSweepWorkflow(lookbackMs: number): Promise<ShipmentSweepResult> {
  const sweep = proxyActivities<ShipmentSweepActivities>({
    ...SHIPMENT_SWEEP_ACTIVITY,
    taskQueue: shipStationTaskQueue(workflowInfo().taskQueue),
    summary: 'list what shipped or was cancelled in ShipStation lately and tell each order',
  });
  return sweep.sweepShipments(lookbackMs);
}
