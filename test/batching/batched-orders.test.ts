import { demoOrderOfKind } from '../../sandbox/demo-orders';
import { orderKeyOf } from '../../src/contract';
import { recordWorkflowHistory } from '../support/histories';
import { startHarness, type Harness } from '../support/harness';
import { connectDevServer, type DevServerHandles } from '../support/temporal';
import { order as shipStationOrder, rest } from '../shipstation/helpers';

/**
 * Orders through their own workflows while their ShipStation upserts share `createorders` calls, on the real dev
 * server with both simulators: the ingest drains a full UltraCart batch at once, one refused order parks alone,
 * a whole-batch 500 is retried as a whole.
 */

let temporal: DevServerHandles;
let h: Harness;
let run = 0;

beforeAll(async () => {
  temporal = await connectDevServer();
  h = await startHarness({ ...temporal, env: { SHIPMENT_POLL_INTERVAL: '1h', INGEST_INTERVAL: '1h' } });
}, 60_000);

afterAll(async () => {
  await h?.close();
  await temporal?.close();
});

beforeEach(() => {
  run += 1;
});

const orders = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ ...demoOrderOfKind('basic', { merchantId: h.merchantId, n: i }), order_id: `BT${run}-${i + 1}` }) as Record<string, unknown> & { order_id: string });

async function ssCounts() {
  const stats = await h.ssAdmin.stats();
  const all = await h.ssAdmin.orders();
  const perKey = new Map<string, number>();
  for (const o of all.orders) perKey.set(o.orderKey, (perKey.get(o.orderKey) ?? 0) + 1);
  return { createorders: stats.requests['POST /orders/createorders'] ?? 0, perKey };
}

async function waitAll(ids: string[], stage: 'awaiting_shipment' | 'needs_attention') {
  for (const id of ids) await h.waitForStage(id, stage, 60_000);
}

it('150 queued orders: one ingest run takes both UltraCart batches, each order once in ShipStation, a few createorders calls', async () => {
  const batch = orders(150);
  const before = await ssCounts();
  await h.ucAdmin.postOrders(batch);
  const report = (await h.ingest()) as { batches: number; started: number };
  expect(report).toMatchObject({ batches: 2, started: 150 });
  // UCSHIP_RECORD_HISTORIES=1: the ingest's history, for the replay test (runs under way when the code changes).
  if (process.env.UCSHIP_RECORD_HISTORIES === '1') await recordWorkflowHistory(h.client, h.lastIngestId(), 'ingest-two-batches.bin');
  await waitAll(batch.map((o) => o.order_id), 'awaiting_shipment');
  const after = await ssCounts();
  expect(batch.every((o) => after.perKey.get(orderKeyOf(h.merchantId, o.order_id)) === 1)).toBe(true);
  // How many calls depends on how the orders trickle in on this machine (the bench measures it): fewer than orders.
  const calls = after.createorders - before.createorders;
  expect(calls).toBeGreaterThanOrEqual(2);
  expect(calls).toBeLessThan(batch.length);
}, 120_000);

it('one order ShipStation refuses inside the batch parks alone, with ShipStation\'s message; the others go on', async () => {
  const batch = orders(4);
  const refused = batch[1];
  // ShipStation already holds this order key as a shipped order under another number: it refuses the update.
  await rest(h.ss.url, 'POST', '/orders/createorder', shipStationOrder('ELSEWHERE-1', { orderKey: orderKeyOf(h.merchantId, refused.order_id), orderStatus: 'shipped' }), 'sandbox-key:sandbox-secret');
  await h.ucAdmin.postOrders(batch);
  await h.ingest();
  const parked = await h.waitForStage(refused.order_id, 'needs_attention', 60_000);
  expect(parked.reason).toContain(`ShipStation refused order ${refused.order_id}`);
  expect(parked.reason).toContain('ELSEWHERE-1 is shipped and can no longer be updated');
  await waitAll(batch.filter((o) => o !== refused).map((o) => o.order_id), 'awaiting_shipment');
  // Parked orders are acknowledged, so they cannot block UltraCart's batch.
  expect((await h.ucAdmin.order(refused.order_id)).imported).toBe(true);
}, 120_000);

it('a whole-batch 500 is retried as a whole: every order completes, none twice in ShipStation', async () => {
  const batch = orders(6);
  await h.ucAdmin.postOrders(batch);
  await h.ssAdmin.addFault({ route: 'POST /orders/createorders', mode: 'http500', count: 1 });
  const before = await ssCounts();
  await h.ingest();
  await waitAll(batch.map((o) => o.order_id), 'awaiting_shipment');
  const after = await ssCounts();
  expect(batch.every((o) => after.perKey.get(orderKeyOf(h.merchantId, o.order_id)) === 1)).toBe(true);
  expect(after.createorders - before.createorders).toBeGreaterThanOrEqual(2);
  expect(await h.ssAdmin.stats()).toMatchObject({ faultsServed: { http500: 1 } });
}, 120_000);
