import { ActivityFailure, ApplicationFailure, condition, patched, proxyActivities, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { MappingActivities, PreparedOrder } from '../activities/mapping';
import type { OrderImportActivities } from '../activities/order-import';
import type { ShipStationActivities } from '../activities/shipstation';
import type { UltraCartActivities, WriteBackInput } from '../activities/ultracart';
import type { Cohort, OrderMemory, OrderWorkflowInput } from '../contract';
import type { CreateOrderRequest } from '../shipstation/schemas';
import { Inbox } from './order-inbox';
import { OrderView } from './order-summary';
import { MAPPING_ACTIVITY, SHIPSTATION_ACTIVITY, ULTRACART_ACTIVITY, ULTRACART_LOCAL_ACTIVITY, failureKind, shipStationTaskQueue, type FailureKind } from './retry-policies';

/** A step's failure that survived its retry policy, classified once (retry-policies.ts). */
export interface StepFailure {
  kind: FailureKind;
  message: string;
}
export type StepResult<T> = { ok: true; value: T } | { ok: false; failure: StepFailure };

/**
 * The import runs as a local activity (the order's data came with the sighting, so it seldom calls UltraCart):
 * no task round trip and no activity events. Runs that began before scheduled it as an activity and replay it
 * so. The write-back stays an activity: under SOAP a wave of labels queues one call per shipment, and a
 * workflow task held that long by a local activity times out on a busy worker.
 */
const LOCAL_IMPORT_PATCH = 'import-as-local-activity';

/**
 * Runs started since say so in their input; only runs started before that ask the patch (whose marker also
 * upserts a search attribute: two events and an index write per order).
 */
const importsLocally = (input: OrderWorkflowInput): boolean => input.localImport === true || patched(LOCAL_IMPORT_PATCH);

/** Runs started since import and map became one local activity say so in their input; earlier runs replay two. */
const importsAndMapsTogether = (input: OrderWorkflowInput): boolean => input.importAndMap === true;

/** The activities, proxied once per run with their options; each call carries its summary for the Web UI. */
function steps(input: OrderWorkflowInput, step: <T>(what: string, run: () => Promise<T>) => Promise<StepResult<T>>) {
  const { orderId } = input;
  const ultracart = proxyActivities<UltraCartActivities>(ULTRACART_ACTIVITY);
  // mark-Imported and the import are short: local activities (a marker each, no task round trip).
  const ultracartLocal = proxyLocalActivities<UltraCartActivities>(ULTRACART_LOCAL_ACTIVITY);
  const mapping = proxyLocalActivities<MappingActivities>(MAPPING_ACTIVITY);
  const importLocal = proxyLocalActivities<OrderImportActivities>(ULTRACART_LOCAL_ACTIVITY);
  const shipstationOptions = { ...SHIPSTATION_ACTIVITY, taskQueue: shipStationTaskQueue(workflowInfo().taskQueue) };
  const shipstation = proxyActivities<ShipStationActivities>(shipstationOptions);
  const ss = (summary: string) => ({ ...shipstationOptions, summary });
  return {
    /**
     * Import from UltraCart and map to a ShipStation body. `latest`: the order data the ingest handed over;
     * without it (or on `refetch`) the activity fetches the order.
     */
    importAndPrepare: async ({ latest, refetch }: { latest: unknown; refetch: boolean }): Promise<StepResult<PreparedOrder>> => {
      const args: [string, unknown, boolean] = [orderId, latest, refetch];
      if (importsAndMapsTogether(input)) {
        const summary = `import order ${orderId} from UltraCart and map it to ShipStation`;
        return step('import from UltraCart', () => importLocal.importAndPrepare.executeWithOptions({ ...ULTRACART_LOCAL_ACTIVITY, summary }, args));
      }
      const imported = await step('import from UltraCart', () => {
        const summary = `import order ${orderId} from UltraCart`;
        return importsLocally(input)
          ? ultracartLocal.importOrder.executeWithOptions({ ...ULTRACART_LOCAL_ACTIVITY, summary }, args)
          : ultracart.importOrder.executeWithOptions({ ...ULTRACART_ACTIVITY, summary }, args);
      });
      if (!imported.ok) return imported;
      if (!imported.value.ok) return { ok: true, value: imported.value };
      const order = imported.value.order;
      return step('map to ShipStation', () => mapping.prepareShipStationOrder.executeWithOptions({ ...MAPPING_ACTIVITY, summary: `map order ${orderId}` }, [order]));
    },
    upsert: (body: CreateOrderRequest, shipStationOrderId: number | undefined, cohort: Cohort | undefined) =>
      step('create in ShipStation', () =>
        shipstation.upsertShipStationOrder.executeWithOptions(
          ss(shipStationOrderId === undefined ? `create ${body.orderKey} in ShipStation` : `update ShipStation order ${shipStationOrderId}, keeping its edits`),
          [body, shipStationOrderId, cohort],
        ),
      ),
    acknowledge: (cohort: Cohort | undefined) =>
      step('mark-Imported in UltraCart', () =>
        ultracartLocal.acknowledgeOrder.executeWithOptions({ ...ULTRACART_LOCAL_ACTIVITY, summary: `mark order ${orderId} Imported in UltraCart` }, [orderId, cohort]),
      ),
    poll: (shipStationOrderId: number) =>
      step('poll ShipStation shipments', () => shipstation.getShipmentState.executeWithOptions(ss(`poll shipments of ShipStation order ${shipStationOrderId}`), [shipStationOrderId])),
    writeBack: (input: WriteBackInput) =>
      step('write back to UltraCart', () => ultracart.writeBack.executeWithOptions({ ...ULTRACART_ACTIVITY, summary: `write shipments of order ${orderId} back to UltraCart` }, [input])),
    cancel: (shipStationOrderId: number) =>
      step('cancel in ShipStation', () => shipstation.cancelShipStationOrder.executeWithOptions(ss(`cancel ShipStation order ${shipStationOrderId}`), [shipStationOrderId])),
  };
}

export const emptyMemory = (): OrderMemory => ({
  shipStationOrderId: undefined,
  acknowledgedAtMs: undefined,
  writtenBack: {},
  known: [],
  lines: [],
  attempts: 0,
  reason: undefined,
  lastError: undefined,
  retryDelayMs: undefined,
});

/** What every stage function works with: the input, what the order remembers, its inbox, its view and its steps. */
export class OrderContext {
  readonly orderId: string;
  readonly memory: OrderMemory;
  readonly inbox: Inbox;
  readonly view: OrderView;
  readonly steps: ReturnType<typeof steps>;

  constructor(readonly input: OrderWorkflowInput) {
    this.orderId = input.orderId;
    this.memory = input.carried?.memory ?? emptyMemory();
    this.inbox = new Inbox(this.memory, input.carried?.inbox);
    this.view = new OrderView(input.orderId, this.memory);
    this.steps = steps(input, (what, run) => this.step(what, run));
  }

  /** Runs one activity; a failure that survived its retry policy comes back as a classified result, never thrown. */
  async step<T>(what: string, run: () => Promise<T>): Promise<StepResult<T>> {
    try {
      return { ok: true, value: await run() };
    } catch (err) {
      // A local activity's final failure may arrive as its ApplicationFailure, without the ActivityFailure around it.
      if (!(err instanceof ActivityFailure) && !(err instanceof ApplicationFailure)) throw err;
      const inner = err instanceof ActivityFailure ? err.cause : err;
      const cause = inner instanceof ApplicationFailure ? inner : undefined;
      const message = `${what} failed: ${cause?.message ?? inner?.message ?? err.message}`;
      this.memory.lastError = message;
      return { ok: false, failure: { kind: failureKind({ nonRetryable: cause?.nonRetryable ?? false, type: cause?.type ?? undefined }), message } };
    }
  }

  /** Waits until an event the stage reacts to, or `timeoutMs`; true when woken by an event. */
  wait(timeoutMs: number | undefined, summary: string, until: () => boolean = () => this.inbox.anyEvent): Promise<boolean> {
    if (until()) return Promise.resolve(true);
    if (timeoutMs === undefined) return condition(until).then(() => true);
    return condition(until, Math.max(timeoutMs, 1), { summary });
  }
}
