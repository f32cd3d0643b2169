import { LOCKED_STATUSES, type CreateOrderRequest, type OrderStatus, type Shipment } from '../shipstation/schemas';
import { IntegrationError } from '../errors';
import type { ShipStationClient } from '../shipstation/client';

export interface UpsertResult {
  orderId: number;
  status: OrderStatus;
  /** The order was already shipped or cancelled in ShipStation, so it was left as it is. */
  locked: boolean;
}

/** The ShipStation steps; they run on their own task queue, paced by the client's rate gate. */
export function createShipStationActivities(deps: { shipstation: ShipStationClient }) {
  const { shipstation } = deps;
  return {
    async upsertShipStationOrder(body: CreateOrderRequest): Promise<UpsertResult> {
      try {
        const order = await shipstation.createOrder(body);
        return { orderId: order.orderId, status: order.orderStatus, locked: false };
      } catch (err) {
        // A requeued order may have shipped or been cancelled meanwhile, and ShipStation refuses to update it.
        // Only then is the extra lookup paid for; the happy path stays one call.
        if (!(err instanceof IntegrationError) || err.retryable) throw err;
        const existing = await shipstation.findOrderByNumber(body.orderNumber);
        if (existing && existing.orderKey === body.orderKey && LOCKED_STATUSES.includes(existing.orderStatus)) {
          return { orderId: existing.orderId, status: existing.orderStatus, locked: true };
        }
        throw err;
      }
    },

    async getShipmentState(orderId: number): Promise<{ orderStatus: OrderStatus; shipments: Shipment[] }> {
      const order = await shipstation.getOrder(orderId);
      const shipments = await shipstation.listShipments({ orderId });
      return { orderStatus: order.orderStatus, shipments };
    },

    async cancelShipStationOrder(orderId: number): Promise<{ status: OrderStatus; cancelled: boolean }> {
      // The client leaves a shipped (or already cancelled) order as it is and returns it.
      const order = await shipstation.cancelOrder(orderId);
      return { status: order.orderStatus, cancelled: order.orderStatus === 'cancelled' };
    },
  };
}
export type ShipStationActivities = ReturnType<typeof createShipStationActivities>;
