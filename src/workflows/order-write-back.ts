import type { OrderContext, StepFailure } from './order-context';
import { rememberShipments } from './order-inbox';

export type WriteBackOutcome =
  | { kind: 'shipped' }
  | { kind: 'open' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; failure: StepFailure };

export const trackingNumbers = (o: OrderContext): string[] =>
  Object.values(o.memory.writtenBack)
    .filter((w) => !w.voided)
    .flatMap((w) => w.trackingNumbers);

/**
 * Step 6: the shipment news (and, when `poll`, everything ShipStation lists for the order: labels, voids,
 * "mark as shipped" fulfillments, its status) written back to UltraCart, once per shipment. Says whether the
 * order is now shipped, still open, or cancelled in ShipStation.
 */
export async function writeBackNews(o: OrderContext, poll: boolean, show: () => void): Promise<WriteBackOutcome> {
  const { memory, steps, inbox } = o;
  const id = memory.shipStationOrderId as number;
  const { lookNow, cohort } = inbox.takeNews();
  inbox.attemptStarted();
  let orderStatus: string | undefined;
  if (poll || lookNow) {
    const state = await steps.poll(id);
    // The poll is the fallback for lost webhooks: while ShipStation stays unwell the order waits where it is and
    // looks again at the next interval (lastError says why); what the webhooks told is still written back.
    if (state.ok) {
      orderStatus = state.value.orderStatus;
      rememberShipments(memory.known, state.value.shipments);
    }
  }
  if (memory.known.length === 0) return orderStatus === 'cancelled' ? { kind: 'cancelled' } : { kind: 'open' };
  show();
  const result = await steps.writeBack({ orderId: o.orderId, shipments: memory.known, written: memory.writtenBack, lines: memory.lines, orderStatus, cohort });
  if (!result.ok) return { kind: 'failed', failure: result.failure };
  Object.assign(memory.writtenBack, result.value.written);
  if (orderStatus === 'cancelled') return { kind: 'cancelled' };
  if (!result.value.fullyShipped) return { kind: 'open' };
  memory.reason = `written back: ${trackingNumbers(o).join(', ') || 'no tracking numbers'}`;
  return { kind: 'shipped' };
}
