import type { CreateOrderRequest, OrderStatus, ShipStationItem } from '../../src/shipstation/schemas';

/** What the simulated ShipStation account holds, as plain JSON records (the state file stores them as they are). */

export interface SimOrderItem {
  orderItemId: number;
  item: ShipStationItem;
  createdAt: number;
}

export interface SimOrder {
  orderId: number;
  orderKey: string;
  request: CreateOrderRequest;
  status: OrderStatus;
  storeId: number;
  items: SimOrderItem[];
  createdAt: number;
  modifiedAt: number;
  shipDate: number | undefined;
  holdUntilDate: string | null;
  /** Set when labels (not createorder or markasshipped) shipped it, so voiding one can reopen it. */
  shippedByLabels: boolean;
  deleted: boolean;
}

export interface SimShipment {
  shipmentId: number;
  orderId: number;
  batchId: number;
  createdAt: number;
  carrierCode: string;
  serviceCode: string;
  trackingNumber: string;
  shipmentCost: number;
  insuranceCost: number;
  isReturnLabel: boolean;
  voidedAt: number | undefined;
  notesToBuyer: string | null;
  items: Array<{ orderItemId: number; quantity: number }>;
}

export interface SimFulfillment {
  fulfillmentId: number;
  orderId: number;
  createdAt: number;
  shipDate: number;
  carrierCode: string;
  trackingNumber: string | null;
  notifyCustomer: boolean;
  notifySalesChannel: boolean;
}

export interface SimWebhook {
  id: number;
  event: string;
  targetUrl: string;
  storeId: number | null;
  name: string | null;
}

export interface SimStore {
  storeId: number;
  storeName: string;
  marketplaceId: number;
  marketplaceName: string;
  active: boolean;
  createdAt: number;
}

export interface SimEvents {
  orderCreated(order: SimOrder): void;
  /** `batched`: part of a batch whose one notification is sent by `batchCreated`. */
  labelCreated(shipment: SimShipment, order: SimOrder, batched: boolean): void;
}

export interface SimSnapshot {
  orders: SimOrder[];
  shipments: SimShipment[];
  fulfillments: SimFulfillment[];
  webhooks: SimWebhook[];
  stores: SimStore[];
  nextId: number;
}
