import type { OrderContext } from './order-context';
import type { Stage } from './order-stages';

/**
 * A cancel asked of ucship (ucship cancel): the ShipStation order is cancelled while it is open, keeping the
 * merchant's edits there. An order ShipStation has shipped meanwhile is not cancelled: its labels are written back.
 */
export async function cancelling(o: OrderContext, stage: Stage & { kind: 'cancelling' }): Promise<Stage> {
  const { memory, inbox } = o;
  const reason = inbox.refuseCancel() ?? stage.reason;
  const id = memory.shipStationOrderId;
  if (id === undefined) return { kind: 'done', outcome: 'cancelled', detail: `cancelled: ${reason}` };
  o.view.show(stage);
  const result = await o.steps.cancel(id);
  if (!result.ok) {
    // The person asked to stop: end here and say plainly that ShipStation still holds the order.
    return { kind: 'done', outcome: 'cancelled', detail: `cancelled: ${reason}; ShipStation order ${id} could not be cancelled (${result.failure.message}): cancel it there by hand` };
  }
  if (result.value.status === 'shipped') {
    memory.lastError = `cancel refused: ShipStation order ${id} is already shipped (${reason})`;
    return { kind: 'awaiting_shipment', lookNow: true };
  }
  return { kind: 'done', outcome: 'cancelled', detail: `cancelled: ${reason}` };
}
