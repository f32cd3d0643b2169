import { demoOrderOfKind } from '../../sandbox/demo-orders';
import { startHarness, type Harness } from '../support/harness';
import { connectDevServer, type DevServerHandles } from '../support/temporal';

/** `ucship orders` and `ucship reconcile` as an on-call engineer runs them. */

let temporal: DevServerHandles;
let h: Harness;
const parked = `ATTN-${Date.now() % 100000}`;
const flowing = `FLOW-${Date.now() % 100000}`;

beforeAll(async () => {
  temporal = await connectDevServer();
  h = await startHarness({ ...temporal, env: { SHIPMENT_POLL_INTERVAL: '1h' } });
  // The demo's parked order: no ship-to address.
  await h.ucAdmin.postOrders([
    { ...demoOrderOfKind('unshippable', { merchantId: h.merchantId }), order_id: parked },
    { ...demoOrderOfKind('basic', { merchantId: h.merchantId, n: 2 }), order_id: flowing },
  ]);
  await h.ingest();
  await h.waitForStage(parked, 'needs_attention');
  await h.waitForStage(flowing, 'awaiting_shipment');
}, 90_000);

afterAll(async () => {
  await h?.close();
  await temporal?.close();
});

it('`ucship orders --stage needs_attention` lists the parked order with its reason and the requeue line', async () => {
  const { stdout } = await h.cli('orders', '--stage', 'needs_attention');
  const lines = stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^ORDER\s+STAGE\s+AGE\s+REASON\s+NEXT$/);
  expect(lines).toHaveLength(2);
  const requeue = h.transport === 'soap' ? `ucship requeue ${parked}` : `"requeue for pickup" on order ${parked} in UltraCart \\(the next ingest imports it\\)`;
  expect(lines[1]).toMatch(new RegExp(`^${parked}\\s+needs_attention\\s+\\d+ s\\s+.*shipping\\.address1.*fix it in UltraCart, then: ${requeue}$`));
});

it('`ucship orders --json` lists the open orders with stage, age, reason and next action', async () => {
  const rows = JSON.parse((await h.cli('orders', '--since', '1d', '--json')).stdout) as Array<Record<string, unknown>>;
  expect(rows.map((r) => r.orderId).sort()).toEqual([flowing, parked].sort());
  expect(rows.find((r) => r.orderId === flowing)).toEqual(expect.objectContaining({ stage: 'awaiting_shipment', next: 'buy the label in ShipStation', ageMs: expect.any(Number) }));
  expect(rows.find((r) => r.orderId === parked)).toEqual(expect.objectContaining({ reason: expect.stringMatching(/no ship-to address/) }));
});

it('`ucship reconcile` prints a table; --json the report', async () => {
  const orphan = await h.shipstation.createOrder({
    orderNumber: `ORPH-${Date.now() % 100000}`,
    orderKey: `ultracart:${h.merchantId}:ORPH-CLI`,
    orderDate: '2026-12-01 08:00:00',
    orderStatus: 'awaiting_shipment',
    billTo: { name: 'Test' },
    shipTo: { name: 'Test', street1: '1 Main St', city: 'Austin', state: 'TX', postalCode: '78701', country: 'US' },
  });
  const table = (await h.cli('reconcile', '--since', '1h')).stdout;
  expect(table).toMatch(/examined, \d+ from ucship/);
  expect(table).toMatch(new RegExp(`orphan\\s+ORPH-CLI\\s+${orphan.orderId}\\s+reported`));
  const report = JSON.parse((await h.cli('reconcile', '--since', '1h', '--json')).stdout) as { findings: Array<{ kind: string; orderId: string }> };
  expect(report.findings).toEqual([expect.objectContaining({ kind: 'orphan', orderId: 'ORPH-CLI' })]);
});
