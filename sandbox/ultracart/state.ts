import { BATCH_LIMIT, FAULT_CODES } from '../../src/ultracart/protocol';

/**
 * The simulator's in-memory UltraCart: the orders of one merchant's DC, their queue state and what the DC
 * posted back. Orders are kept as posted (any JSON with an order_id), so hostile or malformed ones can be served.
 */

export type RawOrder = { order_id: string; merchant_id?: unknown } & Record<string, unknown>;

export interface StoredShipment {
  shipment_id: string;
  tracking_numbers: string[];
  carrier: string;
  service: string;
  shipping_cost: number;
  ship_date: string;
  notes_to_buyer?: string;
  received_at: string;
  /** shippedWithDetails calls for this shipment_id (repeats included), so drills can count write-backs. */
  received_count: number;
  /** Repeats whose content differed from what was stored (a changed write-back, e.g. a voided label withdrawn). */
  content_changes: number;
}

interface OrderRecord {
  order: RawOrder;
  imported: boolean;
  imported_at: string | null;
  acknowledge_count: number;
  requeue_count: number;
  shipped: boolean;
  shipped_at: string | null;
  /** From the four documented shipped* operations, in the order received. */
  tracking_numbers: string[];
  shipping_cost: number | null;
  /** From shippedWithDetails, keyed by shipment_id (a repeat replaces). */
  shipments: Map<string, StoredShipment>;
  /** From REST FulfillmentShipments, keyed by tracking number: the latest post's list. */
  rest_tracking: Map<string, RestTrackingEntry>;
}

/**
 * A REST FulfillmentShipment tracking number as UltraCart keeps it: per order, with no shipment id, carrier or
 * service (FulfillmentShipment has none), so those read null.
 */
export interface RestTrackingEntry {
  shipment_id: null;
  tracking_numbers: [string];
  carrier: null;
  service: null;
  shipping_cost: null;
  ship_date: null;
  received_at: string;
  /** FulfillmentShipment posts that carried this number (each re-sends the order's full list). */
  received_count: number;
  content_changes: 0;
}

/** What GET /_sim/orders/{id} returns: whichever transport wrote, `shipments` shows what UltraCart stored. */
export type OrderView = Omit<OrderRecord, 'shipments' | 'rest_tracking'> & { shipments: (StoredShipment | RestTrackingEntry)[] };
type Snapshot = Omit<OrderRecord, 'shipments' | 'rest_tracking'> & { shipments: StoredShipment[]; rest_tracking?: RestTrackingEntry[] };

/** A SOAP fault as npm soap's server expects it thrown. */
export class SoapFault {
  readonly Fault: { faultcode: string; faultstring: string; statusCode: number };
  constructor(faultcode: string, faultstring: string) {
    this.Fault = { faultcode, faultstring, statusCode: 500 };
  }
}

export class UltraCartStore {
  private orders = new Map<string, OrderRecord>();

  constructor(private readonly merchantId: string) {}

  /** Queues new orders; an existing order_id is replaced (an edit in UltraCart admin) and queued again. */
  put(orders: RawOrder[]): string[] {
    for (const raw of orders) {
      const order = { ...raw, merchant_id: raw.merchant_id ?? this.merchantId };
      const existing = this.orders.get(order.order_id);
      if (existing) Object.assign(existing, { order, imported: false, imported_at: null });
      else this.orders.set(order.order_id, newRecord(order));
    }
    return orders.map((o) => o.order_id);
  }

  /** Up to BATCH_LIMIT unacknowledged orders of this merchant, in the order they were first posted. */
  queued(): RawOrder[] {
    const batch: RawOrder[] = [];
    for (const rec of this.orders.values()) {
      if (batch.length === BATCH_LIMIT) break;
      if (!rec.imported && rec.order.merchant_id === this.merchantId) batch.push(rec.order);
    }
    return batch;
  }

  /**
   * The Item API's view of an item, built from the orders that carry it (the sandbox has no item catalogue):
   * its image and, per DC, its stock picking location, as the SOAP contract carries them on the order item.
   */
  item(merchantItemId: string): { image_url?: string; inventory_location?: string } | undefined {
    let found: { image_url?: string; inventory_location?: string } | undefined;
    for (const rec of this.orders.values()) {
      const items = Array.isArray(rec.order.items) ? (rec.order.items as Array<Record<string, unknown>>) : [];
      for (const i of items) {
        if (i?.merchant_item_id !== merchantItemId) continue;
        found ??= {};
        if (typeof i.image_url === 'string') found.image_url = i.image_url;
        if (typeof i.inventory_location === 'string') found.inventory_location = i.inventory_location;
      }
    }
    return found;
  }

  order(orderId: string): RawOrder {
    return this.record(orderId).order;
  }

  /** Validates every id first, so an over-limit or unknown id acknowledges nothing. */
  acknowledge(orderIds: string[]): void {
    if (orderIds.length > BATCH_LIMIT) {
      throw new SoapFault(FAULT_CODES.batchLimitExceeded, `orderIds can not contain more than ${BATCH_LIMIT} records at a time (got ${orderIds.length})`);
    }
    const records = orderIds.map((id) => this.record(id));
    const now = new Date().toISOString();
    for (const rec of records) {
      rec.imported = true;
      rec.imported_at = now;
      rec.acknowledge_count += 1;
    }
  }

  requeue(orderId: string): void {
    const rec = this.record(orderId);
    rec.imported = false;
    rec.imported_at = null;
    rec.requeue_count += 1;
  }

  /** The documented shipped* operations: mark shipped, keep every tracking number once, the latest cost. */
  ship(orderId: string, trackingNumbers: string[], shippingCost?: number): void {
    const rec = this.markShipped(orderId);
    for (const tn of trackingNumbers) if (!rec.tracking_numbers.includes(tn)) rec.tracking_numbers.push(tn);
    if (shippingCost !== undefined) rec.shipping_cost = shippingCost;
  }

  /** shippedWithDetails: the same shipment_id replaces the stored shipment, so repeats change nothing. */
  recordShipment(orderId: string, shipment: Omit<StoredShipment, 'received_at' | 'received_count' | 'content_changes'>): void {
    const shipments = this.markShipped(orderId).shipments;
    const previous = shipments.get(shipment.shipment_id);
    const changed = previous !== undefined && contentOf(previous) !== contentOf(shipment);
    shipments.set(shipment.shipment_id, {
      ...shipment,
      received_at: new Date().toISOString(),
      received_count: (previous?.received_count ?? 0) + 1,
      content_changes: (previous?.content_changes ?? 0) + (changed ? 1 : 0),
    });
  }

  /**
   * REST FulfillmentShipment: "stores the tracking information and marks the order shipped for this DC". The
   * post carries the order's full list: numbers missing from it are withdrawn, the cost replaces the last.
   */
  fulfill(orderId: string, trackingNumbers: string[], shippingCost?: number): void {
    const rec = this.markShipped(orderId);
    const now = new Date().toISOString();
    const next = new Map<string, RestTrackingEntry>();
    for (const tn of new Set(trackingNumbers)) {
      const before = rec.rest_tracking.get(tn);
      next.set(tn, before ? { ...before, received_count: before.received_count + 1 } : restEntry(tn, now));
    }
    rec.rest_tracking = next;
    rec.tracking_numbers = [...next.keys()];
    if (shippingCost !== undefined) rec.shipping_cost = shippingCost;
  }

  view(orderId: string): OrderView | undefined {
    const rec = this.orders.get(orderId);
    return rec && viewOf(rec);
  }

  has(orderId: string): boolean {
    return this.orders.has(orderId);
  }

  /** Plain JSON of every record, for the sandbox's state file. */
  snapshot(): Snapshot[] {
    return [...this.orders.values()].map((r) => ({ ...r, shipments: [...r.shipments.values()], rest_tracking: [...r.rest_tracking.values()] }));
  }

  restore(records: Snapshot[]): void {
    this.orders = new Map(
      records.map((r) => [
        r.order.order_id,
        {
          ...r,
          shipments: new Map(r.shipments.map((s) => [s.shipment_id, s])),
          rest_tracking: new Map((r.rest_tracking ?? []).map((e) => [e.tracking_numbers[0], e])),
        },
      ]),
    );
  }

  clear(): void {
    this.orders.clear();
  }

  private markShipped(orderId: string): OrderRecord {
    const rec = this.record(orderId);
    rec.shipped = true;
    rec.shipped_at ??= new Date().toISOString();
    return rec;
  }

  private record(orderId: string): OrderRecord {
    const rec = this.orders.get(orderId);
    if (!rec || rec.order.merchant_id !== this.merchantId) throw new SoapFault(FAULT_CODES.unknownOrder, `Unknown order ${orderId}`);
    return rec;
  }
}

/** What a write-back says, without the bookkeeping: two receipts with the same content are one write-back. */
function contentOf(s: Omit<StoredShipment, 'received_at' | 'received_count' | 'content_changes'>): string {
  return JSON.stringify([s.tracking_numbers, s.carrier, s.service, s.shipping_cost, s.ship_date, s.notes_to_buyer ?? null]);
}

function viewOf(rec: OrderRecord): OrderView {
  const { rest_tracking, shipments, ...rest } = rec;
  return { ...rest, tracking_numbers: [...rec.tracking_numbers], shipments: [...shipments.values(), ...rest_tracking.values()] };
}

function restEntry(tn: string, now: string): RestTrackingEntry {
  return { shipment_id: null, tracking_numbers: [tn], carrier: null, service: null, shipping_cost: null, ship_date: null, received_at: now, received_count: 1, content_changes: 0 };
}

function newRecord(order: RawOrder): OrderRecord {
  return {
    order,
    imported: false,
    imported_at: null,
    acknowledge_count: 0,
    requeue_count: 0,
    shipped: false,
    shipped_at: null,
    tracking_numbers: [],
    shipping_cost: null,
    shipments: new Map(),
    rest_tracking: new Map(),
  };
}
