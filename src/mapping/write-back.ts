import type { Fulfillment, Shipment, ShipStationOrder } from '../shipstation/schemas';
import type { ShipmentWriteBack } from '../ultracart/order-schema';
import { carrierName } from './carrier-names';
import { cents } from './money';
import { cleanText } from './text';

/**
 * The id a shipment is written back under (UltraCart's shipment_id, the key of what was written): a label's
 * shipmentId, or `fulfillment-<id>` for a "mark as shipped" fulfillment, whose ids are a sequence of their own.
 */
export const writeBackKey = (s: Pick<Shipment, 'shipmentId' | 'fulfillmentId'>): string =>
  s.fulfillmentId === undefined ? String(s.shipmentId) : `fulfillment-${s.fulfillmentId}`;

/**
 * A "mark as shipped" fulfillment read as a shipment, so it is written back like a label: its tracking number
 * and carrier, no items (the order's `shipped` status settles it), no carrier fee (ShipStation bought no label).
 */
export function fulfillmentToShipment(f: Fulfillment, order: Pick<ShipStationOrder, 'orderKey' | 'orderNumber'>): Shipment {
  return {
    shipmentId: f.fulfillmentId,
    fulfillmentId: f.fulfillmentId,
    orderId: f.orderId,
    orderKey: order.orderKey,
    orderNumber: f.orderNumber ?? order.orderNumber,
    createDate: f.createDate ?? null,
    shipDate: f.shipDate ? f.shipDate.slice(0, 10) : null,
    shipmentCost: 0,
    insuranceCost: 0,
    trackingNumber: f.trackingNumber ?? null,
    isReturnLabel: false,
    carrierCode: f.carrierCode ?? null,
    serviceCode: null,
    packageCode: null,
    voided: f.voided ?? false,
    voidDate: f.voidDate ?? null,
    notesToBuyer: null,
    shipmentItems: null,
  };
}

/**
 * A fulfillment found by the shipment sweep, which lists the order beside it: "mark as shipped" ships the whole
 * order, so the fulfillment covers the order's physical lines, and the order learns it shipped without a poll.
 */
export function fulfillmentCoveringOrder(f: Fulfillment, order: ShipStationOrder): Shipment {
  const lines = order.items.filter((i) => !i.adjustment);
  return {
    ...fulfillmentToShipment(f, order),
    shipmentItems: lines.map((i) => ({ orderItemId: i.orderItemId ?? null, lineItemKey: i.lineItemKey ?? null, sku: i.sku ?? null, name: i.name, quantity: i.quantity })),
  };
}

/**
 * Each outbound shipment once, by id. A shipment listed twice (webhook and poll merged) counts voided if
 * either copy is: a void is final. Return labels are not outbound and are dropped.
 */
function outboundShipments(shipments: readonly Shipment[]): Shipment[] {
  const byId = new Map<string, Shipment>();
  for (const s of shipments) {
    if (!s.isReturnLabel && !byId.get(writeBackKey(s))?.voided) byId.set(writeBackKey(s), s);
  }
  return [...byId.values()];
}

/**
 * One ShipStation shipment → its UltraCart `shippedWithDetails` record. A voided label yields no tracking
 * number and cost 0: sent for a shipment written before, it withdraws the tracking number from UltraCart.
 */
export function shipmentToWriteBack(shipment: Shipment): ShipmentWriteBack {
  const live = !shipment.isReturnLabel && !shipment.voided;
  const notes = cleanText(shipment.notesToBuyer, 'notes');
  return {
    shipment_id: writeBackKey(shipment),
    tracking_numbers: live && shipment.trackingNumber ? [shipment.trackingNumber.trim()] : [],
    carrier: shipment.carrierCode ? carrierName(shipment.carrierCode) : '',
    service: shipment.serviceCode ?? '',
    shipping_cost: live ? cents((shipment.shipmentCost ?? 0) + (shipment.insuranceCost ?? 0)) : 0,
    ship_date: shipment.shipDate ?? '',
    ...(notes === null ? {} : { notes_to_buyer: notes }),
  };
}

/**
 * What still has to go to UltraCart, given what was written (by shipment id): each new live outbound
 * shipment, and the void of each shipment written while live. Return labels are ignored; a shipment already
 * written in its current state is skipped, so a repeated notification writes nothing.
 */
export function planWriteBacks(shipments: readonly Shipment[], written: Readonly<Record<string, { voided: boolean }>>): ShipmentWriteBack[] {
  return outboundShipments(shipments)
    .filter((s) => {
      const before = written[writeBackKey(s)];
      return s.voided ? before !== undefined && !before.voided : before === undefined;
    })
    .map(shipmentToWriteBack);
}

/**
 * The order's write-back as a whole, for transports that carry one record per order (REST's
 * FulfillmentShipment): every live outbound tracking number, and the carrier fee (cost + insurance) of those labels.
 */
export function orderTrackingState(shipments: readonly Shipment[]): { trackingNumbers: string[]; shippingCost: number } {
  const live = outboundShipments(shipments).filter((s) => !s.voided);
  const trackingNumbers = [...new Set(live.flatMap((s) => (s.trackingNumber?.trim() ? [s.trackingNumber.trim()] : [])))];
  return { trackingNumbers, shippingCost: cents(live.reduce((sum, s) => sum + (s.shipmentCost ?? 0) + (s.insuranceCost ?? 0), 0)) };
}

/**
 * Whether ShipStation is done with the order: it says `shipped`, or every physical line's quantity is covered
 * by live outbound shipments (matched on lineItemKey). Shipments listed without their items (a webhook's
 * `includeShipmentItems=False`) cover nothing; the order status settles those.
 */
export function isOrderFullyShipped(
  orderItems: readonly { lineItemKey?: string | null; quantity: number; adjustment?: boolean }[],
  shipments: readonly Shipment[],
  orderStatus?: string,
): boolean {
  if (orderStatus === 'shipped') return true;
  const shipped = new Map<string, number>();
  for (const s of outboundShipments(shipments).filter((s) => !s.voided)) {
    for (const item of s.shipmentItems ?? []) {
      if (item.lineItemKey != null) shipped.set(item.lineItemKey, (shipped.get(item.lineItemKey) ?? 0) + item.quantity);
    }
  }
  const needed = new Map<string | null, number>();
  for (const item of orderItems.filter((i) => !i.adjustment)) {
    const key = item.lineItemKey ?? null;
    needed.set(key, (needed.get(key) ?? 0) + item.quantity);
  }
  // An order with no physical line is never "covered": only ShipStation's status can close it.
  if (needed.size === 0) return false;
  return [...needed].every(([key, quantity]) => key !== null && (shipped.get(key) ?? 0) >= quantity);
}
