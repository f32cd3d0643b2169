import { orderKeyOf } from '../../src/contract';
import { mapOrder } from '../../src/mapping';
import { parseOrder } from '../../src/ultracart/order-schema';
import { demoOrderOfKind } from '../../sandbox/demo-orders';
import { reconcileInput } from '../../src/temporal/ops-workflows';
import type { ReconcileReport, reconcileWorkflow } from '../../src/workflows/reconcile';
import { startHarness, type Harness } from '../support/harness';
import { connectDevServer, type DevServerHandles } from '../support/temporal';

/**
 * Reconciliation through the simulators: ShipStation changed behind ucship's back (an order created there
 * directly, a label whose webhook and poll were both lost, a second copy of an order) and one run finds it.
 */

let temporal: DevServerHandles;
let h: Harness;
let n = 0;
let runs = 0;

beforeAll(async () => {
  temporal = await connectDevServer();
  // No webhook and an hour between polls: a label bought in ShipStation reaches ucship only through reconciliation.
  h = await startHarness({ ...temporal, webhooks: false, env: { SHIPMENT_POLL_INTERVAL: '1h', SHIPMENT_WATCH_PERIOD: '1s' } });
}, 60_000);

afterAll(async () => {
  await h?.close();
  await temporal?.close();
});

const order = () => {
  n += 1;
  return { ...demoOrderOfKind('basic', { merchantId: h.merchantId, n }), order_id: `REC-${n}-${Date.now() % 100000}` } as Record<string, unknown> & { order_id: string };
};

/** The ShipStation order ucship would have created, created there directly. */
const createInShipStation = (o: Record<string, unknown>, orderKey?: string) => {
  const body = mapOrder(parseOrder(o), { merchantId: h.merchantId, storeId: 1, statusMap: {} });
  return h.shipstation.createOrder(orderKey === undefined ? body : { ...body, orderKey });
};

const reconcile = (): Promise<ReconcileReport> =>
  h.client.workflow.execute<typeof reconcileWorkflow>('reconcileWorkflow', {
    taskQueue: h.config.temporal.taskQueue,
    workflowId: `reconcile-${h.merchantId}-${++runs}`,
    args: [reconcileInput(h.config, { lookbackMs: 3_600_000 })],
  });

const findingsFor = (report: ReconcileReport, orderId: string) => report.findings.filter((f) => f.orderId === orderId);

it('an orphan created directly in ShipStation with ucship’s orderKey is reported (UltraCart has no such order)', async () => {
  const o = order();
  const created = await createInShipStation(o);
  const report = await reconcile();
  expect(findingsFor(report, o.order_id)).toEqual([
    expect.objectContaining({ kind: 'orphan', shipStationOrderIds: [created.orderId], outcome: 'reported', action: expect.stringMatching(/UltraCart has no such order/) }),
  ]);
  expect(report.reported).toBeGreaterThanOrEqual(1);
});

it('an orphan UltraCart knows gets its workflow, which adopts the same ShipStation order', async () => {
  const o = order();
  await h.ucAdmin.postOrders(o);
  const created = await createInShipStation(o);
  const report = await reconcile();
  expect(findingsFor(report, o.order_id)).toEqual([expect.objectContaining({ kind: 'orphan', outcome: 'healed' })]);
  const status = await h.waitForStage(o.order_id, 'awaiting_shipment');
  expect(status.shipStationOrderId).toBe(created.orderId);
  expect((await h.ucAdmin.order(o.order_id)).imported).toBe(true);
});

it('an order shipped in ShipStation while its webhook and poll were lost is written back by reconciliation', async () => {
  const o = order();
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  const s = await h.waitForStage(o.order_id, 'awaiting_shipment');
  await h.buyLabel({ orderId: s.shipStationOrderId, trackingNumber: 'LOST-WEBHOOK-1' });
  const report = await reconcile();
  expect(findingsFor(report, o.order_id)).toEqual([expect.objectContaining({ kind: 'shipped_not_written_back', outcome: 'healed', stage: 'awaiting_shipment' })]);
  await h.waitForStage(o.order_id, 'written_back');
  expect((await h.ucAdmin.order(o.order_id)).shipments).toEqual([expect.objectContaining({ tracking_numbers: ['LOST-WEBHOOK-1'] })]);
});

it('a second ShipStation order for one UltraCart order is reported as a duplicate, and left alone', async () => {
  const o = order();
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  const s = await h.waitForStage(o.order_id, 'awaiting_shipment');
  const copy = await createInShipStation(o, `native-ultracart-${o.order_id}`);
  const report = await reconcile();
  expect(findingsFor(report, o.order_id)).toEqual([
    expect.objectContaining({ kind: 'duplicate', outcome: 'reported', shipStationOrderIds: expect.arrayContaining([s.shipStationOrderId, copy.orderId]) }),
  ]);
  const all = (await h.ssAdmin.orders()) as { orders: Array<{ orderKey: string; orderStatus: string }> };
  expect(all.orders.filter((x) => x.orderKey === orderKeyOf(h.merchantId, o.order_id) || x.orderKey === `native-ultracart-${o.order_id}`).map((x) => x.orderStatus)).toEqual(['awaiting_shipment', 'awaiting_shipment']);
});
