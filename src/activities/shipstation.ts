import { createOrderUpsertBatcher } from '../batching/shipstation-orders';
import type { BatchSettings } from '../batching/settings';
import { IntegrationError } from '../errors';
import type { ShipStationClient } from '../shipstation/client';
import { ShipStationErrorKind } from '../shipstation/errors';
import { LOCKED_STATUSES, type CreateOrderRequest, type OrderStatus, type Shipment } from '../shipstation/schemas';

export interface UpsertResult {
  orderId: number;
  status: OrderStatus;
  /** The order was already shipped or cancelled in ShipStation, so it was left as it is. */
  locked: boolean;
}

/**
 * The ShipStation steps; they run on their own task queue, paced by the client's rate gate. Order upserts from
 * concurrent activities of this worker go out together, up to 100 per `createorders` call (src/batching).
 */
export function createShipStationActivities(deps: { shipstation: ShipStationClient; batching: BatchSettings }) {
  const { shipstation } = deps;
  const upserts = createOrderUpsertBatcher(shipstation, deps.batching);

  const upsert = async (body: CreateOrderRequest): Promise<number> =>
    // The batch matches results by orderKey; an order without one (none of ours) goes on its own.
    body.orderKey ? (await upserts.upsert({ ...body, orderKey: body.orderKey })).orderId : (await shipstation.createOrder(body)).orderId;

  return {
    async upsertShipStationOrder(body: CreateOrderRequest): Promise<UpsertResult> {
      try {
        // An upsert leaves the order in the status it was sent with.
        return { orderId: await upsert(body), status: body.orderStatus, locked: false };
      } catch (err) {
        // A requeued order may have shipped or been cancelled meanwhile, and ShipStation refuses to update it.
        // Only then is the extra lookup paid for; the happy path stays one call (shared by up to 100 orders).
        if (!(err instanceof IntegrationError) || err.kind !== ShipStationErrorKind.Validation) throw err;
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
