import { continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  cancelSignal,
  requeueSignal,
  retryNowSignal,
  shipmentNotifiedSignal,
  sightingSignal,
  statusQuery,
  type OrderResult,
  type OrderStatus,
  type OrderWorkflow,
  type OrderWorkflowInput,
} from '../contract';
import { cancelling } from './order-cancel';
import { OrderContext } from './order-context';
import { importing } from './order-import';
import { parked } from './order-parked';
import { awaitingShipment, watching } from './order-shipping';
import type { Stage } from './order-stages';
import { trackingNumbers } from './order-write-back';

/**
 * Since the shipment sweep, a notification of shipments the order already holds is no news. Runs started
 * before replay as they ran (such a repeat made a written-back order poll); runs started since say so in their
 * input and never ask the patch (its marker costs events).
 */
const KNOWN_SHIPMENTS_PATCH = 'known-shipments-are-no-news';

/** Long watches and many requeues continue as new past this many events, with the state carried. */
const CONTINUE_AS_NEW_AFTER_EVENTS = 1_000;

/** Each stage's function: it does the stage's work once and names the next stage (DESIGN.md, "The shape"). */
function runStage(o: OrderContext, stage: Exclude<Stage, { kind: 'done' }>): Promise<Stage> {
  switch (stage.kind) {
    case 'importing':
      return importing(o, stage);
    case 'parked':
      return parked(o, stage);
    case 'awaiting_shipment':
      return awaitingShipment(o, stage);
    case 'watching':
      return watching(o, stage);
    case 'cancelling':
      return cancelling(o, stage);
  }
}

/**
 * One UltraCart order, from import to the write-back of its shipments: import → map → create in ShipStation →
 * mark Imported → await shipment → write back → watch, as the stage machine in order-stages.ts. Events only land
 * in the inbox; the stage functions act on them.
 */
export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderResult> {
  const o = new OrderContext(input);
  setHandler(statusQuery, () => status(o));
  setHandler(sightingSignal, (request) => o.inbox.sighted(request));
  // Older ingests sent their sightings as `requeue` with a seenAt: the inbox tells the two apart.
  setHandler(requeueSignal, (request) => o.inbox.sighted(request));
  const knownAreNoNews = () => input.knownShipmentsNoNews === true || patched(KNOWN_SHIPMENTS_PATCH);
  setHandler(shipmentNotifiedSignal, ({ shipments, cohort, lookNow }) => o.inbox.notified(shipments, cohort, lookNow === true, knownAreNoNews, input.heldShipmentsNoNews === true));
  setHandler(cancelSignal, ({ reason }) => o.inbox.cancelled(reason));
  setHandler(retryNowSignal, () => o.inbox.retryNow());
  if (input.sighting) o.inbox.sighted(input.sighting);

  let stage = (input.carried?.stage as Stage | undefined) ?? { kind: 'importing' };
  const limit = input.continueAsNewAfterEvents ?? CONTINUE_AS_NEW_AFTER_EVENTS;
  while (stage.kind !== 'done') {
    if (workflowInfo().historyLength > limit) {
      await continueAsNew<OrderWorkflow>({ ...input, sighting: undefined, carried: { memory: o.memory, stage, inbox: o.inbox.snapshot() } });
    }
    stage = await runStage(o, stage);
  }
  o.memory.reason = stage.detail;
  o.view.show(stage);
  return { outcome: stage.outcome, orderId: o.orderId, shipStationOrderId: o.memory.shipStationOrderId, trackingNumbers: trackingNumbers(o), detail: stage.detail, memory: o.memory };
}

function status(o: OrderContext): OrderStatus {
  const m = o.memory;
  return {
    merchantId: o.input.merchantId,
    orderId: o.orderId,
    stage: o.view.stage,
    reason: m.reason,
    shipStationOrderId: m.shipStationOrderId,
    acknowledgedAt: m.acknowledgedAtMs === undefined ? undefined : new Date(m.acknowledgedAtMs).toISOString(),
    writtenBack: m.writtenBack,
    lastError: m.lastError,
    attempts: m.attempts,
    next: o.view.next,
  };
}
