import type { ShipmentWriteBack } from './order-schema';
import type { NotSent, OrderShipment } from './transport';

/** Per changed, live shipment: the facts FulfillmentShipment has no field for. */
export function notSent(shipments: OrderShipment[]): NotSent {
  const result: NotSent = {};
  for (const s of shipments) for (const w of s.changed) if (w.tracking_numbers.length > 0) result[w.shipment_id] = untravelled(w);
  return result;
}

function untravelled(w: ShipmentWriteBack): string[] {
  return [
    w.carrier ? `carrier ${w.carrier}` : '',
    w.service ? `service ${w.service}` : '',
    w.ship_date ? `ship date ${w.ship_date}` : '',
    w.notes_to_buyer ? 'notes to buyer' : '',
  ].filter((t) => t !== '');
}
