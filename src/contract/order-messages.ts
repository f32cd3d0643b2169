import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { Shipment } from '../shipstation/schemas';

/**
 * Signals, queries and the shapes the order workflow shares with the CLI, the HTTP server, the ingest and the
 * notifications. Bundle-safe: the workflow code imports it (no Node built-ins, no client or worker).
 */

export type OrderStage =
  | 'importing'
  | 'needs_attention'
  | 'awaiting_shipment'
  | 'writing_back'
  | 'written_back'
  | 'cancelled';

export interface OrderWorkflowInput {
  merchantId: string;
  orderId: string;
  /** How often to look for shipments whose webhook never came (SHIPMENT_POLL_INTERVAL at start). */
  shipmentPollIntervalMs: number;
  /** How long a written-back order keeps listening for reships and voids (SHIPMENT_WATCH_PERIOD at start). */
  shipmentWatchPeriodMs: number;
}

export interface RequeueRequest {
  /** Who asked: `ingest` when UltraCart handed the order out again, `cli`, or a person's note. */
  source: string;
  /** Epoch ms at which the order was seen queued; a sighting older than our acknowledgement is stale. */
  seenAt?: number;
  /** The order as UltraCart's queue handed it out, when the transport has no per-order fetch (REST). */
  order?: unknown;
}

export interface ShipmentNotification {
  /** The shipments ShipStation reported for this order (items included); empty means "go and look". */
  shipments: Shipment[];
}

/** What was written back to UltraCart for one ShipStation shipment. */
export interface WrittenShipment {
  voided: boolean;
  trackingNumbers: string[];
  /** What the transport could not carry to UltraCart (REST: carrier, service, ship date, notes to buyer). */
  notSent?: string[];
}

export interface OrderStatus {
  merchantId: string;
  orderId: string;
  stage: OrderStage;
  /** Why the order needs attention, in words a merchant understands. */
  reason: string | undefined;
  shipStationOrderId: number | undefined;
  acknowledgedAt: string | undefined;
  /** shipmentId → the state written back to UltraCart. */
  writtenBack: Record<string, WrittenShipment>;
  lastError: string | undefined;
  /** Import attempts (1 + requeues). */
  attempts: number;
}

export interface OrderResult {
  outcome: 'written_back' | 'cancelled';
  orderId: string;
  shipStationOrderId: number | undefined;
  trackingNumbers: string[];
  detail: string;
}

/** The order workflow's type as the starters see it, without importing the workflow code. */
export type OrderWorkflow = (input: OrderWorkflowInput) => Promise<OrderResult>;
export const ORDER_WORKFLOW = 'orderWorkflow';

/** One SHIP_NOTIFY webhook's batch, by its resource_url. */
export type ShipmentNotificationWorkflow = (resourceUrl: string) => Promise<unknown>;
export const SHIPMENT_NOTIFICATION_WORKFLOW = 'shipmentNotificationWorkflow';

export const requeueSignal = defineSignal<[RequeueRequest]>('requeue');
export const shipmentNotifiedSignal = defineSignal<[ShipmentNotification]>('shipmentNotified');
export const cancelSignal = defineSignal<[{ reason?: string }]>('cancel');
export const statusQuery = defineQuery<OrderStatus>('status');
