import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Shipment } from '../shipstation/schemas';
import type { ShipStationClient } from '../shipstation/client';
import { orderWorkflowId, parseOrderKey, shipmentNotifiedSignal, type Cohort } from '../contract';

export interface NotificationResult {
  shipments: number;
  ordersSignalled: number;
  /** Shipments of orders that no running ucship workflow holds (another channel's, or finished long ago). */
  ignored: number;
}

/**
 * Shipment news from ShipStation (a SHIP_NOTIFY batch, or the labels voided lately) handed to each order's
 * workflow. The signals go out from here, not through a workflow, because a batch of hundreds of labels with
 * their items outgrows Temporal's 2 MB payload limit; each order's share stays small.
 */
export function createNotificationActivities(deps: { shipstation: Pick<ShipStationClient, 'fetchResource' | 'listVoidedShipments'>; temporal: Client }) {
  async function tellOrders(shipments: Shipment[]): Promise<NotificationResult> {
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
    // Their write-backs reach UltraCart's batcher together (REST): it need not wait for more once all have come.
    const cohort: Cohort = { id: `notification ${randomUUID()}`, size: byWorkflow.size };
    for (const [workflowId, orderShipments] of byWorkflow) {
      try {
        await deps.temporal.workflow.getHandle(workflowId).signal(shipmentNotifiedSignal, { shipments: orderShipments, cohort });
        ordersSignalled += 1;
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
        ignored += orderShipments.length;
      }
    }
    return { shipments: shipments.length, ordersSignalled, ignored };
  }

  return {
    /** One SHIP_NOTIFY batch: fetched (host checked by the client), then each order told its own labels. */
    async deliverShipmentNotification(resourceUrl: string): Promise<NotificationResult> {
      // SHIP_NOTIFY URLs ask for no items, but split shipments are only told apart by their items.
      const url = new URL(resourceUrl);
      url.searchParams.set('includeShipmentItems', 'True');
      return tellOrders(await deps.shipstation.fetchResource(url.toString()));
    },

    /**
     * Voids send no webhook: every order with a label voided in the last `lookbackMs` is told, so a void with no
     * reship is withdrawn from UltraCart too. Telling an order twice is harmless (write-back is per shipment).
     */
    async sweepVoidedLabels(lookbackMs: number): Promise<NotificationResult> {
      return tellOrders(await deps.shipstation.listVoidedShipments(Date.now() - lookbackMs));
    },
  };
}
export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
