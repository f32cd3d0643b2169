import type { TransportKind } from '../ultracart/transport';

/**
 * How long an order may stay in a stage before a person should look (STAGE_THRESHOLDS overrides any of them).
 * Importing and writing back take seconds when both APIs answer; an hour means they have not for a while.
 * Labels are bought by people: two weeks without one is worth a question. Parked orders are alerted one by
 * one instead, and finished ones never age.
 */
export const DEFAULT_STAGE_THRESHOLDS_MS: Readonly<Record<string, number>> = {
  importing: 3_600_000,
  writing_back: 3_600_000,
  retrying: 6 * 3_600_000,
  awaiting_shipment: 14 * 86_400_000,
};

/** Stages whose orders are done with the sync, or only watching for late voids: nothing to reconcile. */
export const SETTLED_STAGES: readonly string[] = ['written_back', 'watching', 'cancelled'];

/** The stage an order waits in for a person. */
export const PARKED_STAGE = 'needs_attention';

/** The stage an order waits in for its own retry (faults that may pass, a refused key). */
export const RETRYING_STAGE = 'retrying';

/**
 * The step that sends a parked order through import again once it is fixed in UltraCart, true for the transport:
 * over REST there is no requeue call, and `ucship requeue` would only re-import the data UltraCart last handed
 * out (without the fix), so the merchant requeues it in UltraCart and the next ingest brings the fixed order.
 */
export function requeueStep(transport: TransportKind, orderId: string): string {
  return transport === 'soap' ? `ucship requeue ${orderId}` : `"requeue for pickup" on order ${orderId} in UltraCart (the next ingest imports it)`;
}

/**
 * Stages where a "shipmentNotified" with no shipments makes the workflow look at ShipStation again (and write
 * back what it finds): waiting for a label, and parked, for a person or for its own retry, once the workflow
 * holds its ShipStation order (a park never loses a label).
 */
export const LOOK_AGAIN_STAGES: readonly string[] = ['awaiting_shipment'];
export const LOOK_AGAIN_HOLDING_STAGES: readonly string[] = [PARKED_STAGE, RETRYING_STAGE];

/**
 * What kind of problem parked an order, for the metric and the alert (from the reason text the workflow
 * gives; classes, not texts, so the metric's labels stay few).
 */
export type ReasonClass = 'invalid_order' | 'credentials' | 'refused_by_shipstation' | 'faults' | 'other';

export function reasonClass(reason: string | null | undefined): ReasonClass {
  const text = reason ?? '';
  if (/credential|api key|access key|AuthenticationFailed|rejected the/i.test(text)) return 'credentials';
  if (/ShipStation refused|ShipStationValidation/i.test(text)) return 'refused_by_shipstation';
  if (/timed? ?out|did not answer|could not be reached|HTTP 5\d\d|fault|rate limit|unavailable/i.test(text)) return 'faults';
  if (/shipping\.|billing\.|items|order_id|not valid|is not an|empty|missing|invalid/i.test(text)) return 'invalid_order';
  return 'other';
}
