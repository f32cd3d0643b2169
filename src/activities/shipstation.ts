import { createOrderUpsertBatcher } from '../batching/shipstation-orders';
import type { BatchSettings } from '../batching/settings';
import { IntegrationError } from '../errors';
import { fulfillmentToShipment, keepShipStationEdits } from '../mapping';
import type { ShipStationClient } from '../shipstation/client';
import { ShipStationErrorKind } from '../shipstation/errors';
import { LOCKED_STATUSES, type CreateOrderRequest, type OrderStatus, type Shipment } from '../shipstation/schemas';
import type { Cohort } from '../contract';

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

  /** The order as ShipStation has it now; undefined when it was deleted there. */
  async function current(orderId: number) {
    try {
      return await shipstation.getOrder(orderId);
    } catch (err) {
      if (err instanceof IntegrationError && err.kind === ShipStationErrorKind.NotFound) return undefined;
      throw err;
    }
  }
  const upserts = createOrderUpsertBatcher(shipstation, deps.batching);

  const upsert = async (body: CreateOrderRequest, cohort: Cohort | undefined): Promise<number> =>
    // The batch matches results by orderKey; an order without one (none of ours) goes on its own.
    body.orderKey ? (await upserts.upsert({ ...body, orderKey: body.orderKey }, cohort)).orderId : (await shipstation.createOrder(body)).orderId;

  return {
    /**
     * Creates the order, or updates the one made before (`shipStationOrderId`, a requeue): that one is read
     * first, so the merchant's edits in ShipStation are kept and a locked order is left alone. A new order
     * costs one call. `cohort`: the UltraCart batch the order came in.
     */
    async upsertShipStationOrder(body: CreateOrderRequest, shipStationOrderId?: number, cohort?: Cohort): Promise<UpsertResult> {
      let request = body;
      if (shipStationOrderId !== undefined) {
        const existing = await current(shipStationOrderId);
        if (existing && LOCKED_STATUSES.includes(existing.orderStatus)) return { orderId: existing.orderId, status: existing.orderStatus, locked: true };
        if (existing) request = keepShipStationEdits(body, existing);
      }
      try {
        // An upsert leaves the order in the status it was sent with.
        return { orderId: await upsert(request, cohort), status: request.orderStatus, locked: false };
      } catch (err) {
        // A run that does not know the order (an older one) may find it shipped or cancelled meanwhile, and
        // ShipStation refuses to update it. Only then is the extra lookup paid for; the happy path stays one call
        // (shared by up to 100 orders).
        if (!(err instanceof IntegrationError) || err.kind !== ShipStationErrorKind.Validation) throw err;
        const existing = await shipstation.findOrderByNumber(body.orderNumber);
        if (existing && existing.orderKey === body.orderKey && LOCKED_STATUSES.includes(existing.orderStatus)) {
          return { orderId: existing.orderId, status: existing.orderStatus, locked: true };
        }
        throw err;
      }
    },

    /** The order's status and everything shipped for it: labels (voided ones included) and "mark as shipped". */
    async getShipmentState(orderId: number): Promise<{ orderStatus: OrderStatus; shipments: Shipment[] }> {
      const order = await shipstation.getOrder(orderId);
      const shipments = await shipstation.listShipments({ orderId });
      // "Mark as shipped" makes no label and sends no webhook: its tracking number is only under /fulfillments.
      const fulfillments = order.orderStatus === 'shipped' ? await shipstation.listFulfillments({ orderId }) : [];
      return { orderStatus: order.orderStatus, shipments: [...shipments, ...fulfillments.map((f) => fulfillmentToShipment(f, order))] };
    },

    async cancelShipStationOrder(orderId: number): Promise<{ status: OrderStatus; cancelled: boolean }> {
      // The client leaves a shipped (or already cancelled) order as it is and returns it.
      const order = await shipstation.cancelOrder(orderId);
      return { status: order.orderStatus, cancelled: order.orderStatus === 'cancelled' };
    },
  };
}
export type ShipStationActivities = ReturnType<typeof createShipStationActivities>;
