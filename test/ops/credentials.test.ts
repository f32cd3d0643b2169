import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoOrderOfKind } from '../../sandbox/demo-orders';
import { waitFor } from '../../stack-kit';
import type { AlertReceiver } from '../support/alert-receiver';
import { startAlertingHarness, type AlertingHarness } from '../support/alerting-harness';
import type { Harness } from '../support/harness';

/** A ShipStation secret from a file goes wrong while ucship runs (an expired or badly rotated key), then is fixed. */

let stack: AlertingHarness;
let h: Harness;
let receiver: AlertReceiver;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-creds-'));
const secretFile = path.join(dir, 'shipstation-secret');
let n = 0;

beforeAll(async () => {
  fs.writeFileSync(secretFile, 'sandbox-secret\n');
  stack = await startAlertingHarness({
    configure: (config) => {
      config.shipstation.apiSecretFile = secretFile;
    },
  });
  ({ h, receiver } = stack);
}, 60_000);

afterAll(async () => {
  await stack?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const order = () => {
  n += 1;
  return { ...demoOrderOfKind('basic', { merchantId: h.merchantId, n }), order_id: `CRED-${n}-${Date.now() % 100000}` } as Record<string, unknown> & { order_id: string };
};

async function intoShipStation(): Promise<string> {
  const o = order();
  await h.ucAdmin.postOrders(o);
  await h.ingest();
  await h.waitForStage(o.order_id, 'awaiting_shipment');
  return o.order_id;
}

it('a wrong ShipStation secret gives one alert naming the setting; fixed in its file, orders flow again without a restart', async () => {
  await intoShipStation();

  fs.writeFileSync(secretFile, 'a-wrong-secret\n');
  const blocked = order();
  await h.ucAdmin.postOrders(blocked);
  await h.ingest();
  await waitFor('the credential alert', () => receiver.of('credential_refused').length > 0, { timeoutMs: 30_000 });
  const [refused] = receiver.of('credential_refused');
  expect(refused.items).toEqual([expect.objectContaining({ subject: 'shipstation', action: expect.stringContaining('SHIPSTATION_API_SECRET') })]);
  expect(refused.raw).not.toContain('a-wrong-secret');
  expect(refused.raw).not.toContain('sandbox-secret');
  expect(await h.metrics.registry.getSingleMetricAsString('ucship_credentials_refused')).toMatch(/side="shipstation"\} 1/);
  expect(await h.metrics.registry.getSingleMetricAsString('ucship_api_calls_total')).toMatch(/side="shipstation",outcome="refused"\} [1-9]/);

  // The order waits (retrying, still queued in UltraCart), never parks for a person.
  const waiting = await h.waitForStage(blocked.order_id, 'retrying');
  expect(waiting.reason).toMatch(/SHIPSTATION_API_SECRET/);
  expect((await h.ucAdmin.order(blocked.order_id)).imported).toBe(false);

  // More refused calls while it stays wrong: still one alert.
  const second = order();
  await h.ucAdmin.postOrders(second);
  await h.ingest();
  await new Promise((r) => setTimeout(r, 3_000));
  expect(receiver.of('credential_refused')).toHaveLength(1);

  // Fixed in the file: nothing else calls ShipStation now, the alerts sweep's probe notices, and the orders that
  // waited go on by themselves at once (their own retry is 5 minutes away): told "retry now", not requeued.
  fs.writeFileSync(secretFile, 'sandbox-secret\n');
  await waitFor('the all-clear', () => receiver.of('credential_restored').length > 0, { timeoutMs: 30_000 });
  for (const o of [blocked, second]) {
    const s = await h.waitForStage(o.order_id, 'awaiting_shipment');
    expect(s.attempts).toBe(2);
    expect((await h.ucAdmin.order(o.order_id)).imported).toBe(true);
  }
  await intoShipStation();
  expect(receiver.of('credential_refused')).toHaveLength(1);
  // The blocked orders were the credential alert's news, not parked orders for a person.
  expect(receiver.of('order_parked').filter((a) => a.raw.includes(blocked.order_id) || a.raw.includes(second.order_id))).toEqual([]);
  expect(await h.metrics.registry.getSingleMetricAsString('ucship_credentials_refused')).toMatch(/side="shipstation"\} 0/);
});
