import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { MappingActivities } from '../activities/mapping';
import type { OrderLine } from '../activities/order-lines';
import type { ShipStationActivities } from '../activities/shipstation';
import type { UltraCartActivities } from '../activities/ultracart';
import type { CreateOrderRequest, Shipment } from '../shipstation/schemas';
import {
  OrderStageKey,
  ShipStationOrderId,
  cancelSignal,
  requeueSignal,
  shipmentNotifiedSignal,
  statusQuery,
  type OrderResult,
  type OrderStage,
  type OrderStatus,
  type OrderWorkflowInput,
} from '../contract';
import { MAPPING_ACTIVITY, SHIPSTATION_ACTIVITY, ULTRACART_ACTIVITY, ULTRACART_LOCAL_ACTIVITY, shipStationTaskQueue } from './retry-policies';

const ultracart = proxyActivities<UltraCartActivities>(ULTRACART_ACTIVITY);
const mapping = proxyLocalActivities<MappingActivities>(MAPPING_ACTIVITY);
/** mark-Imported is one short SOAP call right after the ShipStation create: a local activity (a marker, no task round trip). */
const ultracartLocal = proxyLocalActivities<Pick<UltraCartActivities, 'acknowledgeOrder'>>(ULTRACART_LOCAL_ACTIVITY);

/** Thrown inside the workflow to leave the current pass and park the order with a reason. */
class Park extends Error {
  /** The step kept failing on faults that may pass (attempts ran out), as opposed to a refusal. */
  constructor(
    message: string,
    readonly transient = false,
  ) {
    super(message);
  }
}

/**
 * One UltraCart order, from import to the write-back of its shipments (DESIGN.md, "The shape"):
 * import → map → create-in-ShipStation → mark-Imported → await-shipment → write-back, repeated per shipment.
 * An order that cannot go through parks in `needs_attention` with the reason until a `requeue` signal.
 */
export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderResult> {
  const shipstationOptions = { ...SHIPSTATION_ACTIVITY, taskQueue: shipStationTaskQueue(workflowInfo().taskQueue) };
  const shipstation = proxyActivities<ShipStationActivities>(shipstationOptions);
  const { orderId } = input;
  const pollIntervalMs = input.shipmentPollIntervalMs;
  const status: OrderStatus = {
    merchantId: input.merchantId,
    orderId,
    stage: 'importing',
    reason: undefined,
    shipStationOrderId: undefined,
    acknowledgedAt: undefined,
    writtenBack: {},
    lastError: undefined,
    attempts: 0,
  };
  let requeued = false;
  let cancelReason: string | undefined;
  let pollNow = false;
  let acknowledgedAtMs: number | undefined;
  /** shipmentId → the latest facts seen, from notifications and polls. */
  const known = new Map<number, Shipment>();
  let notified = false;
  let lines: OrderLine[] = [];
  /** The latest order data a sighting carried (REST); imported instead of fetching it. */
  let latestOrder: unknown;

  setHandler(statusQuery, () => status);
  setHandler(requeueSignal, (request) => {
    if (request.order !== undefined) latestOrder = request.order;
    // UltraCart hands an order out until it is acknowledged; a sighting from before our acknowledgement is the
    // same queue entry, not a merchant's requeue.
    if (request.seenAt !== undefined && (acknowledgedAtMs === undefined || request.seenAt < acknowledgedAtMs)) return;
    requeued = true;
  });
  setHandler(cancelSignal, ({ reason }) => {
    cancelReason = reason ?? 'cancel requested';
  });
  setHandler(shipmentNotifiedSignal, ({ shipments }) => {
    if (shipments.length === 0) pollNow = true;
    for (const s of shipments) known.set(s.shipmentId, s);
    notified = true;
  });

  /** A ShipStationOrderId not yet in the search attributes: it goes with the next stage change (one event, not two). */
  let pendingShipStationId: number | undefined;
  /** The OrderStage the Web UI sees; every starter sets `importing` (contract/workflow-starts.ts). */
  let indexedStage: OrderStage = 'importing';
  const enter = (stage: OrderStage, details: string) => {
    status.stage = stage;
    setCurrentDetails(`**${stage}**: ${details}`);
    const id = pendingShipStationId;
    // Each upsert is a history event: skip the ones that would change nothing.
    if (stage === indexedStage && id === undefined) return;
    indexedStage = stage;
    pendingShipStationId = undefined;
    upsertSearchAttributes(id === undefined ? [{ key: OrderStageKey, value: stage }] : [{ key: OrderStageKey, value: stage }, { key: ShipStationOrderId, value: String(id) }]);
  };

  /** Runs one step; a failure that survived its retry policy parks the order instead of failing the workflow. */
  async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const cause = err.cause instanceof ApplicationFailure ? err.cause : undefined;
      status.lastError = `${what} failed: ${cause?.message ?? err.cause?.message ?? err.message}`;
      throw new Park(status.lastError, !cause?.nonRetryable);
    }
  }

  async function acknowledge(): Promise<void> {
    await step('mark-Imported in UltraCart', () =>
      ultracartLocal.acknowledgeOrder.executeWithOptions({ ...ULTRACART_LOCAL_ACTIVITY, summary: `mark order ${orderId} Imported in UltraCart` }, [orderId]),
    );
    acknowledgedAtMs = Date.now();
    status.acknowledgedAt = new Date(acknowledgedAtMs).toISOString();
  }

  /** Steps 1–4; returns the ShipStation body that was accepted. */
  async function importIntoShipStation(): Promise<CreateOrderRequest> {
    status.attempts += 1;
    enter('importing', `attempt ${status.attempts}`);
    const imported = await step('import from UltraCart', () =>
      ultracart.importOrder.executeWithOptions(
        { ...ULTRACART_ACTIVITY, summary: `import order ${orderId} from UltraCart` },
        latestOrder === undefined ? [orderId] : [orderId, latestOrder],
      ),
    );
    if (!imported.ok) throw new Park(imported.reason);
    const prepared = await step('map to ShipStation', () =>
      mapping.prepareShipStationOrder.executeWithOptions({ ...MAPPING_ACTIVITY, summary: `map order ${orderId}` }, [imported.order]),
    );
    if (!prepared.ok) throw new Park(prepared.reason);
    const upserted = await step('create in ShipStation', () =>
      shipstation.upsertShipStationOrder.executeWithOptions(
        { ...shipstationOptions, summary: `upsert ${prepared.body.orderKey} in ShipStation` },
        [prepared.body],
      ),
    );
    if (status.shipStationOrderId !== upserted.orderId) {
      status.shipStationOrderId = upserted.orderId;
      pendingShipStationId = upserted.orderId;
    }
    if (upserted.locked) status.lastError = `ShipStation order is already ${upserted.status}; left unchanged`;
    await acknowledge();
    return prepared.body;
  }

  /** Parks until a person requeues (true) or cancels (false). Acknowledges first so the ≤100 batch keeps moving. */
  async function park(reason: string): Promise<boolean> {
    status.reason = reason;
    enter('needs_attention', reason);
    if (acknowledgedAtMs === undefined) {
      try {
        await acknowledge();
      } catch (err) {
        if (!(err instanceof Park)) throw err; // e.g. bad credentials: stay parked, unacknowledged, with the error shown
      }
    }
    await condition(() => requeued || cancelReason !== undefined);
    return cancelReason === undefined;
  }

  async function cancel(): Promise<OrderResult> {
    let detail = `cancelled: ${cancelReason}`;
    if (status.shipStationOrderId !== undefined) {
      const id = status.shipStationOrderId;
      try {
        const result = await step('cancel in ShipStation', () =>
          shipstation.cancelShipStationOrder.executeWithOptions(
            { ...shipstationOptions, summary: `cancel ShipStation order ${id}` },
            [id],
          ),
        );
        if (!result.cancelled) detail += ` (ShipStation order was already ${result.status})`;
      } catch (err) {
        if (!(err instanceof Park)) throw err;
        // The person asked to stop; end here and say plainly that ShipStation still holds the order.
        detail += `; ShipStation order ${id} could not be cancelled (${err.message}): cancel it there by hand`;
      }
    }
    enter('cancelled', detail);
    return finish('cancelled', detail);
  }

  const trackingNumbers = () =>
    Object.values(status.writtenBack)
      .filter((w) => !w.voided)
      .flatMap((w) => w.trackingNumbers);

  function finish(outcome: OrderResult['outcome'], detail: string): OrderResult {
    return { outcome, orderId, shipStationOrderId: status.shipStationOrderId, trackingNumbers: trackingNumbers(), detail };
  }

  /**
   * Steps 5–6 until every item is covered; 'requeue' sends the order back through steps 1–4. After that the
   * order stays open for the watch period: a voided label sends no webhook, but a reship does, and then a poll
   * finds the void so its tracking number is withdrawn from UltraCart.
   */
  async function awaitShipments(): Promise<OrderResult | 'requeue'> {
    let settled = false;
    for (;;) {
      if (!settled) enter('awaiting_shipment', `ShipStation order ${status.shipStationOrderId}`);
      const woken = await condition(
        () => requeued || cancelReason !== undefined || notified,
        settled ? input.shipmentWatchPeriodMs : pollIntervalMs,
        { summary: settled ? 'watch for reships and voids' : 'wait for a shipment (webhook) or the next poll' },
      );
      if (settled && !woken) return finish('written_back', status.reason ?? 'written back');
      if (cancelReason !== undefined) {
        if (!settled) return cancel();
        status.lastError = `cancel refused: the order already shipped (${cancelReason})`;
        cancelReason = undefined;
      }
      if (requeued) return 'requeue';
      let orderStatus: string | undefined;
      // Once settled, any news means a reship or an extra package: look at every label, voids included.
      if (!woken || pollNow || settled) {
        const ssOrderId = status.shipStationOrderId as number;
        const state = await step('poll ShipStation shipments', () =>
          shipstation.getShipmentState.executeWithOptions(
            { ...shipstationOptions, summary: `poll shipments of ShipStation order ${ssOrderId}` },
            [ssOrderId],
          ),
        ).catch((err: unknown) => {
          // The poll is the fallback for lost webhooks: when ShipStation stays unwell for a while the order is
          // still fine where it is, so it looks again at the next interval (lastError shows why) instead of parking.
          if (err instanceof Park && err.transient) return undefined;
          throw err;
        });
        // A failed poll still writes back what the webhooks told.
        orderStatus = state?.orderStatus;
        for (const s of state?.shipments ?? []) known.set(s.shipmentId, s);
        if (orderStatus === 'cancelled' && !settled) {
          cancelReason = 'cancelled in ShipStation';
          enter('cancelled', cancelReason);
          return finish('cancelled', cancelReason);
        }
      }
      notified = false;
      pollNow = false;
      if (!settled) enter('writing_back', `${known.size} shipment(s) known`);
      const result = await step('write back to UltraCart', () =>
        ultracart.writeBack.executeWithOptions({ ...ULTRACART_ACTIVITY, summary: `write shipments of order ${orderId} back to UltraCart` }, [
          { orderId, shipments: [...known.values()], written: status.writtenBack, lines, orderStatus },
        ]),
      );
      Object.assign(status.writtenBack, result.written);
      if (result.fullyShipped || settled) {
        settled = true;
        status.reason = `written back: ${trackingNumbers().join(', ') || 'no tracking numbers'}`;
        enter('written_back', status.reason);
      }
    }
  }

  for (;;) {
    requeued = false;
    status.reason = undefined;
    try {
      if (cancelReason !== undefined) return await cancel();
      const body = await importIntoShipStation();
      lines = (body.items ?? []).map((i) => ({ lineItemKey: i.lineItemKey, quantity: i.quantity, adjustment: i.adjustment }));
      const outcome = await awaitShipments();
      if (outcome !== 'requeue') return outcome;
    } catch (err) {
      if (!(err instanceof Park)) throw err;
      if (!(await park(err.message))) return cancel();
    }
  }
}
