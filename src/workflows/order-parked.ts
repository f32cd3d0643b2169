import type { OrderContext } from './order-context';
import type { Stage } from './order-stages';
import { writeBackNews } from './order-write-back';

/**
 * Parked: waiting for a person (a refusal) or for its own retry (a transient exhaustion, a refused key), visible
 * as `needs_attention` or `retrying`. A person's requeue or cancel is acted on at once, and so is a "retry now"
 * of a `retrying` order (what it waited for works again). A parked order that
 * ShipStation already holds still receives, polls for and writes back its shipments: a park must never lose a
 * label.
 */
export async function parked(o: OrderContext, stage: Stage & { kind: 'parked' }): Promise<Stage> {
  const { inbox, memory, input } = o;
  memory.reason = stage.reason;
  o.view.show(stage);
  if (inbox.cancelReason !== undefined) return { kind: 'cancelling', reason: inbox.cancelReason };
  // Unacknowledged, UltraCart hands the order out at every ingest: those repeats are the same queue entry and
  // are recorded once (the retry, or a person, acts on them), never acted on per ingest run.
  const actOnSighting = stage.acknowledged && stage.retry === undefined;
  if (inbox.personAsked || (actOnSighting && inbox.queuedAgain)) return { kind: 'importing' };
  const retryDue = () => stage.retry !== undefined && (Date.now() >= stage.retry.atMs || inbox.retryNowAsked);
  if (stage.retry && retryDue()) return stage.retry.then === 'import' ? { kind: 'importing' } : { kind: 'awaiting_shipment', lookNow: true };

  const holdsOrder = memory.shipStationOrderId !== undefined;
  if (holdsOrder && (inbox.hasNews || stage.pollDue)) {
    const outcome = await writeBackNews(o, stage.pollDue === true, () => undefined);
    if (outcome.kind === 'cancelled') return { kind: 'done', outcome: 'cancelled', detail: 'cancelled in ShipStation' };
    // Shipped and acknowledged: nothing is left to park for.
    if (outcome.kind === 'shipped' && stage.acknowledged) return { kind: 'watching', untilMs: Date.now() + input.shipmentWatchPeriodMs };
    o.view.show(stage);
  }

  const untilRetry = stage.retry ? stage.retry.atMs - Date.now() : undefined;
  const untilPoll = holdsOrder ? input.shipmentPollIntervalMs : undefined;
  const timeout = untilRetry === undefined ? untilPoll : untilPoll === undefined ? untilRetry : Math.min(untilRetry, untilPoll);
  const reacts = () =>
    inbox.cancelReason !== undefined || inbox.personAsked || (actOnSighting && inbox.queuedAgain) || (holdsOrder && inbox.hasNews) || (stage.retry !== undefined && inbox.retryNowAsked);
  const woken = await o.wait(timeout, stage.retry ? 'wait for the automatic retry' : 'wait for a person: requeue or cancel', reacts);
  return { ...stage, pollDue: !woken && holdsOrder && !retryDue() };
}
