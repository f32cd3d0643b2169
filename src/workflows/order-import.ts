import type { OrderContext, StepFailure } from './order-context';
import type { Stage } from './order-stages';
import { nextResumeDelayMs } from './retry-policies';

/**
 * Steps 1–4, for a new order and for every requeue: import from UltraCart, map, create in ShipStation (or
 * update it, keeping ShipStation's edits), mark Imported. Every pass ends acknowledged when it can: UltraCart
 * hands an unacknowledged order out at every ingest, so a pass that did not acknowledge would loop or block
 * the ≤100 batch.
 */
export async function importing(o: OrderContext, stage: Stage & { kind: 'importing' }): Promise<Stage> {
  const { memory, steps, inbox } = o;
  memory.attempts += 1;
  inbox.attemptStarted();
  memory.reason = undefined;
  memory.lastError = undefined;
  o.view.show(stage);
  const readAtMs = Date.now();

  const toImport = inbox.orderToImport;
  const prepared = await steps.importAndPrepare(toImport);
  if (!prepared.ok) return failed(o, prepared.failure, readAtMs);
  if (!prepared.value.ok) return refused(o, prepared.value.reason, readAtMs);
  const body = prepared.value.body;
  // A ShipStation order already made is read first and merged: the merchant's edits there are kept, and an
  // order ShipStation has locked (shipped, cancelled) is left as it is.
  const upserted = await steps.upsert(body, memory.shipStationOrderId, toImport.cohort);
  if (!upserted.ok) return upserted.failure.kind === 'refused' ? refused(o, upserted.failure.message, readAtMs) : failed(o, upserted.failure, readAtMs);
  memory.shipStationOrderId = upserted.value.orderId;
  memory.lines = (body.items ?? []).map((i) => ({ lineItemKey: i.lineItemKey, quantity: i.quantity, adjustment: i.adjustment }));
  if (upserted.value.locked) memory.lastError = `ShipStation order is already ${upserted.value.status}; left unchanged`;

  const acked = await acknowledge(o);
  if (!acked.ok) return failed(o, acked.failure, readAtMs);
  inbox.imported(readAtMs, memory.acknowledgedAtMs);
  memory.retryDelayMs = undefined;
  // A locked order has its labels already (or is cancelled): look at ShipStation at once instead of waiting.
  return { kind: 'awaiting_shipment', lookNow: upserted.value.locked };
}

/**
 * Every order of an UltraCart batch is acknowledged, in ShipStation or parked, and UltraCart hands out the next
 * batch only then: the batch is the acknowledgements' cohort too.
 */
async function acknowledge(o: OrderContext) {
  const acked = await o.steps.acknowledge(o.inbox.orderToImport.cohort);
  // Workflow time stands still while a local activity runs, so it is earlier than the acknowledgement: a read
  // of the queue in between handed the order out, and its sighting must not count as the merchant's requeue.
  // (Runs before the activity said when, undefined here, keep workflow time.)
  if (acked.ok) o.memory.acknowledgedAtMs = Math.max(Date.now(), acked.value?.acknowledgedAtMs ?? 0);
  return acked;
}

/**
 * A refusal (no ship-to, invalid data, ShipStation refusing the order) waits for a person. The order is
 * acknowledged all the same, so it cannot block UltraCart's batch; a sighting after that acknowledgement is
 * the merchant's requeue, acted on once.
 */
async function refused(o: OrderContext, reason: string, readAtMs: number): Promise<Stage> {
  const acked = await acknowledge(o);
  if (!acked.ok && acked.failure.kind === 'transient') return retryLater(o, `${reason}; ${acked.failure.message}`, 'import', readAtMs);
  o.inbox.imported(readAtMs, acked.ok ? o.memory.acknowledgedAtMs : undefined);
  return { kind: 'parked', reason: acked.ok ? reason : `${reason}; ${acked.failure.message}`, acknowledged: acked.ok };
}

/** A step that failed for good parks for a person; one that ran out of attempts on passing faults retries by itself. */
function failed(o: OrderContext, failure: StepFailure, readAtMs: number): Promise<Stage> | Stage {
  if (failure.kind === 'refused') return refused(o, failure.message, readAtMs);
  return retryLater(o, failure.message, 'import', readAtMs);
}

/**
 * Transient exhaustion (e.g. a ShipStation outage longer than the retry policy): the order is NOT acknowledged,
 * so UltraCart keeps it queued and nothing is lost, and the pass runs again by itself, 5 min doubling to 1 h.
 */
export function retryLater(o: OrderContext, reason: string, then: 'import' | 'write_back', readAtMs?: number): Stage {
  if (readAtMs !== undefined) o.inbox.imported(readAtMs, undefined);
  const delayMs = nextResumeDelayMs(o.memory.retryDelayMs);
  o.memory.retryDelayMs = delayMs;
  // A write-back follows an acknowledged pass: labels written back meanwhile (a webhook, reconciliation's look)
  // finish the order without waiting for the retry.
  return { kind: 'parked', reason, acknowledged: then === 'write_back', retry: { atMs: Date.now() + delayMs, then } };
}
