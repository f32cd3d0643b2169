import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { temporal as proto } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { asWorkerActivities } from '../../src/activities/heartbeat';
import { createOrderImportActivities } from '../../src/activities/order-import';
import { createMappingActivities } from '../../src/activities/mapping';
import { createUltraCartActivities } from '../../src/activities/ultracart';
import { SEARCH_ATTRIBUTES, type Cohort, orderKeyOf, orderWorkflowId, statusQuery, type OrderStage, type OrderStartSettings, type OrderStatus } from '../../src/contract';
import type { CreateOrderRequest, OrderStatus as ShipStationStatus, Shipment } from '../../src/shipstation/schemas';
import { sightOrder } from '../../src/ops/order-sighting';
import type { UltraCartTransport } from '../../src/ultracart/transport';
import { parseOrder, type UltraCartOrder } from '../../src/ultracart/order-schema';
import { shipStationTaskQueue } from '../../src/workflows/retry-policies';
import { demoOrderOfKind } from '../../sandbox/demo-orders';
import { aShipment } from '../mapping/fixtures';
import { testDataConverter } from '../support/codec';
import { bundleOnce, createTimeSkippingEnv } from '../support/temporal';

/**
 * Order-workflow tests on the time-skipping server with stubbed activities: a small in-memory world of one
 * UltraCart order and its ShipStation twin, whose calls are counted and can be made to fail. Mapping and the
 * write-back planning are the real ones (they are pure); the UltraCart write-back is recorded per shipment_id.
 */
export const MERCHANT = 'WFT';
export const POLL_MS = 6 * 3_600_000;
export const WATCH_MS = 3 * 24 * 3_600_000;

/** `credentials`: the side refuses the key, as the real clients say it (non-retryable, its AuthenticationFailed type). */
type Fault = 'transient' | 'refused' | 'credentials';
type ActivityName = 'importOrder' | 'acknowledgeOrder' | 'upsertShipStationOrder' | 'getShipmentState' | 'writeBack' | 'cancelShipStationOrder';

export class World {
  uc: UltraCartOrder;
  ss: { orderId: number; status: ShipStationStatus; body: CreateOrderRequest; shipments: Shipment[] } | undefined;
  /** Set before the order is imported: it is in ShipStation already (e.g. an earlier importer), in this status. */
  existing(status: ShipStationStatus): void {
    this.ss = { orderId: 100_001, status, body: { orderNumber: this.orderId } as CreateOrderRequest, shipments: [] };
  }
  calls: Record<ActivityName, number> = { importOrder: 0, acknowledgeOrder: 0, upsertShipStationOrder: 0, getShipmentState: 0, writeBack: 0, cancelShipStationOrder: 0 };
  /** createorder calls that reached ShipStation, and the bodies sent. */
  created: CreateOrderRequest[] = [];
  /** UltraCart write-backs per shipment_id (received_count). */
  received = new Map<string, number>();
  /** UltraCart hands the order out until it is acknowledged (a merchant's requeue queues it again). */
  queued = true;
  /** When UltraCart had the acknowledgement, as the activity says it (unset: the activity's clock). */
  acknowledgedAtMs: number | undefined;
  /** UltraCart getOrder calls: an import of the data a sighting carried makes none. */
  fetches = 0;
  /** The batching hints each batched step was given, in call order. */
  cohorts: { upsert: unknown[]; acknowledge: unknown[]; writeBack: unknown[] } = { upsert: [], acknowledge: [], writeBack: [] };
  /** Runs inside every write-back, before it answers (e.g. a notification that crosses it). */
  duringWriteBack: (() => Promise<void>) | undefined;
  private faults = new Map<ActivityName, { kind: Fault; times: number }>();

  constructor(
    readonly orderId: string,
    kind: Parameters<typeof demoOrderOfKind>[0] = 'basic',
  ) {
    this.uc = World.order(orderId, kind);
  }

  static order(orderId: string, kind: Parameters<typeof demoOrderOfKind>[0]): UltraCartOrder {
    return parseOrder({ ...demoOrderOfKind(kind, { merchantId: MERCHANT }), order_id: orderId });
  }

  /** The next `times` calls of `name` fail (Infinity: until cleared). */
  fail(name: ActivityName, kind: Fault, times = Infinity): void {
    this.faults.set(name, { kind, times });
  }

  heal(name: ActivityName): void {
    this.faults.delete(name);
  }

  private enter(name: ActivityName): void {
    this.calls[name] += 1;
    const fault = this.faults.get(name);
    if (!fault || fault.times <= 0) return;
    fault.times -= 1;
    if (fault.kind === 'credentials') {
      const shipstation = ['upsertShipStationOrder', 'getShipmentState', 'cancelShipStationOrder'].includes(name);
      throw ApplicationFailure.create({
        type: shipstation ? 'ShipStationAuthenticationFailed' : 'UltraCartAuthenticationFailed',
        message: shipstation ? 'ShipStation rejected the API key and secret (HTTP 401): check SHIPSTATION_API_KEY and SHIPSTATION_API_SECRET' : 'UltraCart rejected the credentials (check ULTRACART_API_KEY)',
        nonRetryable: true,
      });
    }
    throw ApplicationFailure.create({ type: `Stub${fault.kind}`, message: `${name} ${fault.kind === 'refused' ? 'refused' : 'unavailable'} (stub)`, nonRetryable: fault.kind === 'refused' });
  }

  label(trackingNumber: string, extra: Partial<Shipment> = {}): Shipment {
    const ss = this.ss as NonNullable<World['ss']>;
    const shipment = aShipment({
      shipmentId: 200_000 + ss.shipments.length + 1,
      orderId: ss.orderId,
      orderKey: orderKeyOf(MERCHANT, this.orderId),
      orderNumber: this.orderId,
      shipmentCost: 8.5,
      insuranceCost: 0,
      trackingNumber,
      notesToBuyer: null,
      shipmentItems: (ss.body.items ?? []).filter((i) => !i.adjustment).map((i) => ({ lineItemKey: i.lineItemKey, quantity: i.quantity, name: i.name })),
      ...extra,
    });
    ss.shipments.push(shipment);
    ss.status = 'shipped';
    return shipment;
  }

  activities() {
    const ultracartClient = {
      getOrder: async () => {
        this.fetches += 1;
        return this.uc;
      },
      acknowledge: async () => undefined,
      ship: async (orders: Array<{ changed: Array<{ shipment_id: string }> }>) => {
        for (const s of orders.flatMap((x) => x.changed)) this.received.set(s.shipment_id, (this.received.get(s.shipment_id) ?? 0) + 1);
        return {};
      },
    } as unknown as UltraCartTransport;
    const real = createUltraCartActivities({ ultracart: ultracartClient, batching: { lingerMs: 0, maxWaitMs: 0 } });
    const mapping = createMappingActivities({ merchantId: MERCHANT, shipstation: { storeId: 1, statusMap: {} } });
    const importOrder = async (orderId: string, raw?: unknown, refetch?: boolean) => {
      this.enter('importOrder');
      return real.importOrder(orderId, raw, refetch);
    };
    return asWorkerActivities({
      ...mapping,
      importOrder,
      ...createOrderImportActivities({ importOrder, prepareShipStationOrder: mapping.prepareShipStationOrder }),
      acknowledgeOrder: async (_orderId: string, cohort?: unknown) => {
        this.enter('acknowledgeOrder');
        this.cohorts.acknowledge.push(cohort);
        this.queued = false;
        return { acknowledgedAtMs: this.acknowledgedAtMs ?? Date.now() };
      },
      writeBack: async (input: Parameters<typeof real.writeBack>[0]) => {
        this.enter('writeBack');
        this.cohorts.writeBack.push(input.cohort);
        await this.duringWriteBack?.();
        return real.writeBack(input);
      },
      upsertShipStationOrder: async (body: CreateOrderRequest, _shipStationOrderId?: number, cohort?: unknown) => {
        this.enter('upsertShipStationOrder');
        this.cohorts.upsert.push(cohort);
        // Known by id (a requeue) or found by its key after createorder refused (a run that did not know it).
        if (this.ss && ['shipped', 'cancelled'].includes(this.ss.status)) {
          return { orderId: this.ss.orderId, status: this.ss.status, locked: true };
        }
        this.created.push(body);
        this.ss = { orderId: this.ss?.orderId ?? 100_001, status: this.ss?.status ?? body.orderStatus, body, shipments: this.ss?.shipments ?? [] };
        return { orderId: this.ss.orderId, status: this.ss.status, locked: false };
      },
      getShipmentState: async () => {
        this.enter('getShipmentState');
        const ss = this.ss as NonNullable<World['ss']>;
        return { orderStatus: ss.status, shipments: ss.shipments };
      },
      cancelShipStationOrder: async () => {
        this.enter('cancelShipStationOrder');
        const ss = this.ss as NonNullable<World['ss']>;
        if (ss.status !== 'shipped') ss.status = 'cancelled';
        return { status: ss.status, cancelled: ss.status === 'cancelled' };
      },
    });
  }
}

export const settings = (taskQueue: string): OrderStartSettings => ({
  ultracart: { merchantId: MERCHANT },
  temporal: { taskQueue },
  shipmentPollIntervalMs: POLL_MS,
  shipmentWatchPeriodMs: WATCH_MS,
});

export async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTES.map((k) => [k.name, proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD])),
  });
}

/** One time-skipping server for a test file, search attributes registered; `orderId` names each test's order. */
export function timeSkippingSuite() {
  let env: TestWorkflowEnvironment | undefined;
  let n = 0;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    await registerSearchAttributes(env);
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
  });
  return {
    env: (): TestWorkflowEnvironment => env as TestWorkflowEnvironment,
    orderId: (name: string) => `${name}-${++n}`,
  };
}

let queues = 0;

/** Workers on both task queues over one world; `run` gets the order's handle helpers. */
export async function withOrder<T>(env: TestWorkflowEnvironment, world: World, run: (o: OrderUnderTest) => Promise<T>): Promise<T> {
  const taskQueue = `wft-${process.pid}-${++queues}`;
  const workflowBundle = await bundleOnce(path.resolve(__dirname, '../../src/workflows/index.ts'));
  const activities = world.activities();
  const dataConverter = testDataConverter();
  const main = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities, dataConverter });
  const ss = await Worker.create({ connection: env.nativeConnection, taskQueue: shipStationTaskQueue(taskQueue), activities, dataConverter });
  const o = orderUnderTest(env, world, taskQueue);
  try {
    return await main.runUntil(ss.runUntil(run(o)));
  } finally {
    // A workflow left waiting would schedule work no worker takes when a later test skips time: the server
    // then waits for it and time stands still.
    await o.handle.terminate('test over').catch(() => undefined);
  }
}

export type OrderUnderTest = ReturnType<typeof orderUnderTest>;

function orderUnderTest(env: TestWorkflowEnvironment, world: World, taskQueue: string) {
  const handle = env.client.workflow.getHandle(orderWorkflowId(MERCHANT, world.orderId));
  const o = {
    handle,
    taskQueue,
    /** What the ingest does when it reads the order in UltraCart's queue now: the order's data travels with it. */
    sight: async (cohort?: Cohort) =>
      sightOrder(env.client, settings(taskQueue), world.orderId, { source: 'ingest', seenAt: Number(await env.currentTimeMs()), order: world.uc, ...(cohort ? { cohort } : {}) }),
    /** One ingest run: the order is sighted only while UltraCart still hands it out. */
    ingest: async () => (world.queued ? o.sight() : 'not queued'),
    /** A sighting as the older ingest sent it (a `requeue` signal with seenAt): both workflows understand it. */
    signalSighting: async () => handle.signal('requeue', { source: 'ingest', seenAt: Number(await env.currentTimeMs()) }),
    status: (): Promise<OrderStatus> => handle.query(statusQuery),
    notify: (shipments: Shipment[], cohort?: Cohort) => handle.signal('shipmentNotified', { shipments, ...(cohort ? { cohort } : {}) }),
    cancel: (reason: string) => handle.signal('cancel', { reason }),
    /** What the alerts workflow sends when a refused key works again. */
    retryNow: () => handle.signal('retryNow', { source: 'credentials accepted again' }),
    /** Polls the status query (time stands still meanwhile) until `check` holds. */
    async until(check: (s: OrderStatus) => boolean, what: string): Promise<OrderStatus> {
      let last: OrderStatus | undefined;
      for (let i = 0; i < 200; i++) {
        try {
          last = await o.status();
          if (check(last)) return last;
        } catch {
          // not started yet
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`order ${world.orderId} never reached: ${what}; last status ${JSON.stringify(last)}`);
    },
    async untilWorld(check: () => boolean, what: string): Promise<void> {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
      if (!check()) throw new Error(`order ${world.orderId}: never ${what}`);
    },
    /** Until the latest run waits on a timer with nothing in flight (read from its history, not by a query). */
    async untilWaiting(): Promise<void> {
      for (let i = 0; i < 200; i++) {
        const events = await o.events();
        const count = (type: string) => events.filter((e) => e.type === type).length;
        const timers = count('TIMER_STARTED') - count('TIMER_CANCELED') - count('TIMER_FIRED');
        if (timers > 0 && events.at(-1)?.type === 'TIMER_STARTED') return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`order ${world.orderId} never settled on a timer`);
    },
    stage: (stage: OrderStage) => o.until((s) => s.stage === stage, stage),
    /** The history of the current run: each event's type, and the signal, activity or OrderStage it names. */
    async events(): Promise<Array<{ type: string; name?: string }>> {
      const history = await handle.fetchHistory();
      return (history.events ?? []).map((e) => {
        const stage = e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.OrderStage?.data;
        return {
          type: proto.api.enums.v1.EventType[e.eventType as number].replace('EVENT_TYPE_', ''),
          name: e.workflowExecutionSignaledEventAttributes?.signalName ?? e.activityTaskScheduledEventAttributes?.activityType?.name ?? (stage ? JSON.parse(Buffer.from(stage).toString()) : undefined),
        };
      });
    },
    /** The OrderStage values the run has shown, in order. */
    stagesShown: async () => (await o.events()).filter((e) => e.type === 'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES').map((e) => e.name),
  };
  return o;
}
