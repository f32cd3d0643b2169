import { demoOrderOfKind } from '../../sandbox/demo-orders';
import { waitFor } from '../../stack-kit';
import type { AlertReceiver } from '../support/alert-receiver';
import { startAlertingHarness, type AlertingHarness } from '../support/alerting-harness';
import type { Harness } from '../support/harness';

/** The alerts workflow against a local webhook receiver, through the simulators. */

let stack: AlertingHarness;
let h: Harness;
let receiver: AlertReceiver;

beforeAll(async () => {
  stack = await startAlertingHarness({ env: { STAGE_THRESHOLDS: '{"awaiting_shipment":"3s"}' } });
  ({ h, receiver } = stack);
}, 60_000);

afterAll(() => stack?.close());

it('a parked order gives one alert naming the order and the reason, with no customer email or address', async () => {
  const o = { ...demoOrderOfKind('unshippable', { merchantId: h.merchantId, n: 4 }), order_id: `PARK-${Date.now() % 100000}` } as Record<string, unknown> & { order_id: string; billing: Record<string, string> };
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  await h.waitForStage(o.order_id, 'needs_attention');
  const mentions = () => receiver.of('order_parked').filter((a) => a.raw.includes(o.order_id));
  await waitFor('the parked alert', () => mentions().length > 0, { timeoutMs: 30_000 });
  await new Promise((r) => setTimeout(r, 3_500)); // three more sweeps: still one
  expect(mentions()).toHaveLength(1);
  const [alert] = mentions();
  // The step that is true for the transport: REST has no requeue call, so the merchant requeues in UltraCart.
  const requeue = h.transport === 'soap' ? `ucship requeue ${o.order_id}` : `"requeue for pickup" on order ${o.order_id} in UltraCart (the next ingest imports it)`;
  expect(alert.items).toEqual([{ subject: `order ${o.order_id}`, text: expect.stringMatching(/shipping\.address1.*no ship-to address/), action: requeue }]);
  expect(alert.text).toContain(requeue);
  for (const customerData of [o.billing.email, o.billing.address1, o.billing.last_name, o.billing.city]) expect(alert.raw).not.toContain(customerData);
});

it('a stage whose oldest order passed its threshold is alerted once, naming the oldest order', async () => {
  const o = { ...demoOrderOfKind('basic', { merchantId: h.merchantId, n: 5 }), order_id: `OLD-${Date.now() % 100000}` } as Record<string, unknown> & { order_id: string };
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  await h.waitForStage(o.order_id, 'awaiting_shipment');
  const overdue = () => receiver.of('stage_overdue');
  await waitFor('the overdue alert', () => overdue().length > 0, { timeoutMs: 30_000 });
  await new Promise((r) => setTimeout(r, 3_500));
  expect(overdue()).toHaveLength(1);
  expect(overdue()[0].items).toEqual([expect.objectContaining({ subject: 'stage awaiting_shipment', text: expect.stringContaining(`oldest order ${o.order_id}`) })]);
  // The gauges the sweep keeps: this order is counted in its stage.
  const metrics = await h.metrics.registry.getSingleMetricAsString('ucship_orders');
  expect(metrics).toMatch(/ucship_orders\{stage="awaiting_shipment"\} [1-9]/);
});
