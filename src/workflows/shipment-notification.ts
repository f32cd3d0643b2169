import { getExternalWorkflowHandle, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ShipStationActivities } from '../activities/shipstation';
import type { Shipment } from '../shipstation/schemas';
import { shipmentNotifiedSignal } from './definitions';
import { orderWorkflowId, parseOrderKey } from './ids';
import { SHIPSTATION_ACTIVITY, shipStationTaskQueue } from './retry-policies';

export interface NotificationResult {
  shipments: number;
  ordersSignalled: number;
  /** Shipments of orders that no ucship workflow holds (made for another channel, or finished long ago). */
  ignored: number;
}

/**
 * One SHIP_NOTIFY webhook: fetch the batch it names (host checked by the client) and hand each order's
 * shipments to its workflow. The id derives from the resource_url, so repeated deliveries collapse.
 */
export async function shipmentNotificationWorkflow(resourceUrl: string): Promise<NotificationResult> {
  const { fetchNotifiedShipments } = proxyActivities<ShipStationActivities>({
    ...SHIPSTATION_ACTIVITY,
    taskQueue: shipStationTaskQueue(workflowInfo().taskQueue),
    summary: 'fetch the shipments the webhook names',
  });
  const shipments = await fetchNotifiedShipments(resourceUrl);
  const byWorkflow = new Map<string, Shipment[]>();
  let ignored = 0;
  for (const shipment of shipments) {
    const key = parseOrderKey(shipment.orderKey);
    if (!key) {
      ignored += 1;
      continue;
    }
    const id = orderWorkflowId(key.merchantId, key.orderId);
    byWorkflow.set(id, [...(byWorkflow.get(id) ?? []), shipment]);
  }
  let ordersSignalled = 0;
  for (const [workflowId, orderShipments] of byWorkflow) {
    try {
      await getExternalWorkflowHandle(workflowId).signal(shipmentNotifiedSignal, { shipments: orderShipments });
      ordersSignalled += 1;
    } catch {
      ignored += orderShipments.length; // no running workflow for that order
    }
  }
  return { shipments: shipments.length, ordersSignalled, ignored };
}
