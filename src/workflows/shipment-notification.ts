import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { NotificationActivities, NotificationResult } from '../activities/notifications';
import { SHIPSTATION_ACTIVITY, shipStationTaskQueue } from './retry-policies';

/**
 * One SHIP_NOTIFY webhook: its activity fetches the batch and signals each order's workflow. The workflow id
 * derives from the resource_url, so repeated deliveries collapse; signals are idempotent per shipment anyway.
 */
export async function shipmentNotificationWorkflow(resourceUrl: string): Promise<NotificationResult> {
  const { deliverShipmentNotification } = proxyActivities<NotificationActivities>({
    ...SHIPSTATION_ACTIVITY,
    taskQueue: shipStationTaskQueue(workflowInfo().taskQueue),
    summary: 'fetch the shipments the webhook names and tell each order',
  });
  return deliverShipmentNotification(resourceUrl);
}
