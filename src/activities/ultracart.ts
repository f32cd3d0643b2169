import { isOrderFullyShipped, orderTrackingState, planWriteBacks, writeBackKey } from '../mapping';
import type { Shipment } from '../shipstation/schemas';
import { InvalidOrderError, parseOrder, type UltraCartOrder } from '../ultracart/order-schema';
import type { OrderShipment, UltraCartTransport } from '../ultracart/transport';
import type { BatchSettings } from '../batching/settings';
import { createAcknowledgeBatcher } from '../batching/ultracart-acks';
import type { AcknowledgedLedger } from '../ultracart/acknowledged-ledger';
import { createShipmentBatcher } from '../batching/ultracart-shipments';
import type { Cohort, OrderLine, WrittenShipment } from '../contract';

export type ImportedOrder = { ok: true; order: UltraCartOrder } | { ok: false; reason: string };

export interface WriteBackInput {
  orderId: string;
  shipments: Shipment[];
  written: Record<string, WrittenShipment>;
  lines: OrderLine[];
  orderStatus?: string;
  /** The orders told of their shipments by the same notification. */
  cohort?: Cohort;
}

export interface WriteBackResult {
  /** Only the shipments written (or withdrawn) by this call. */
  written: Record<string, WrittenShipment>;
  fullyShipped: boolean;
}

/**
 * The UltraCart steps of the order workflow: import, mark-Imported, write-back. Acknowledgements of concurrent
 * orders share one call (up to 100 ids, either transport); write-backs share one ship call where the transport
 * takes them as one request (REST; SOAP sends each shipment on its own anyway).
 */
export function createUltraCartActivities(deps: { ultracart: UltraCartTransport; batching: BatchSettings; acknowledged?: AcknowledgedLedger }) {
  const { ultracart } = deps;
  const acks = createAcknowledgeBatcher(async (ids) => {
    await ultracart.acknowledge(ids);
    deps.acknowledged?.record(ids);
  }, deps.batching);
  const shipments = createShipmentBatcher((list) => ultracart.ship(list), deps.batching);
  const ship = ultracart.kind === 'rest' ? shipments.ship : (s: OrderShipment) => ultracart.ship([s]);
  return {
    /**
     * `raw`: the order as the ingest got it from UltraCart's queue, imported as it is. `refetch` (a person's
     * requeue, which carries no data) asks for the latest version where the transport can fetch one (SOAP
     * getOrder); REST, which cannot, imports what UltraCart last handed out.
     */
    async importOrder(orderId: string, raw?: unknown, refetch = false): Promise<ImportedOrder> {
      try {
        if (raw !== undefined && !(refetch && ultracart.getOrder)) {
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

    /**
     * `cohort`: the UltraCart batch the order came in, acknowledged together. Says when UltraCart had taken the
     * acknowledgement: a queue read that began before then may still have handed the order out.
     */
    async acknowledgeOrder(orderId: string, cohort?: Cohort): Promise<{ acknowledgedAtMs: number }> {
      await acks.acknowledge(orderId, cohort);
      return { acknowledgedAtMs: Date.now() };
    },

    async writeBack(input: WriteBackInput): Promise<WriteBackResult> {
      const changed = planWriteBacks(input.shipments, input.written);
      const written: Record<string, WrittenShipment> = {};
      if (changed.length > 0) {
        const notSent = await ship({ orderId: input.orderId, changed, ...orderTrackingState(input.shipments) }, input.cohort);
        const voided = new Set(input.shipments.filter((s) => s.voided).map(writeBackKey));
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

