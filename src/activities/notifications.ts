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
 * Shipment news from ShipStation handed to each order's workflow: its own shipments, and `lookAt` (orderKeys)
 * asks those orders to poll ShipStation as well. The signals go out from here, not through a workflow, because
 * a batch of hundreds of labels with their items outgrows Temporal's 2 MB payload limit; each order's share
 * stays small. Orders whose workflow is not running are ignored.
 */
export async function tellOrders(temporal: Client, shipments: Shipment[], lookAt: ReadonlyArray<string | null> = []): Promise<NotificationResult> {
  const byWorkflow = new Map<string, { shipments: Shipment[]; lookNow: boolean }>();
  const news = (orderKey: string | null | undefined) => {
    const key = parseOrderKey(orderKey);
    if (!key) return undefined;
    const id = orderWorkflowId(key.merchantId, key.orderId);
    const entry = byWorkflow.get(id) ?? { shipments: [], lookNow: false };
    byWorkflow.set(id, entry);
    return entry;
  };
  let ignored = 0;
  for (const shipment of shipments) {
    const entry = news(shipment.orderKey);
    if (entry) entry.shipments.push(shipment);
    else ignored += 1;
  }
  for (const orderKey of lookAt) {
    const entry = news(orderKey);
    if (entry) entry.lookNow = true;
  }
  let ordersSignalled = 0;
  // Their write-backs reach UltraCart's batcher together (REST): it need not wait for more once all have come.
  const cohort: Cohort = { id: `notification ${randomUUID()}`, size: byWorkflow.size };
  for (const [workflowId, entry] of byWorkflow) {
    try {
      await temporal.workflow.getHandle(workflowId).signal(shipmentNotifiedSignal, { shipments: entry.shipments, cohort, ...(entry.lookNow ? { lookNow: true } : {}) });
      ordersSignalled += 1;
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      ignored += entry.shipments.length;
    }
  }
  return { shipments: shipments.length, ordersSignalled, ignored };
}

/** The SHIP_NOTIFY fetch and the void sweep: ShipStation's lists of labels, told to their orders. */
export function createNotificationActivities(deps: { shipstation: Pick<ShipStationClient, 'fetchResource' | 'listVoidedShipments'>; temporal: Client }) {
  return {
    /** One SHIP_NOTIFY batch: fetched (host checked by the client), then each order told its own labels. */
    async deliverShipmentNotification(resourceUrl: string): Promise<NotificationResult> {
      // SHIP_NOTIFY URLs ask for no items, but split shipments are only told apart by their items.
      const url = new URL(resourceUrl);
      url.searchParams.set('includeShipmentItems', 'True');
      return tellOrders(deps.temporal, await deps.shipstation.fetchResource(url.toString()));
    },

    /**
     * Voids send no webhook: every order with a label voided in the last `lookbackMs` is told, so a void with no
     * reship is withdrawn from UltraCart too. An order told a void it already holds takes it as no news.
     */
    async sweepVoidedLabels(lookbackMs: number): Promise<NotificationResult> {
      return tellOrders(deps.temporal, await deps.shipstation.listVoidedShipments(Date.now() - lookbackMs));
    },
  };
}
export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
