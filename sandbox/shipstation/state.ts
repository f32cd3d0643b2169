import { randomInt, randomUUID } from 'node:crypto';
import { pacificToEpochMs } from '../../src/shipstation/pacific-time';
import { type CreateOrderRequest, LOCKED_STATUSES, type OrderStatus } from '../../src/shipstation/schemas';
import { SimHttpError, badRequest, notFound } from './http-io';
import type { SimFulfillment, SimEvents, SimOrder, SimShipment, SimSnapshot, SimStore, SimWebhook } from './records';
import type { SimLabelRequest } from './schemas';

/** The simulated ShipStation account: orders, labels, fulfillments, webhooks and stores, with V1's rules. */

export class SimState {
  orders = new Map<number, SimOrder>();
  shipments: SimShipment[] = [];
  fulfillments: SimFulfillment[] = [];
  webhooks = new Map<number, SimWebhook>();
  stores: SimStore[] = [];
  private byKey = new Map<string, number>();
  private nextId = 1;

  constructor(
    private readonly defaultStoreId: number,
    private readonly events: SimEvents,
  ) {
    this.reset();
  }

  reset(): void {
    this.orders.clear();
    this.byKey.clear();
    this.shipments = [];
    this.fulfillments = [];
    this.webhooks.clear();
    this.nextId = 1;
    this.stores = [{ storeId: this.defaultStoreId, storeName: 'Manual Orders', marketplaceId: 0, marketplaceName: 'ShipStation', active: true, createdAt: Date.now() }];
  }

  /** Plain JSON of the whole account, for the sandbox's state file. */
  snapshot(): SimSnapshot {
    return {
      orders: [...this.orders.values()],
      shipments: this.shipments,
      fulfillments: this.fulfillments,
      webhooks: [...this.webhooks.values()],
      stores: this.stores,
      nextId: this.nextId,
    };
  }

  restore(data: SimSnapshot): void {
    this.orders = new Map(data.orders.map((o) => [o.orderId, o]));
    this.byKey = new Map(data.orders.map((o) => [o.orderKey, o.orderId]));
    this.shipments = data.shipments;
    this.fulfillments = data.fulfillments;
    this.webhooks = new Map(data.webhooks.map((w) => [w.id, w]));
    this.stores = data.stores;
    this.nextId = data.nextId;
  }

  /** Ids look like ShipStation's: large, numeric, increasing; one sequence per kind keeps them distinct. */
  private id(base: number): number {
    return base + this.nextId++;
  }

  upsertOrder(request: CreateOrderRequest): { order: SimOrder; created: boolean } {
    const now = Date.now();
    const orderKey = request.orderKey ?? randomUUID();
    const existingId = this.byKey.get(orderKey);
    const existing = existingId === undefined ? undefined : this.orders.get(existingId);
    if (existing && LOCKED_STATUSES.includes(existing.status)) {
      throw badRequest([`Order ${existing.request.orderNumber} is ${existing.status} and can no longer be updated.`]);
    }
    // advancedOptions.storeId only takes effect at creation.
    const storeId = existing?.storeId ?? request.advancedOptions?.storeId ?? this.defaultStoreId;
    if (!this.stores.some((s) => s.storeId === storeId)) throw badRequest([`Store ${storeId} does not exist.`]);
    const previousItems = new Map((existing?.items ?? []).map((i) => [i.item.lineItemKey ?? '', i]));
    const items = (request.items ?? []).map((item) => {
      const kept = item.lineItemKey ? previousItems.get(item.lineItemKey) : undefined;
      return { orderItemId: kept?.orderItemId ?? this.id(300_000_000), item, createdAt: kept?.createdAt ?? now };
    });
    const order: SimOrder = {
      orderId: existing?.orderId ?? this.id(100_000_000),
      orderKey,
      request: { ...request, orderKey },
      status: request.orderStatus,
      storeId,
      items,
      createdAt: existing?.createdAt ?? now,
      modifiedAt: now,
      shipDate: request.orderStatus === 'shipped' ? (existing?.shipDate ?? now) : existing?.shipDate,
      // An update replaces the whole order: a hold date left out is gone, as in ShipStation.
      holdUntilDate: request.holdUntilDate ?? null,
      shippedByLabels: false,
      deleted: false,
    };
    this.orders.set(order.orderId, order);
    this.byKey.set(orderKey, order.orderId);
    if (!existing) this.events.orderCreated(order);
    return { order, created: !existing };
  }

  getOrder(orderId: number): SimOrder {
    const order = this.orders.get(orderId);
    if (!order || order.deleted) throw notFound(`Order ${orderId}`);
    return order;
  }

  /** Any order ever created, deleted ones included (their labels still point at them). */
  orderRecord(orderId: number): SimOrder {
    const order = this.orders.get(orderId);
    if (!order) throw notFound(`Order ${orderId}`);
    return order;
  }

  findOrder(ref: { orderId?: number; orderKey?: string }): SimOrder {
    const id = ref.orderId ?? this.byKey.get(ref.orderKey ?? '');
    if (id === undefined) throw notFound(`Order with key ${ref.orderKey}`);
    return this.getOrder(id);
  }

  liveOrders(): SimOrder[] {
    return [...this.orders.values()].filter((o) => !o.deleted);
  }

  deleteOrder(orderId: number): void {
    const order = this.getOrder(orderId);
    order.deleted = true;
    this.byKey.delete(order.orderKey);
  }

  private openOrder(orderId: number): SimOrder {
    const order = this.getOrder(orderId);
    if (LOCKED_STATUSES.includes(order.status)) throw badRequest([`Order ${order.request.orderNumber} is ${order.status}.`], 'request');
    return order;
  }

  private touch(order: SimOrder, status: OrderStatus): void {
    order.status = status;
    order.modifiedAt = Date.now();
  }

  holdUntil(orderId: number, holdUntilDate: string): void {
    const order = this.openOrder(orderId);
    order.holdUntilDate = holdUntilDate;
    this.touch(order, 'on_hold');
  }

  restoreFromHold(orderId: number): void {
    const order = this.getOrder(orderId);
    if (order.status !== 'on_hold') throw badRequest([`Order ${order.request.orderNumber} is not on hold.`], 'request');
    order.holdUntilDate = null;
    this.touch(order, 'awaiting_shipment');
  }

  cancel(orderId: number): SimOrder {
    const order = this.openOrder(orderId);
    this.touch(order, 'cancelled');
    return order;
  }

  markAsShipped(input: { orderId: number; carrierCode: string; shipDate?: string | null; trackingNumber?: string | null; notifyCustomer?: boolean; notifySalesChannel?: boolean }): SimOrder {
    const order = this.openOrder(input.orderId);
    const now = Date.now();
    // A date alone is that day's start, Pacific time.
    const shipDate = input.shipDate ? pacificToEpochMs(/^\d{4}-\d{2}-\d{2}$/.test(input.shipDate) ? `${input.shipDate} 00:00:00` : input.shipDate) : now;
    this.fulfillments.push({
      fulfillmentId: this.id(500_000_000),
      orderId: order.orderId,
      createdAt: now,
      shipDate,
      carrierCode: input.carrierCode,
      trackingNumber: input.trackingNumber ?? null,
      notifyCustomer: input.notifyCustomer ?? false,
      notifySalesChannel: input.notifySalesChannel ?? false,
    });
    order.shipDate = shipDate;
    this.touch(order, 'shipped');
    return order;
  }

  /** Quantity per physical item not yet covered by a live outbound label. */
  remaining(order: SimOrder): Map<number, number> {
    const left = new Map(order.items.filter((i) => !i.item.adjustment).map((i) => [i.orderItemId, i.item.quantity]));
    for (const s of this.shipments) {
      if (s.orderId !== order.orderId || s.voidedAt !== undefined || s.isReturnLabel) continue;
      for (const it of s.items) left.set(it.orderItemId, (left.get(it.orderItemId) ?? 0) - it.quantity);
    }
    return new Map([...left].filter(([, q]) => q > 0));
  }

  /** The merchant buys a label in ShipStation (admin route). */
  /** `batchId`: join a batch bought together (one SHIP_NOTIFY for all); default a batch of its own. */
  createLabel(req: SimLabelRequest, opts: { batchId?: number } = {}): SimShipment {
    const order = this.findOrder(req);
    if (order.status === 'cancelled') throw badRequest([`Order ${order.request.orderNumber} is cancelled.`], 'request');
    const physical = order.items.filter((i) => !i.item.adjustment);
    let items: SimShipment['items'];
    if (req.items) {
      items = req.items.map(({ lineItemKey, quantity }) => {
        const line = physical.find((i) => i.item.lineItemKey === lineItemKey);
        if (!line) throw badRequest([`Order ${order.request.orderNumber} has no item ${lineItemKey}.`], 'request');
        if (quantity > line.item.quantity) throw badRequest([`Item ${lineItemKey}: quantity ${quantity} exceeds ${line.item.quantity} ordered.`], 'request');
        return { orderItemId: line.orderItemId, quantity };
      });
    } else {
      const left = [...this.remaining(order)].map(([orderItemId, quantity]) => ({ orderItemId, quantity }));
      // Nothing left (or a return): the label carries the whole order, a reship or an extra package.
      items = left.length > 0 && !req.isReturnLabel ? left : physical.map((i) => ({ orderItemId: i.orderItemId, quantity: i.item.quantity }));
    }
    const now = Date.now();
    const shipment: SimShipment = {
      shipmentId: this.id(200_000_000),
      orderId: order.orderId,
      batchId: opts.batchId ?? this.newBatchId(),
      createdAt: now,
      carrierCode: req.carrierCode,
      serviceCode: req.serviceCode,
      trackingNumber: req.trackingNumber ?? `9400${String(randomInt(1e9)).padStart(9, '0')}${String(randomInt(1e9)).padStart(9, '0')}`,
      shipmentCost: req.shipmentCost,
      insuranceCost: req.insuranceCost ?? 0,
      isReturnLabel: req.isReturnLabel ?? false,
      voidedAt: undefined,
      notesToBuyer: req.notesToBuyer ?? null,
      items,
    };
    this.shipments.push(shipment);
    if (order.status !== 'shipped' && this.remaining(order).size === 0) {
      order.shipDate = now;
      order.shippedByLabels = true;
      this.touch(order, 'shipped');
    }
    this.events.labelCreated(shipment, order, opts.batchId !== undefined);
    return shipment;
  }

  newBatchId(): number {
    return this.id(400_000_000);
  }

  /** Voids a label; an order shipped by labels reopens when it is no longer covered. No webhook, as in ShipStation. */
  voidLabel(shipmentId: number): SimShipment {
    const shipment = this.shipments.find((s) => s.shipmentId === shipmentId);
    if (!shipment) throw notFound(`Shipment ${shipmentId}`);
    if (shipment.voidedAt !== undefined) throw new SimHttpError(400, { Message: `Shipment ${shipmentId} is already voided.` });
    shipment.voidedAt = Date.now();
    const order = this.orders.get(shipment.orderId);
    if (order && order.status === 'shipped' && order.shippedByLabels && this.remaining(order).size > 0) {
      order.shippedByLabels = false;
      order.shipDate = undefined;
      this.touch(order, 'awaiting_shipment');
    }
    return shipment;
  }

  addWebhook(input: { targetUrl: string; event: string; storeId: number | null; name: string | null }): SimWebhook {
    const hook = { id: this.id(600_000), ...input };
    this.webhooks.set(hook.id, hook);
    return hook;
  }

  deleteWebhook(id: number): void {
    if (!this.webhooks.delete(id)) throw notFound(`Webhook ${id}`);
  }

  addStore(input: { storeName: string; marketplaceName: string; marketplaceId: number; active: boolean }): SimStore {
    const store = { storeId: this.id(700_000), ...input, createdAt: Date.now() };
    this.stores.push(store);
    return store;
  }
}
