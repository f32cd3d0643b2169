import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { Shipment } from '../shipstation/schemas';

/**
 * Signals, queries and the shapes the order workflow shares with the CLI, the HTTP server, the ingest and the
 * notifications. Bundle-safe: the workflow code imports it (no Node built-ins, no client or worker).
 */

export type OrderStage =
  | 'importing'
  /** A step ran out of attempts on faults that may pass: it resumes by itself on a slow backoff. */
  | 'retrying'
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
  /** The sighting (or a person's request) that started this run: in the input, so no signal opens the history. */
  sighting?: RequeueRequest;
  /** What an earlier run knew (continue-as-new, or a closed run of a requeued order): nothing is done twice. */
  carried?: CarriedOrder;
  /** History length after which a waiting order continues as new with its state (default 1,000 events). */
  continueAsNewAfterEvents?: number;
  /** Set by every start since the import became a local activity: such runs need no patch marker to know it. */
  localImport?: boolean;
  /** Set by every start since import and map became one local activity. */
  importAndMap?: boolean;
  /**
   * Set by every start since a notification of shipments the order already holds stopped being news (the
   * shipment sweep repeats what the webhooks told): such runs need no patch marker to know it.
   */
  knownShipmentsNoNews?: boolean;
  /**
   * Set by every start since a repeat of shipments the order holds, told while their write-back runs, stopped
   * being news once that write-back is done (it made the written-back order poll).
   */
  heldShipmentsNoNews?: boolean;
}

/** The physical lines of a ShipStation order: what shipments must cover before the order counts as shipped. */
export interface OrderLine {
  lineItemKey: string | null | undefined;
  quantity: number;
  adjustment?: boolean;
}

/** What an order's workflow remembers across passes, runs and continue-as-new. */
export interface OrderMemory {
  shipStationOrderId: number | undefined;
  /** Workflow time of the latest mark-Imported; a sighting from before it is the same queue entry. */
  acknowledgedAtMs: number | undefined;
  /** shipmentId (or `fulfillment-<id>`) → the state written back to UltraCart. */
  writtenBack: Record<string, WrittenShipment>;
  /** Every shipment seen, by webhook or poll, for the coverage check. */
  known: Shipment[];
  lines: OrderLine[];
  attempts: number;
  reason: string | undefined;
  lastError: string | undefined;
  /** The delay before the next automatic retry after a transient exhaustion; reset by a pass that succeeds. */
  retryDelayMs: number | undefined;
}

/** Unhandled incoming events, carried over a continue-as-new. */
export interface InboxState {
  /** The latest ingest sighting newer than our acknowledgement: UltraCart hands the order out again. */
  queuedSeenAtMs: number | undefined;
  /** When a person asked for a re-import, and who. */
  requeuedAtMs: number | undefined;
  requeueSource: string | undefined;
  cancelReason: string | undefined;
  /** Shipment news not yet written back; `lookNow` asks for a poll (an empty notification, a void sweep). */
  news: boolean;
  /** A repeat of shipments the order holds came: news only while some shipment it holds is not written back. */
  repeat?: boolean;
  lookNow: boolean;
  /** The latest order data a sighting carried: imported instead of fetching. */
  latestOrder?: unknown;
  /** A person requeued the order since that data came: fetch the latest where the transport can. */
  latestOrderStale?: boolean;
  /** The batch that data came in, and the notification the shipment news came in (batching hints). */
  importCohort?: Cohort;
  newsCohort?: Cohort;
  /** Asked to run its automatic retry now (what it waited for is back), since the last attempt began. */
  retryNow?: boolean;
}

export interface CarriedOrder {
  memory: OrderMemory;
  /** The stage to resume in (continue-as-new); absent for a new run of a closed order: it imports again. */
  stage?: unknown;
  inbox?: InboxState;
}

/**
 * Orders that travel together and reach the same batched call soon after one another: one UltraCart batch
 * (its upserts and its acknowledgements), one SHIP_NOTIFY (its write-backs). A batcher
 * that has seen all `size` of them sends at once instead of waiting for stragglers that are not coming.
 */
export interface Cohort {
  id: string;
  size: number;
}

export interface RequeueRequest {
  /** Who asked: `ingest` when UltraCart handed the order out again, `cli`, or a person's note. */
  source: string;
  /** Epoch ms at which the order was seen queued; a sighting older than our acknowledgement is stale. */
  seenAt?: number;
  /** The order as UltraCart's queue handed it out, when the transport has no per-order fetch (REST). */
  order?: unknown;
  /** The UltraCart batch the order came in. */
  cohort?: Cohort;
}

export interface ShipmentNotification {
  /** The shipments ShipStation reported for this order (items included); empty means "go and look". */
  shipments: Shipment[];
  /** ShipStation changed the order in a way only its own poll reads (cancelled there): go and look as well. */
  lookNow?: boolean;
  /** The orders of the same notification. */
  cohort?: Cohort;
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
  /** What the order does next, in words (absent from runs older than the stage machine). */
  next?: string;
}

export interface OrderResult {
  outcome: 'written_back' | 'cancelled';
  orderId: string;
  shipStationOrderId: number | undefined;
  trackingNumbers: string[];
  detail: string;
  /** For a later run, if the merchant requeues the order after this one ended. */
  memory?: OrderMemory;
}

/** The order workflow's type as the starters see it, without importing the workflow code. */
export type OrderWorkflow = (input: OrderWorkflowInput) => Promise<OrderResult>;
export const ORDER_WORKFLOW = 'orderWorkflow';

/** One SHIP_NOTIFY webhook's batch, by its resource_url. */
export type ShipmentNotificationWorkflow = (resourceUrl: string) => Promise<unknown>;
export const SHIPMENT_NOTIFICATION_WORKFLOW = 'shipmentNotificationWorkflow';

/** A person asks for a re-import (ucship requeue, or by hand in the Web UI / CLI). */
export const requeueSignal = defineSignal<[RequeueRequest]>('requeue');
/** The ingest saw the order in UltraCart's queue (again). */
export const sightingSignal = defineSignal<[RequeueRequest]>('sighting');
export const shipmentNotifiedSignal = defineSignal<[ShipmentNotification]>('shipmentNotified');
export const cancelSignal = defineSignal<[{ reason?: string }]>('cancel');
/**
 * What a `retrying` order waited for works again (a refused key is accepted): its automatic retry runs now
 * instead of at its backoff. Not a requeue: nothing is re-imported that the retry would not redo anyway.
 */
export const retryNowSignal = defineSignal<[{ source: string }]>('retryNow');
export const statusQuery = defineQuery<OrderStatus>('status');
