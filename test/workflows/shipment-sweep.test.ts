import type { temporal as proto } from '@temporalio/proto';
import { demoOrderOfKind } from '../../sandbox/demo-orders';
import type { ShipmentSweepResult } from '../../src/activities/shipment-sweep';
import type { OrderStatus } from '../../src/contract';
import { waitFor } from '../../stack-kit';
import { startHarness, type Harness } from '../support/harness';
import { connectDevServer, type DevServerHandles } from '../support/temporal';

/**
 * The shipment sweep on the real dev server with both simulators: what the per-order poll used to find (a lost
 * webhook's label, "mark as shipped", a cancel in ShipStation), found for every order by a few list calls.
 */

let temporal: DevServerHandles;
let h: Harness;
let n = 0;
let sweeps = 0;

beforeAll(async () => {
  temporal = await connectDevServer();
  // A long poll interval and watch: whatever happens here, the sweep did it, and written-back orders keep listening.
  h = await startHarness({ ...temporal, env: { SHIPMENT_POLL_INTERVAL: '1h', SHIPMENT_WATCH_PERIOD: '10m' } });
}, 60_000);

afterAll(async () => {
  await h?.close();
  await temporal?.close();
});

const eventually = (what: string, check: () => Promise<boolean>) => waitFor(what, check, { timeoutMs: 30_000, everyMs: 150 });

/** An order imported and waiting for its label in ShipStation. */
async function awaiting(): Promise<{ orderId: string; shipStationOrderId: number }> {
  n += 1;
  const o = { ...demoOrderOfKind('basic', { merchantId: h.merchantId, n }), order_id: `SWEEP-${n}-${Date.now() % 100000}` };
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  const s = await h.waitForStage(o.order_id, 'awaiting_shipment');
  return { orderId: o.order_id, shipStationOrderId: s.shipStationOrderId as number };
}

/** One run of the sweep, as its Schedule starts it, and the simulator's request counts around it. */
async function sweep(): Promise<{ result: ShipmentSweepResult; requests: Record<string, number> }> {
  const before = (await h.ssAdmin.stats()).requests;
  const result: ShipmentSweepResult = await h.client.workflow.execute('shipmentSweepWorkflow', {
    taskQueue: h.config.temporal.taskQueue,
    workflowId: `shipment-sweep-${h.merchantId}-${++sweeps}`,
    args: [60_000],
  });
  const after = (await h.ssAdmin.stats()).requests;
  return { result, requests: Object.fromEntries(Object.entries(after).map(([route, count]) => [route, count - (before[route] ?? 0)])) };
}

/** Per-order ShipStation reads (the poll's getOrder) counted since `before`. */
const orderReads = async (before: Record<string, number>) => ((await h.ssAdmin.stats()).requests['GET /orders/{id}'] ?? 0) - (before['GET /orders/{id}'] ?? 0);

const ucTracking = async (orderId: string): Promise<string[]> => {
  const uc = await h.ucAdmin.order(orderId);
  return h.transport === 'rest' ? (uc.tracking_numbers as string[]) : (uc.shipments as Array<{ tracking_numbers: string[] }>).flatMap((s) => s.tracking_numbers);
};

it('a label whose SHIP_NOTIFY was lost is written back by the sweep, with no poll of the order, in a few list calls', async () => {
  const { orderId, shipStationOrderId } = await awaiting();
  await h.ssAdmin.addFault({ mode: 'drop_webhook', count: 1 });
  await h.buyLabel({ orderId: shipStationOrderId, trackingNumber: 'LOST-HOOK-1' });
  const before = (await h.ssAdmin.stats()).requests;
  const { result, requests } = await sweep();
  expect(result.ordersSignalled).toBeGreaterThanOrEqual(1);
  await h.waitForStage(orderId, 'written_back');
  expect(await ucTracking(orderId)).toEqual(['LOST-HOOK-1']);
  // The sweep's cost: one page per list (no fulfillments lately, so no list of shipped orders), nothing per order.
  const listed = (requests['GET /shipments'] ?? 0) + (requests['GET /fulfillments'] ?? 0) + (requests['GET /orders'] ?? 0);
  expect(result.shipStationCalls).toBe(listed);
  expect(result.shipStationCalls).toBeLessThanOrEqual(4);
  expect(await orderReads(before)).toBe(0);
});

it('an order marked as shipped in ShipStation (no label, no webhook) is written back by the sweep, fully shipped without a poll', async () => {
  const { orderId, shipStationOrderId } = await awaiting();
  const auth = `Basic ${Buffer.from(`${h.config.shipstation.apiKey}:${h.config.shipstation.apiSecret}`).toString('base64')}`;
  const marked = await fetch(`${h.ss.url}/orders/markasshipped`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({ orderId: shipStationOrderId, carrierCode: 'usps', trackingNumber: '9400SWEPT1', notifyCustomer: false, notifySalesChannel: false }),
  });
  expect(marked.status).toBe(200);
  const before = (await h.ssAdmin.stats()).requests;
  const { result } = await sweep();
  expect(result.fulfillments).toBeGreaterThanOrEqual(1);
  await h.waitForStage(orderId, 'written_back');
  expect(await ucTracking(orderId)).toEqual(['9400SWEPT1']);
  expect(await orderReads(before)).toBe(0);
});

it('an order cancelled in ShipStation is found by the sweep and its workflow ends cancelled', async () => {
  const { orderId, shipStationOrderId } = await awaiting();
  await h.ssAdmin.cancelOrder(shipStationOrderId);
  const { result } = await sweep();
  expect(result.cancelled).toBeGreaterThanOrEqual(1);
  expect(await h.handle(orderId).result()).toMatchObject({ outcome: 'cancelled', detail: 'cancelled in ShipStation' });
});

type HistoryEvent = proto.api.history.v1.IHistoryEvent;
/** The events from the latest signal on. */
const sinceLastSignal = (events: HistoryEvent[]) => events.slice(events.map((e) => Boolean(e.workflowExecutionSignaledEventAttributes)).lastIndexOf(true));

it('an order told again of a label it already wrote back takes it as no news: no poll, no ShipStation call', async () => {
  const { orderId, shipStationOrderId } = await awaiting();
  await h.buyLabel({ orderId: shipStationOrderId, trackingNumber: 'TOLD-TWICE-1' });
  await h.waitForStage(orderId, 'written_back');
  await eventually('the write-back recorded', async () => Object.keys((await h.handle(orderId).query<OrderStatus>('status')).writtenBack).length === 1);
  const before = (await h.ssAdmin.stats()).requests;
  const signalsBefore = (await h.handle(orderId).fetchHistory()).events?.filter((e) => e.workflowExecutionSignaledEventAttributes).length ?? 0;
  const { result } = await sweep();
  expect(result.ordersSignalled).toBeGreaterThanOrEqual(1);
  // The sweep's signal reached the order and a workflow task ran on it: anything it decided is in the history.
  let events: HistoryEvent[] = [];
  await eventually('the sweep signal handled by the order', async () => {
    events = (await h.handle(orderId).fetchHistory()).events ?? [];
    const signals = events.filter((e) => e.workflowExecutionSignaledEventAttributes).length;
    return signals > signalsBefore && sinceLastSignal(events).some((e) => e.workflowTaskCompletedEventAttributes);
  });
  expect(sinceLastSignal(events).filter((e) => e.activityTaskScheduledEventAttributes).map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)).toEqual([]);
  expect(await orderReads(before)).toBe(0);
  expect((await h.status(orderId)).stage).toBe('written_back');
});
