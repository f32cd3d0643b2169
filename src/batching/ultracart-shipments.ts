import type { Cohort } from '../contract';
import { BATCH_LIMIT } from '../ultracart/protocol';
import type { NotSent, OrderShipment } from '../ultracart/transport';
import { Coalescer } from './coalescer';
import { sharedCoalescerOptions, type BatchSettings } from './settings';

/**
 * The shipment write-backs of one worker process, joined into ship calls of up to 100 orders where the
 * transport takes them as one request (REST). Each order gets back what did not travel for its own shipments.
 */
export function createShipmentBatcher(ship: (shipments: OrderShipment[]) => Promise<NotSent>, settings: BatchSettings) {
  const coalescer = new Coalescer<OrderShipment, NotSent>({
    // One order UltraCart refuses outright (unknown to it) must not stop the others' write-backs.
    ...sharedCoalescerOptions(settings, 'ship'),
    maxItems: BATCH_LIMIT,
    keyOf: (s) => s.orderId,
    async send(cut) {
      const shipments = cut();
      const notSent = await ship(shipments);
      return new Map(
        shipments.map((s) => [s.orderId, { ok: true as const, value: Object.fromEntries(s.changed.flatMap((w) => (notSent[w.shipment_id] ? [[w.shipment_id, notSent[w.shipment_id]]] : []))) }]),
      );
    },
  });
  return { ship: (shipment: OrderShipment, cohort?: Cohort): Promise<NotSent> => coalescer.submit(shipment, cohort) };
}
