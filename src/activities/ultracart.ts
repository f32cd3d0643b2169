import { isOrderFullyShipped, planWriteBacks } from '../mapping';
import type { Shipment } from '../shipstation/schemas';
import type { UltraCartClient } from '../ultracart/client';
import { InvalidOrderError, type UltraCartOrder } from '../ultracart/order-schema';
import type { WrittenShipment } from '../contract';
import type { OrderLine } from './order-lines';

export type ImportedOrder = { ok: true; order: UltraCartOrder } | { ok: false; reason: string };

export interface WriteBackInput {
  orderId: string;
  shipments: Shipment[];
  written: Record<string, WrittenShipment>;
  lines: OrderLine[];
  orderStatus?: string;
}

export interface WriteBackResult {
  /** Only the shipments written (or withdrawn) by this call. */
  written: Record<string, WrittenShipment>;
  fullyShipped: boolean;
}

/** The UltraCart steps of the order workflow: import, mark-Imported, write-back. */
export function createUltraCartActivities(deps: { ultracart: UltraCartClient }) {
  const { ultracart } = deps;
  return {
    async importOrder(orderId: string): Promise<ImportedOrder> {
      try {
        return { ok: true, order: await ultracart.getOrder(orderId) };
      } catch (err) {
        // Malformed data is the merchant's to fix, not a fault to retry: the workflow parks the order.
        if (err instanceof InvalidOrderError) return { ok: false, reason: err.message };
        throw err;
      }
    },

    async acknowledgeOrder(orderId: string): Promise<void> {
      await ultracart.acknowledgeOrders([orderId]);
    },

    async writeBack(input: WriteBackInput): Promise<WriteBackResult> {
      const written: Record<string, WrittenShipment> = {};
      // One call per shipment id: UltraCart keeps shippedWithDetails idempotent per shipment_id, so a retry
      // after a partial failure re-sends the same records harmlessly.
      const voided = new Set(input.shipments.filter((s) => s.voided).map((s) => String(s.shipmentId)));
      for (const writeBack of planWriteBacks(input.shipments, input.written)) {
        await ultracart.shippedWithDetails(input.orderId, writeBack);
        written[writeBack.shipment_id] = { voided: voided.has(writeBack.shipment_id), trackingNumbers: writeBack.tracking_numbers };
      }
      return { written, fullyShipped: isOrderFullyShipped(input.lines, input.shipments, input.orderStatus) };
    },
  };
}
export type UltraCartActivities = ReturnType<typeof createUltraCartActivities>;
