import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal as proto } from '@temporalio/proto';
import { demoOrderOfKind } from '../../src/sandbox/demo-orders';
import { SEARCH_ATTRIBUTES } from '../../src/temporal/search-attributes';
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

it('a label whose webhook was lost is found by the 6-hourly poll; the order then watches 3 days for voids and ends', async () => {
  const o = { ...demoOrderOfKind('basic', { merchantId: h.merchantId }), order_id: 'LATE-1' };
  await h.postOrders(o);
  await h.ingest();
  const s = await h.waitForStage('LATE-1', 'awaiting_shipment');
  await h.buyLabel({ orderId: s.shipStationOrderId, trackingNumber: 'LOST-WEBHOOK-1' });

  const startedWall = Date.now();
  const startedWorkflowTime = await env.currentTimeMs();
  const result = await h.handle('LATE-1').result(); // time skips through the poll and the watch period
  const workflowHours = (Number(await env.currentTimeMs()) - Number(startedWorkflowTime)) / 3_600_000;

  expect(result).toMatchObject({ outcome: 'written_back', trackingNumbers: ['LOST-WEBHOOK-1'] });
  expect((await h.ucOrder('LATE-1')).shipments).toEqual([expect.objectContaining({ tracking_numbers: ['LOST-WEBHOOK-1'] })]);
  expect(workflowHours).toBeGreaterThanOrEqual(6 + 72);
  expect(Date.now() - startedWall).toBeLessThan(60_000);
});
