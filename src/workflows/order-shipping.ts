import type { OrderContext, StepFailure } from './order-context';
import { retryLater } from './order-import';
import type { Stage } from './order-stages';
import { writeBackNews, type WriteBackOutcome } from './order-write-back';

/** A write-back that failed: a refusal waits for a person; passing faults retry by themselves. */
function writeBackFailed(o: OrderContext, failure: StepFailure): Stage {
  if (failure.kind === 'refused') return { kind: 'parked', reason: failure.message, acknowledged: true };
  return retryLater(o, failure.message, 'write_back');
}

const watchFromNow = (o: OrderContext): Stage => ({ kind: 'watching', untilMs: Date.now() + o.input.shipmentWatchPeriodMs });

/**
 * Steps 5–6: in ShipStation, waiting for labels. A webhook brings them; a poll every SHIPMENT_POLL_INTERVAL
 * finds those whose webhook was lost, "mark as shipped" fulfillments (which send none), and a cancel made in
 * ShipStation. Until every item is covered (or ShipStation says shipped) the order stays here.
 */
export async function awaitingShipment(o: OrderContext, stage: Stage & { kind: 'awaiting_shipment' }): Promise<Stage> {
  const { inbox } = o;
  if (stage.lookNow || inbox.hasNews) {
    const outcome = await writeBackNews(o, stage.lookNow, () => o.view.show(stage, 'writing_back'));
    const next = afterNews(o, outcome, () => watchFromNow(o));
    if (next) return next;
  }
  o.view.show(stage);
  const woken = await o.wait(o.input.shipmentPollIntervalMs, 'wait for a shipment (webhook) or the next poll');
  if (inbox.cancelReason !== undefined) return { kind: 'cancelling', reason: inbox.cancelReason };
  if (inbox.wantsImport) return { kind: 'importing' };
  return { kind: 'awaiting_shipment', lookNow: !woken };
}

/**
 * Written back, and listening for the watch period: a reship or an extra package (webhook), a void (no webhook:
 * the void sweep or the poll finds it, and its tracking number is withdrawn), a cancel in ShipStation after the
 * labels were voided. A cancel asked of ucship now is refused: the parcel has gone.
 */
export async function watching(o: OrderContext, stage: Stage & { kind: 'watching' }): Promise<Stage> {
  const { inbox, memory } = o;
  o.view.show(stage);
  if (inbox.cancelReason !== undefined) {
    memory.lastError = `cancel refused: the order already shipped (${inbox.refuseCancel()})`;
    o.view.show(stage);
  }
  if (inbox.wantsImport) return { kind: 'importing' };
  if (inbox.hasNews) {
    // Once written back, any news may be a void or a reship: look at every label ShipStation lists, and at the
    // order's status (a cancel there needs its labels voided first, and the void sweep tells of those).
    const outcome = await writeBackNews(o, true, () => undefined);
    // A void that left items uncovered reopens the order in ShipStation: back to waiting for a label.
    const next = afterNews(o, outcome, () => stage) ?? { kind: 'awaiting_shipment', lookNow: false };
    if (next.kind !== 'watching') return next;
    o.view.show(stage);
  }
  const left = stage.untilMs - Date.now();
  if (left <= 0) return { kind: 'done', outcome: 'written_back', detail: memory.reason ?? 'written back' };
  // No periodic poll here: over a 3-day watch it would spend the shared 40/min ShipStation budget on orders
  // that are done; voids come from the void sweep and reships from their webhook.
  await o.wait(left, 'watch for reships, voids and a cancel in ShipStation');
  return stage;
}

/** The stage a write-back leads to; undefined while the order is still open in ShipStation. */
function afterNews(o: OrderContext, outcome: WriteBackOutcome, shipped: () => Stage): Stage | undefined {
  switch (outcome.kind) {
    case 'failed':
      return writeBackFailed(o, outcome.failure);
    case 'cancelled':
      return { kind: 'done', outcome: 'cancelled', detail: 'cancelled in ShipStation' };
    case 'shipped':
      return shipped();
    case 'open':
      return undefined;
  }
}
