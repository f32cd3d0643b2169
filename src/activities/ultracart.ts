import { isOrderFullyShipped, orderTrackingState, planWriteBacks } from '../mapping';
import type { Shipment } from '../shipstation/schemas';
import { InvalidOrderError, parseOrder, type UltraCartOrder } from '../ultracart/order-schema';
import type { UltraCartTransport } from '../ultracart/transport';
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
export function createUltraCartActivities(deps: { ultracart: UltraCartTransport }) {
  const { ultracart } = deps;
  return {
    /**
     * `raw`: the order as the ingest got it from UltraCart's queue (REST hands out full orders and has no
     * per-order fetch); without it the latest version is fetched (SOAP getOrder).
     */
    async importOrder(orderId: string, raw?: unknown): Promise<ImportedOrder> {
      try {
        if (raw !== undefined) {
          const order = parseOrder(raw);
          return { ok: true, order: ultracart.enrichItems ? await ultracart.enrichItems(order) : order };
        }
        if (ultracart.getOrder === undefined) {
          return { ok: false, reason: `order ${orderId}: UltraCart's REST API has no per-order fetch; requeue the order in UltraCart so the ingest hands it out again` };
        }
        return { ok: true, order: await ultracart.getOrder(orderId) };
      } catch (err) {
        // Malformed data is the merchant's to fix, not a fault to retry: the workflow parks the order.
        if (err instanceof InvalidOrderError) return { ok: false, reason: err.message };
        throw err;
      }
    },

    async acknowledgeOrder(orderId: string): Promise<void> {
      await ultracart.acknowledge([orderId]);
    },

    async writeBack(input: WriteBackInput): Promise<WriteBackResult> {
      const changed = planWriteBacks(input.shipments, input.written);
      const written: Record<string, WrittenShipment> = {};
      if (changed.length > 0) {
        const notSent = await ultracart.ship([{ orderId: input.orderId, changed, ...orderTrackingState(input.shipments) }]);
        const voided = new Set(input.shipments.filter((s) => s.voided).map((s) => String(s.shipmentId)));
        for (const w of changed) {
          const gaps = notSent[w.shipment_id];
          written[w.shipment_id] = { voided: voided.has(w.shipment_id), trackingNumbers: w.tracking_numbers, ...(gaps?.length ? { notSent: gaps } : {}) };
        }
      }
      return { written, fullyShipped: isOrderFullyShipped(input.lines, input.shipments, input.orderStatus) };
    },
  };
}
export type UltraCartActivities = ReturnType<typeof createUltraCartActivities>;

