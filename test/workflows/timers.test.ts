import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal as proto } from '@temporalio/proto';
import { demoOrderOfKind } from '../../sandbox/demo-orders';
import { SEARCH_ATTRIBUTES, orderKeyOf } from '../../src/contract';
import { startHarness, type Harness } from '../support/harness';
import { createTimeSkippingEnv } from '../support/temporal';

/** Durable waits on the time-skipping server: days of workflow time in seconds of wall time. */

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTES.map((k) => [k.name, proto.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD])),
  });
  // No webhook subscription: every shipment here has to be found by the fallback poll.
  h = await startHarness({
    client: env.client,
    nativeConnection: env.nativeConnection,
    webhooks: false,
    env: { SHIPMENT_POLL_INTERVAL: '6h', SHIPMENT_WATCH_PERIOD: '3d' },
  });
}, 120_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

/** Waits on the simulator, not on a Temporal query: queries on the time-skipping server hold its clock. */
async function shipStationOrderId(orderKey: string): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const { orders } = (await h.ssAdmin.orders()) as { orders: Array<{ orderId: number; orderKey: string }> };
    const found = orders.find((o) => o.orderKey === orderKey);
    if (found) return found.orderId;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${orderKey} never reached ShipStation`);
}

it('a label bought 3 days later, whose webhook was lost, is found by the 6-hourly poll; then 3 days of watching', async () => {
  const o = { ...demoOrderOfKind('basic', { merchantId: h.merchantId }), order_id: 'LATE-1' };
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  const ssOrderId = await shipStationOrderId(orderKeyOf(h.merchantId, 'LATE-1'));

  const startedWall = Date.now();
  const t0 = Number(await env.currentTimeMs());
  await env.sleep('3 days');
  const pollsIn3Days = (await h.ssAdmin.stats()).requests;
  await h.buyLabel({ orderId: ssOrderId, trackingNumber: 'LOST-WEBHOOK-1' });
  const result = await h.handle('LATE-1').result(); // skips to the next poll, then through the watch period
  const workflowHours = (Number(await env.currentTimeMs()) - t0) / 3_600_000;

  expect(result).toMatchObject({ outcome: 'written_back', trackingNumbers: ['LOST-WEBHOOK-1'] });
  expect((await h.ucAdmin.order('LATE-1')).shipments).toEqual([expect.objectContaining({ tracking_numbers: ['LOST-WEBHOOK-1'] })]);
  expect(workflowHours).toBeGreaterThanOrEqual(3 * 24 + 3 * 24);
  expect(Date.now() - startedWall).toBeLessThan(60_000);
  // One poll per 6 h, not a busy loop: 12 polls in 3 days, each a GET of the order and of its shipments.
  const shipmentPolls = Object.entries(pollsIn3Days as Record<string, number>).find(([route]) => route.includes('shipments'))?.[1];
  expect(shipmentPolls).toBeGreaterThanOrEqual(11);
  expect(shipmentPolls).toBeLessThanOrEqual(13);
});
