import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
// UltraCart's keys come from files, so a test can make UltraCart refuse them for a while.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-reconcile-'));
const keyFiles = { access: path.join(dir, 'ultracart-access-key'), api: path.join(dir, 'ultracart-api-key') };
let goodKeys = { access: '', api: '' };
const writeKeys = (keys: { access: string; api: string }) => {
  fs.writeFileSync(keyFiles.access, `${keys.access}\n`);
  fs.writeFileSync(keyFiles.api, `${keys.api}\n`);
};

beforeAll(async () => {
  temporal = await connectDevServer();
  // No webhook and an hour between polls: a label bought in ShipStation reaches ucship only through reconciliation.
  h = await startHarness({
    ...temporal,
    webhooks: false,
    env: { SHIPMENT_POLL_INTERVAL: '1h', SHIPMENT_WATCH_PERIOD: '1s' },
    configure: (config) => {
      goodKeys = { access: config.ultracart.accessKey, api: config.ultracart.apiKey };
      writeKeys(goodKeys);
      config.ultracart.accessKeyFile = keyFiles.access;
      config.ultracart.apiKeyFile = keyFiles.api;
    },
  });
}, 60_000);

afterAll(async () => {
  await h?.close();
  await temporal?.close();
  fs.rmSync(dir, { recursive: true, force: true });
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

it('an order parked for a person while ShipStation holds it (mark-Imported refused), then shipped there unseen, is written back by reconciliation', async () => {
  const o = order();
  await h.ucAdmin.postOrders(o);
  // UltraCart refuses the first mark-Imported (HTTP 410: not retried); the pass's second one goes through.
  await h.ucAdmin.addFault({ operation: h.transport === 'rest' ? 'acknowledgements' : 'acknowledgeOrders', mode: '410', count: 1 });
  await h.ingest();
  const parked = await h.waitForStage(o.order_id, 'needs_attention');
  expect(parked.reason).toMatch(/mark-Imported/);
  await h.buyLabel({ orderId: parked.shipStationOrderId, trackingNumber: 'PARKED-LOST-1' });
  const report = await reconcile();
  expect(findingsFor(report, o.order_id)).toEqual([expect.objectContaining({ kind: 'shipped_not_written_back', outcome: 'healed', stage: 'needs_attention' })]);
  await h.waitForStage(o.order_id, 'written_back');
  expect((await h.ucAdmin.order(o.order_id)).shipments).toEqual([expect.objectContaining({ tracking_numbers: ['PARKED-LOST-1'] })]);
});

it('an order retrying its write-back (UltraCart refused the key), shipped in ShipStation, is written back by reconciliation once the key works', async () => {
  const o = order();
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  const s = await h.waitForStage(o.order_id, 'awaiting_shipment');
  await h.buyLabel({ orderId: s.shipStationOrderId, trackingNumber: 'RETRY-LOST-1' });
  try {
    writeKeys({ access: `${goodKeys.access}-expired`, api: `${goodKeys.api}-expired` });
    // The first run tells the waiting workflow, which finds the label; UltraCart refuses the write-back.
    expect(findingsFor(await reconcile(), o.order_id)).toEqual([expect.objectContaining({ kind: 'shipped_not_written_back', outcome: 'healed' })]);
    const waiting = await h.waitForStage(o.order_id, 'retrying');
    expect(waiting.reason).toMatch(/write back to UltraCart failed/);
  } finally {
    writeKeys(goodKeys);
  }
  // Its own retry is 5 minutes away: the next run tells it to look again, and it writes back now.
  const report = await reconcile();
  expect(findingsFor(report, o.order_id)).toEqual([expect.objectContaining({ kind: 'shipped_not_written_back', outcome: 'healed', stage: 'retrying' })]);
  await h.waitForStage(o.order_id, 'written_back');
  expect((await h.ucAdmin.order(o.order_id)).shipments).toEqual([expect.objectContaining({ tracking_numbers: ['RETRY-LOST-1'] })]);
});
