import type { UltraCartGate } from './gate';
import type { ShipmentWriteBack, UltraCartOrder } from './order-schema';

/**
 * The one way the product talks to UltraCart, whichever transport carries it (ULTRACART_TRANSPORT):
 * rest (UltraCart's documented fulfillment API) or soap (this project's DistributionCenterService contract).
 * Writes take arrays, so a caller may put up to BATCH_LIMIT orders in one call.
 */

/** One entry of the DC's queued batch: a malformed order is reported, never fails the batch. */
export interface QueuedOrder {
  orderId: string;
  order?: UltraCartOrder;
  /** The InvalidOrderError message (names the order and the field) when the order did not parse. */
  invalid?: string;
  /** The order as UltraCart sent it: handed to the workflow, so its first import fetches nothing (REST has no per-order fetch). */
  raw?: unknown;
}

/**
 * What one order's write-back says. Both transports get all of it and send what they can: SOAP sends each
 * changed shipment (`shippedWithDetails`, idempotent per shipment id); REST sends the order's full current
 * tracking list and carrier fee (`FulfillmentShipment`), so a void is a re-send without the voided number.
 */
export interface OrderShipment {
  orderId: string;
  /** The shipments whose state changed since the last write-back (new labels, voids of written ones). */
  changed: ShipmentWriteBack[];
  /** Every live tracking number of the order after this write-back. */
  trackingNumbers: string[];
  /** The carrier fee of the live labels: shipment cost + insurance. */
  shippingCost: number;
}

/** Per shipment id: what the transport could not carry to UltraCart, in words for `ucship status`. */
export type NotSent = Record<string, string[]>;

/** rest: UltraCart's documented fulfillment API; soap: this project's web service contract. */
export const TRANSPORT_KINDS = ['rest', 'soap'] as const;
export type TransportKind = (typeof TRANSPORT_KINDS)[number];

export interface UltraCartTransport {
  readonly kind: TransportKind;
  /** The gate every call of this transport goes through (read by /metrics for the budget). */
  readonly gate: UltraCartGate;
  /**
   * Start-up check of credentials and DC (and, for SOAP, the WSDL's operations). Throws a non-retryable
   * IntegrationError naming the setting when it can never work; a transient failure only warns.
   */
  check(): Promise<void>;
  /** Up to BATCH_LIMIT queued, unacknowledged orders of the DC: the same batch until they are acknowledged. */
  queuedOrders(): Promise<QueuedOrder[]>;
  /** SOAP only: one order's latest version. Absent under REST, where the queued batch carries the data. */
  getOrder?(orderId: string): Promise<UltraCartOrder>;
  /**
   * REST only: the order with its items' images and warehouse bins from UltraCart's Item API (the REST order
   * item lacks them), cached and within the budget; never fails, an item it cannot learn about stays as it was.
   */
  enrichItems?(order: UltraCartOrder): Promise<UltraCartOrder>;
  /** SOAP only ("requeue for pickup"); under REST the merchant requeues in UltraCart. */
  requeueOrder?(orderId: string): Promise<void>;
  /** Takes the orders out of the queue (≤ BATCH_LIMIT). */
  acknowledge(orderIds: string[]): Promise<void>;
  /** Posts shipments back (≤ BATCH_LIMIT orders); returns what did not travel. */
  ship(shipments: OrderShipment[]): Promise<NotSent>;
}
