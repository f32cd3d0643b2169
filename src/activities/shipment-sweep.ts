import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import { fulfillmentCoveringOrder } from '../mapping';
import type { ShipStationClient } from '../shipstation/client';
import { tellOrders, type NotificationResult } from './notifications';
import { backgroundReserve, untilSpareRequest } from './spare-budget';

export interface ShipmentSweepResult extends NotificationResult {
  /** ShipStation requests the run made: one per page of each list. */
  shipStationCalls: number;
  /** What the lists held: labels created, "mark as shipped" fulfillments, orders cancelled in ShipStation. */
  labels: number;
  fulfillments: number;
  cancelled: number;
}

/**
 * How long each page waits for a call the orders do not need. Then it goes anyway (through the rate gate):
 * a sweep is a few calls a run, and one that never ran would leave lost labels to the rare per-order poll.
 */
const MAX_YIELD_MS = 5 * 60_000;

/**
 * The shipment sweep: what the per-order poll looked for, listed for every order at once. A few pages a run
 * find labels whose SHIP_NOTIFY was lost, "mark as shipped" fulfillments (no label, no webhook) and orders
 * cancelled in ShipStation; each order is told its own news.
 */
export function createShipmentSweepActivities(deps: {
  shipstation: Pick<ShipStationClient, 'listShipmentsCreatedSince' | 'listFulfillmentsCreatedSince' | 'listOrdersModifiedSince' | 'spareRequests'>;
  temporal: Client;
  config: Pick<Config, 'shipstation'>;
}) {
  const { shipstation } = deps;
  const reserve = backgroundReserve(deps.config.shipstation.rateLimitPerMinute);

  return {
    /**
     * Everything shipped or cancelled in ShipStation in the last `lookbackMs`. A label is told as it is (an
     * order that already holds it takes it as no news); a fulfillment is told with the order's lines, which
     * "mark as shipped" covers; a cancelled order is asked to look (its own poll reads the status).
     */
    async sweepShipments(lookbackMs: number): Promise<ShipmentSweepResult> {
      const sinceMs = Date.now() - lookbackMs;
      let shipStationCalls = 0;
      // Order traffic first: each page waits for a spare call, for a while.
      const beforePage = async () => {
        await untilSpareRequest(shipstation, reserve, MAX_YIELD_MS);
        shipStationCalls += 1;
      };
      const labels = await shipstation.listShipmentsCreatedSince(sinceMs, beforePage);
      const fulfillments = await shipstation.listFulfillmentsCreatedSince(sinceMs, beforePage);
      // A fulfillment names no orderKey: its order (modified when it was marked) is listed, only when there is one.
      const shipped = fulfillments.length > 0 ? await shipstation.listOrdersModifiedSince(sinceMs, beforePage, 'shipped') : [];
      const cancelled = await shipstation.listOrdersModifiedSince(sinceMs, beforePage, 'cancelled');
      const shippedById = new Map(shipped.map((o) => [o.orderId, o]));
      const marked = fulfillments.flatMap((f) => {
        const order = shippedById.get(f.orderId);
        return order ? [fulfillmentCoveringOrder(f, order)] : [];
      });
      const told = await tellOrders(
        deps.temporal,
        [...labels, ...marked],
        cancelled.map((o) => o.orderKey),
      );
      return { ...told, shipStationCalls, labels: labels.length, fulfillments: fulfillments.length, cancelled: cancelled.length };
    },
  };
}
export type ShipmentSweepActivities = ReturnType<typeof createShipmentSweepActivities>;
